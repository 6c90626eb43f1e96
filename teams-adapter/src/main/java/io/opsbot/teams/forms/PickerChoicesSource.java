package io.opsbot.teams.forms;

import io.opsbot.core.people.PersonProfile;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.teams.cards.CardElement;
import io.opsbot.teams.cards.PickerChoices;
import io.opsbot.teams.conversations.ConversationReferences;
import io.opsbot.teams.conversations.TeamsConversation;
import io.opsbot.teams.people.TeamsPeople;
import io.opsbot.teams.people.TeamsPerson;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tenant's known people (by Entra object id, by name) and the channels the bot is in, for card pickers. */
@Component
public class PickerChoicesSource {

    static final int MAX_CHOICES = 100;

    private final ProfileService profiles;
    private final TeamsPeople teamsPeople;
    private final ConversationReferences references;

    public PickerChoicesSource(ProfileService profiles, TeamsPeople teamsPeople, ConversationReferences references) {
        this.profiles = profiles;
        this.teamsPeople = teamsPeople;
        this.references = references;
    }

    /**
     * People who used the bot and people the team rosters listed, by Entra object id, each shown by the best name
     * known: their own display name, else the roster's, else (only when nothing has a name) the id.
     */
    public PickerChoices forTenant(TenantRef tenant) {
        Map<String, String> names = new LinkedHashMap<>();
        for (PersonProfile profile : profiles.knownPeople(tenant, MAX_CHOICES)) {
            String id = profile.getUser().userId();
            String name = profile.getDisplayName();
            names.put(id, name == null || name.isBlank() || name.equals(id) ? null : name);
        }
        for (TeamsPerson person : teamsPeople.known(tenant, MAX_CHOICES)) {
            if (names.get(person.getAadObjectId()) == null && (names.size() < MAX_CHOICES
                    || names.containsKey(person.getAadObjectId()))) {
                names.put(person.getAadObjectId(), person.getName());
            }
        }
        List<CardElement.Choice> people = names.entrySet().stream()
                .map(e -> new CardElement.Choice(e.getValue() == null ? e.getKey() : e.getValue(), e.getKey()))
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
