package io.opsbot.slack.people;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsMembersResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import io.opsbot.core.messaging.Destination;
import io.opsbot.core.people.PeopleDirectory;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Slack knows about people: names and zones ({@code users.info}, scope users:read) and channel members
 * ({@code conversations.members}, scopes channels:read / groups:read), bots and deactivated accounts left out.
 */
public class SlackPeopleDirectory implements PeopleDirectory {

    /** Large channels are cut here: one users.info per member is needed to leave bots out. */
    static final int MAX_MEMBERS = 500;
    private static final Logger log = LoggerFactory.getLogger(SlackPeopleDirectory.class);

    private final MethodsClient client;

    public SlackPeopleDirectory(MethodsClient client) {
        this.client = client;
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    /** The Slack user, or empty when Slack does not answer. */
    public Optional<User> user(String userId) {
        try {
            UsersInfoResponse response = client.usersInfo(r -> r.user(userId));
            if (response.isOk() && response.getUser() != null) {
                return Optional.of(response.getUser());
            }
            log.warn("users.info {} failed: {}", userId, response.getError());
        } catch (Exception e) {
            log.warn("users.info {} failed: {}", userId, e.toString());
        }
        return Optional.empty();
    }

    /** A real, active person (not a bot, an app user or a deactivated account). */
    public static boolean isPerson(User user) {
        return !user.isBot() && !user.isAppUser() && !user.isDeleted() && !"USLACKBOT".equals(user.getId());
    }

    public static Optional<ZoneId> zone(User user) {
        String tz = user.getTz();
        try {
            return tz == null || tz.isBlank() ? Optional.empty() : Optional.of(ZoneId.of(tz));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    public static String name(User user) {
        if (user.getProfile() != null && user.getProfile().getDisplayName() != null
                && !user.getProfile().getDisplayName().isBlank()) {
            return user.getProfile().getDisplayName();
        }
        if (user.getRealName() != null && !user.getRealName().isBlank()) {
            return user.getRealName();
        }
        return user.getName();
    }

    @Override
    public Optional<ZoneId> zone(UserRef user) {
        return user(user.userId()).flatMap(SlackPeopleDirectory::zone);
    }

    @Override
    public Optional<String> displayName(UserRef user) {
        return user(user.userId()).map(SlackPeopleDirectory::name).filter(n -> n != null && !n.isBlank());
    }

    @Override
    public List<UserRef> members(Destination.Channel channel) {
        List<UserRef> people = new ArrayList<>();
        String cursor = null;
        int seen = 0;
        do {
            String page = cursor;
            ConversationsMembersResponse response;
            try {
                response = client.conversationsMembers(r -> r.channel(channel.channelId()).limit(200).cursor(page));
            } catch (Exception e) {
                log.warn("conversations.members {} failed: {}", channel.channelId(), e.toString());
                return people;
            }
            if (!response.isOk() || response.getMembers() == null) {
                log.warn("conversations.members {} failed: {}", channel.channelId(), response.getError());
                return people;
            }
            for (String id : response.getMembers()) {
                if (seen++ >= MAX_MEMBERS) {
                    return people;
                }
                if (user(id).map(SlackPeopleDirectory::isPerson).orElse(true)) {
                    people.add(new UserRef(channel.tenant(), id));
                }
            }
            cursor = response.getResponseMetadata() == null ? null : response.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isBlank());
        return people;
    }
}
