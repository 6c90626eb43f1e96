package io.opsbot.slack.outbound;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsMembersResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.PeopleDirectory;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.installation.SlackInstallations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Slack knows about people: a profile's time zone and name ({@code users.info}) and a channel's members
 * ({@code conversations.members}, bots left out), asked with the token of the tenant's installation. Failures are
 * logged and answered with "unknown": a standup then falls back to its own zone rather than failing.
 */
public class SlackPeopleDirectory implements PeopleDirectory {

    private static final Logger log = LoggerFactory.getLogger(SlackPeopleDirectory.class);
    private static final int PAGE = 200;

    private final Slack slack;
    private final SlackInstallations installations;
    /** Whether a user id is a bot: never changes, so it is remembered for the life of the process. */
    private final Map<String, Boolean> bots = new ConcurrentHashMap<>();

    public SlackPeopleDirectory(Slack slack, SlackInstallations installations) {
        this.slack = slack;
        this.installations = installations;
    }

    private MethodsClient client(TenantRef tenant) {
        return SlackChatGateway.clientFor(slack, installations, tenant);
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public Optional<ZoneId> zone(UserRef user) {
        return info(user.tenant(), user.userId()).map(User::getTz).flatMap(SlackPeopleDirectory::zoneOf);
    }

    @Override
    public Optional<String> displayName(UserRef user) {
        return info(user.tenant(), user.userId()).map(u -> {
            if (u.getProfile() != null && u.getProfile().getDisplayName() != null
                    && !u.getProfile().getDisplayName().isBlank()) {
                return u.getProfile().getDisplayName();
            }
            return u.getRealName() != null && !u.getRealName().isBlank() ? u.getRealName() : u.getName();
        });
    }

    @Override
    public List<UserRef> members(Destination.Channel channel) {
        List<UserRef> people = new ArrayList<>();
        String cursor = null;
        try {
            MethodsClient client = client(channel.tenant());
            do {
                String page = cursor;
                ConversationsMembersResponse response = client.conversationsMembers(r -> r
                        .channel(channel.channelId()).limit(PAGE).cursor(page));
                if (!response.isOk()) {
                    log.warn("conversations.members {} failed: {}", channel.channelId(), response.getError());
                    return people;
                }
                for (String id : response.getMembers()) {
                    if (!isBot(channel.tenant(), id)) {
                        people.add(new UserRef(channel.tenant(), id));
                    }
                }
                cursor = response.getResponseMetadata() == null ? null
                        : response.getResponseMetadata().getNextCursor();
            } while (cursor != null && !cursor.isBlank());
        } catch (Exception e) {
            log.warn("conversations.members {} failed: {}", channel.channelId(), e.toString());
        }
        return people;
    }

    private boolean isBot(TenantRef tenant, String userId) {
        return bots.computeIfAbsent(userId, id -> info(tenant, id).map(u -> !isPerson(u)).orElse(false));
    }

    /** A real, active person: not a bot, an app user, Slackbot or a deactivated account. */
    public static boolean isPerson(User user) {
        return !user.isBot() && !user.isAppUser() && !user.isDeleted() && !"USLACKBOT".equals(user.getId());
    }

    /** The person as users.info describes them; empty (and logged) when Slack does not answer. */
    public Optional<User> info(TenantRef tenant, String userId) {
        Optional<MethodsClient> client = installations.forTenant(tenant).map(i -> slack.methods(i.botToken()));
        if (client.isEmpty()) {
            // The app is not (or no longer) installed there: nobody to ask, and nothing worth a log line each time.
            return Optional.empty();
        }
        try {
            UsersInfoResponse response = client.get().usersInfo(r -> r.user(userId));
            if (response.isOk() && response.getUser() != null) {
                return Optional.of(response.getUser());
            }
            log.warn("users.info {} failed: {}", userId, response.getError());
        } catch (Exception e) {
            log.warn("users.info {} failed: {}", userId, e.toString());
        }
        return Optional.empty();
    }

    private static Optional<ZoneId> zoneOf(String tz) {
        try {
            return tz == null || tz.isBlank() ? Optional.empty() : Optional.of(ZoneId.of(tz));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
