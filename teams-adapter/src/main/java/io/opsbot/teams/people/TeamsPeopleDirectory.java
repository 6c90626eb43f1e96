package io.opsbot.teams.people;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.schema.ChannelAccount;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.PeopleDirectory;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.teams.connector.ConnectorClients;
import io.opsbot.teams.connector.ConnectorFailures;
import io.opsbot.teams.conversations.ConversationReferences;
import io.opsbot.teams.conversations.TeamsConversation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Teams tells the core about people.
 * <ul>
 *   <li>{@link #zone}: Teams has no profile time zone for bots. The zone a person's Teams client reported with their
 *       last message is the answer, as a hint: the core still prefers the zone the person set with {@code timezone}
 *       and falls back to the ritual's zone when neither is known.</li>
 *   <li>{@link #displayName}: the name Teams showed in the person's own activities or in a roster; for someone
 *       picked from the directory who never talked to the bot, the bot asks the rosters of its teams for them
 *       (at most once a day per person), so summaries show names rather than object ids.</li>
 *   <li>{@link #members}: the roster of the channel's team (or of the group chat), people only, by Entra object id,
 *       read through the Bot Connector at the conversation's stored service URL.</li>
 * </ul>
 */
@Component
public class TeamsPeopleDirectory implements PeopleDirectory {

    private static final Logger log = LoggerFactory.getLogger(TeamsPeopleDirectory.class);

    /** A roster younger than this is used as is: Teams throttles the roster API hard. */
    static final Duration ROSTER_FRESH = Duration.ofMinutes(10);
    /** Someone no team of the bot's knows is looked up again after this long. */
    static final Duration LOOK_UP_AGAIN = Duration.ofDays(1);
    /** How many of the bot's teams (most recently active first) a look-up asks. */
    static final int LOOK_UP_TEAMS = 3;
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Roles of roster entries that are not people the bot can ask anything. */
    private static final Set<String> NOT_PEOPLE = Set.of("anonymous", "bot");

    private final ConnectorClients connectors;
    private final ConversationReferences references;
    private final TeamsPeople people;
    private final MongoTemplate mongo;
    private final Clock clock;

    public TeamsPeopleDirectory(ConnectorClients connectors, ConversationReferences references, TeamsPeople people,
                                MongoTemplate mongo, Clock clock) {
        this.connectors = connectors;
        this.references = references;
        this.people = people;
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public Platform platform() {
        return Platform.TEAMS;
    }

    @Override
    public Optional<ZoneId> zone(UserRef user) {
        return people.find(user.tenant(), user.userId()).map(TeamsPerson::getClientZone).flatMap(id -> {
            try {
                return Optional.of(ZoneId.of(id));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<String> displayName(UserRef user) {
        Optional<TeamsPerson> known = people.find(user.tenant(), user.userId());
        Optional<String> name = known.map(TeamsPerson::getName).filter(n -> !n.isBlank());
        if (name.isPresent() || !isGuid(user.userId())) {
            // Only Entra object ids can be looked up; a "29:" id is someone the adapter saw and named already.
            return name;
        }
        Instant lookedUp = known.map(TeamsPerson::getLookedUpAt).orElse(null);
        if (lookedUp != null && lookedUp.plus(LOOK_UP_AGAIN).isAfter(clock.instant())) {
            return Optional.empty();
        }
        return lookUp(user).map(TeamsPeople.Member::name);
    }

    /**
     * Asks the rosters of the bot's most recently active teams for one person by Entra object id
     * ({@code GET /v3/conversations/{team}/members/{id}}); 403/404 from a team just means "not there".
     */
    private Optional<TeamsPeople.Member> lookUp(UserRef user) {
        TenantRef tenant = user.tenant();
        Map<String, TeamsConversation> teams = new LinkedHashMap<>();
        for (TeamsConversation conversation : references.channels(tenant, 50)) {
            if (conversation.getTeamId() != null && teams.size() < LOOK_UP_TEAMS) {
                teams.putIfAbsent(conversation.getTeamId(), conversation);
            }
        }
        TeamsPeople.Member found = null;
        boolean settled = true;
        for (Map.Entry<String, TeamsConversation> team : teams.entrySet()) {
            try {
                ChannelAccount account = ConnectorFailures.call("member", () -> connectors
                        .conversations(team.getValue().getServiceUrl()).getConversationMember(user.userId(),
                                team.getKey()));
                List<TeamsPeople.Member> member = account == null ? List.of() : people(tenant, List.of(account));
                if (!member.isEmpty()) {
                    found = member.get(0);
                    break;
                }
            } catch (DeliveryException e) {
                if (e.retryable()) {
                    settled = false;
                    log.warn("Could not look up {} in Teams team {}: {}", user, team.getKey(), e.getMessage());
                }
            }
        }
        // Asked again tomorrow unless a team was out of reach for a moment (then at the next occasion).
        if (!teams.isEmpty() && (found != null || settled)) {
            people.lookedUp(tenant, user.userId(), found);
        }
        return Optional.ofNullable(found);
    }

    /**
     * The people of the channel's team (a standard channel has its team's members), or of the group chat. Empty, with
     * a warning, when the bot is not (or no longer) there; after a passing failure the last roster read is used.
     */
    @Override
    public List<UserRef> members(Destination.Channel channel) {
        TenantRef tenant = channel.tenant();
        Optional<TeamsConversation> found = references.find(tenant, channel.channelId());
        if (found.isEmpty()) {
            log.warn("Cannot list the members of Teams conversation {} in tenant {}: the bot has never been there",
                    channel.channelId(), tenant.tenantId());
            return List.of();
        }
        TeamsConversation conversation = found.get();
        String rosterId = conversation.getTeamId() != null ? conversation.getTeamId()
                : conversation.getConversationId();
        TeamsRoster stored = mongo.findById(TeamsRoster.key(tenant, rosterId), TeamsRoster.class);
        Instant now = clock.instant();
        if (stored != null && stored.getFetchedAt().plus(ROSTER_FRESH).isAfter(now)) {
            return users(tenant, stored.getMembers());
        }
        List<ChannelAccount> accounts;
        try {
            accounts = ConnectorFailures.call("roster", () -> connectors.conversations(conversation.getServiceUrl())
                    .getConversationMembers(rosterId));
        } catch (DeliveryException e) {
            if (e.retryable() && stored != null) {
                log.warn("Could not read the roster of Teams {} in tenant {} ({}); using the one read at {}",
                        rosterId, tenant.tenantId(), e.getMessage(), stored.getFetchedAt());
                return users(tenant, stored.getMembers());
            }
            log.warn("Could not read the roster of Teams {} in tenant {}: {}", rosterId, tenant.tenantId(),
                    e.getMessage());
            return List.of();
        }
        List<TeamsPeople.Member> members = people(tenant, accounts == null ? List.of() : accounts);
        people.learned(tenant, members);
        List<String> ids = members.stream().map(TeamsPeople.Member::aadObjectId).toList();
        mongo.save(new TeamsRoster(tenant, rosterId, ids, now));
        return users(tenant, ids);
    }

    /**
     * The people in a roster: entries with an Entra object id, in this tenant, that are neither bots nor anonymous
     * meeting guests. The object id comes as {@code aadObjectId} or, from the members endpoint, as {@code objectId}.
     */
    static List<TeamsPeople.Member> people(TenantRef tenant, List<ChannelAccount> accounts) {
        Map<String, TeamsPeople.Member> members = new LinkedHashMap<>();
        for (ChannelAccount account : accounts) {
            String id = account.getId();
            String role = property(account, "userRole");
            String aad = account.getAadObjectId() != null ? account.getAadObjectId() : property(account, "objectId");
            if (aad == null || aad.isBlank() || id != null && id.startsWith("28:")
                    || role != null && NOT_PEOPLE.contains(role.toLowerCase(Locale.ROOT))
                    || fromOtherTenant(tenant, property(account, "tenantId"))) {
                continue;
            }
            members.putIfAbsent(aad, new TeamsPeople.Member(aad, id, name(account)));
        }
        return new ArrayList<>(members.values());
    }

    private static String name(ChannelAccount account) {
        if (account.getName() != null && !account.getName().isBlank()) {
            return account.getName();
        }
        String given = property(account, "givenName");
        String surname = property(account, "surname");
        String full = ((given == null ? "" : given) + " " + (surname == null ? "" : surname)).strip();
        return full.isEmpty() ? null : full;
    }

    /** A member whose tenant id is another tenant's GUID (a shared channel's external member) is not ours to ask. */
    private static boolean fromOtherTenant(TenantRef tenant, String memberTenant) {
        return memberTenant != null && isGuid(memberTenant) && isGuid(tenant.tenantId())
                && !memberTenant.equalsIgnoreCase(tenant.tenantId());
    }

    private static boolean isGuid(String id) {
        return GUID.matcher(id).matches();
    }

    private static String property(ChannelAccount account, String name) {
        Map<String, JsonNode> properties = account.getProperties();
        JsonNode value = properties == null ? null : properties.get(name);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static List<UserRef> users(TenantRef tenant, List<String> ids) {
        return ids.stream().map(id -> new UserRef(tenant, id)).toList();
    }
}
