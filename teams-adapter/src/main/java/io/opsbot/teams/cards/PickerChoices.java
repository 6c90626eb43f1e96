package io.opsbot.teams.cards;

import java.util.List;

/**
 * What people and channel inputs offer on a card. Teams cards have no channel picker, and the Graph people search
 * ({@code Data.Query}) needs a Teams client with Graph access, so cards list the people and channels the bot already
 * knows in the tenant and, for people, also let the client search the directory.
 */
public record PickerChoices(List<CardElement.Choice> people, List<CardElement.Choice> channels) {

    public static final PickerChoices NONE = new PickerChoices(List.of(), List.of());

    public PickerChoices {
        people = List.copyOf(people);
        channels = List.copyOf(channels);
    }
}
