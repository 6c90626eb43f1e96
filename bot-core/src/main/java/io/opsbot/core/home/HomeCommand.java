package io.opsbot.core.home;

import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Subcommand;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@code home}: what is waiting for me. */
@Component
public class HomeCommand implements Command {

    private final HomeService homes;

    public HomeCommand(HomeService homes) {
        this.homes = homes;
    }

    @Override
    public String name() {
        return "home";
    }

    @Override
    public String summary() {
        return "what is waiting for you: standup, check-ins, onboarding, trainings, announcements, your feedback";
    }

    @Override
    public List<Subcommand> subcommands() {
        return List.of(Subcommand.bare().help("show it, each item with its button").handledBy((invoker, args) ->
                Response.privately(HomeCards.card(homes.of(invoker.user(), invoker.zone())))));
    }
}
