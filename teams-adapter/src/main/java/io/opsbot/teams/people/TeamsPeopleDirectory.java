package io.opsbot.teams.people;

import io.opsbot.core.messaging.Destination;
import io.opsbot.core.people.PeopleDirectory;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.teams.conversations.ConversationReferences;
import io.opsbot.teams.conversations.TeamsConversation;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What Teams tells about people: the members of a channel's team or of a group chat (by Entra object id; bots and
 * guests without one are left out). Teams has no profile time zone or name lookup for a bot, so those stay empty.
 */
@Component
public class TeamsPeopleDirectory implements PeopleDirectory {

    private final TeamsMembers members;
    private final ConversationReferences references;

    public TeamsPeopleDirectory(TeamsMembers members, ConversationReferences references) {
        this.members = members;
        this.references = references;
    }

    @Override
    public Platform platform() {
        return Platform.TEAMS;
    }

    @Override
    public Optional<ZoneId> zone(UserRef user) {
        return Optional.empty();
    }

    @Override
    public Optional<String> displayName(UserRef user) {
        return Optional.empty();
    }

    @Override
    public List<UserRef> members(Destination.Channel channel) {
        Optional<TeamsConversation> conversation = references.find(channel.tenant(), channel.channelId());
        if (conversation.isEmpty()) {
            return List.of();
        }
        TeamsConversation known = conversation.get();
        String roster = known.getTeamId() != null ? known.getTeamId() : known.getConversationId();
        return members.members(known.getServiceUrl(), roster).stream()
                .filter(m -> m.aadObjectId() != null && !m.aadObjectId().isBlank())
                .filter(m -> m.id() == null || !m.id().startsWith("28:"))
                .map(m -> new UserRef(channel.tenant(), m.aadObjectId()))
                .distinct().toList();
    }
}
