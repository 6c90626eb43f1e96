package io.opsbot.teams.inbound;

import io.opsbot.core.people.ProfileService;
import io.opsbot.teams.conversations.ConversationReferences;
import io.opsbot.teams.people.TeamsPeople;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Routes an authenticated activity. Every activity first refreshes its conversation reference (the service URL may
 * change); a message or invoke from a person also records who they are (name, Teams id, client time zone) for the
 * core's profiles and the Teams people directory. Then: typed messages and card submits go to the core,
 * adaptiveCard/action and message extension invokes are answered in the response, installs are welcomed, people added to a team are
 * announced as joins, and everything else is acknowledged and ignored.
 */
@Component
class ActivityDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ActivityDispatcher.class);

    private final ConversationReferences references;
    private final TextMessages textMessages;
    private final CardSubmissions cardSubmissions;
    private final Installations installations;
    private final TeamMemberJoins memberJoins;
    private final TeamsPeople people;
    private final ProfileService profiles;
    private final MessageExtensions messageExtensions;

    ActivityDispatcher(ConversationReferences references, TextMessages textMessages, CardSubmissions cardSubmissions,
                       Installations installations, TeamMemberJoins memberJoins, TeamsPeople people,
                       ProfileService profiles, MessageExtensions messageExtensions) {
        this.messageExtensions = messageExtensions;
        this.references = references;
        this.people = people;
        this.profiles = profiles;
        this.textMessages = textMessages;
        this.cardSubmissions = cardSubmissions;
        this.installations = installations;
        this.memberJoins = memberJoins;
    }

    InboundResult dispatch(InboundActivity inbound) {
        if (!inbound.hasTenant() || inbound.serviceUrl() == null || inbound.conversationId() == null) {
            log.info("Ignoring a Teams {} activity without tenant, service URL or conversation", inbound.type());
            return InboundResult.ok();
        }
        references.record(inbound.seen());
        String type = inbound.type();
        if (("message".equals(type) || "invoke".equals(type)) && inbound.userId() != null) {
            people.seen(inbound.tenant(), inbound.aadObjectId(), inbound.userId(), inbound.userName(), inbound.zone());
            profiles.seen(inbound.invoker());
        }
        if ("message".equals(type)) {
            if (inbound.value().isObject() && !inbound.value().isEmpty()) {
                cardSubmissions.onMessageSubmit(inbound);
            } else if (inbound.userId() != null) {
                textMessages.handle(inbound);
            }
        } else if ("invoke".equals(type) && CardSubmissions.INVOKE_NAME.equals(inbound.name())) {
            return cardSubmissions.onInvoke(inbound);
        } else if ("invoke".equals(type) && MessageExtensions.handles(inbound.name())) {
            return messageExtensions.onInvoke(inbound);
        } else if ("conversationUpdate".equals(type)) {
            installations.onConversationUpdate(inbound);
            memberJoins.onConversationUpdate(inbound);
        } else if ("installationUpdate".equals(type)) {
            installations.onInstallationUpdate(inbound);
        }
        return InboundResult.ok();
    }
}
