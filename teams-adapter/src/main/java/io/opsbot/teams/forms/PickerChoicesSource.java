package io.opsbot.teams.forms;

import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.teams.cards.CardElement;
import io.opsbot.teams.cards.PickerChoices;
import io.opsbot.teams.conversations.ConversationReferences;
import io.opsbot.teams.conversations.TeamsConversation;
import org.springframework.stereotype.Component;

import java.util.List;

/** The tenant's known people (by Entra object id) and the channels the bot is in, for card pickers. */
@Component
public class PickerChoicesSource {

    static final int MAX_CHOICES = 100;

    private final ProfileService profiles;
    private final ConversationReferences references;

    public PickerChoicesSource(ProfileService profiles, ConversationReferences references) {
        this.profiles = profiles;
        this.references = references;
    }

    public PickerChoices forTenant(TenantRef tenant) {
        List<CardElement.Choice> people = profiles.knownPeople(tenant, MAX_CHOICES).stream()
                .map(p -> new CardElement.Choice(p.getDisplayName() == null ? p.getUser().userId()
                        : p.getDisplayName(), p.getUser().userId()))
                .toList();
        List<CardElement.Choice> channels = references.channels(tenant, MAX_CHOICES).stream()
                .map(c -> new CardElement.Choice(label(c), c.getConversationId()))
                .toList();
        return new PickerChoices(people, channels);
    }

    private static String label(TeamsConversation conversation) {
        if (conversation.getName() != null) {
            return conversation.getName();
        }
        String id = conversation.getConversationId();
        String kind = TeamsConversation.GROUP_CHAT.equals(conversation.getConversationType()) ? "Group chat"
                : "Channel";
        return kind + " " + id.substring(Math.max(0, id.indexOf(':') + 1), Math.min(id.length(),
                id.indexOf(':') + 9));
    }
}
