package io.opsbot.teams.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.MemberJoined;
import io.opsbot.core.people.MemberJoins;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.teams.people.TeamsMembers;
import org.springframework.stereotype.Component;

/**
 * People added to a team the bot is installed in ({@code conversationUpdate} with {@code membersAdded} in a team
 * channel): each person (not the bot, no other bot, not an anonymous meeting guest) is announced to the core as a
 * join, known by their Entra object id. Installs of the bot itself are {@link Installations}' business.
 */
@Component
class TeamMemberJoins {

    private final MemberJoins joins;
    private final TeamsMembers members;

    TeamMemberJoins(MemberJoins joins, TeamsMembers members) {
        this.joins = joins;
        this.members = members;
    }

    void onConversationUpdate(InboundActivity inbound) {
        String team = inbound.teamId();
        if (team == null || !inbound.membersAdded().isArray()) {
            return;
        }
        String bot = inbound.botId();
        Destination.Channel channel = new Destination.Channel(inbound.tenant(), inbound.baseConversationId());
        for (JsonNode member : inbound.membersAdded()) {
            String id = member.path("id").asText("");
            if (!id.startsWith("29:") || id.equals(bot)) {
                continue;
            }
            String aad = member.path("aadObjectId").asText(null);
            String person = members.personId(inbound.tenant(), inbound.serviceUrl(), team, id, aad);
            String name = member.path("name").asText(null);
            if (name == null) {
                name = members.member(inbound.serviceUrl(), team, id).map(TeamsMembers.Member::name).orElse(null);
            }
            joins.memberJoined(new MemberJoined(new UserRef(inbound.tenant(), person), name,
                    MemberJoined.Scope.TEAM, channel, null));
        }
    }
}
