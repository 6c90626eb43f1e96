package io.opsbot.core.home;

import io.opsbot.core.conversation.Action;
import io.opsbot.core.conversation.Actions;
import io.opsbot.core.conversation.Response;
import org.springframework.stereotype.Component;

import java.util.List;

/** The home's own button: Refresh redraws it in place ("Share feedback" is the feedback feature's). */
@Component
public class HomeActions implements Actions {

    private final HomeService homes;

    public HomeActions(HomeService homes) {
        this.homes = homes;
    }

    @Override
    public List<Action> actions() {
        return List.of(Action.anyone(HomeCards.REFRESH, (request, value) -> new Response.UpdateMessage(
                HomeCards.card(homes.of(request.invoker().user(), request.invoker().zone())))));
    }
}
