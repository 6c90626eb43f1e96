package io.opsbot.teams.cards;

import java.util.List;

/**
 * What people and channel inputs offer on a card. Teams cards (schema 1.5) have no channel picker and no directory
 * search (Data.Query is 1.6), so cards list, by name, the people and channels the bot already knows in the tenant.
 */
public record PickerChoices(List<CardElement.Choice> people, List<CardElement.Choice> channels) {

    public static final PickerChoices NONE = new PickerChoices(List.of(), List.of());

    public PickerChoices {
        people = List.copyOf(people);
        channels = List.copyOf(channels);
    }
}
