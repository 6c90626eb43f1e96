package io.opsbot.slack.inbound;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.model.event.AppHomeOpenedEvent;
import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.home.HomeTabs;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executor;

/**
 * {@code app_home_opened} on the Home tab (not the Messages tab): the person's home is published, after the ack.
 * Slack sends the event each time the tab is opened, so what the person sees is never older than their last visit.
 * Built on the interactive pool: the person is looking at the tab, so it never waits behind a fan-out.
 */
@Component
class AppHomeListener implements SlackListener {

    private final HomeTabs homeTabs;
    private final Executor executor;

    AppHomeListener(HomeTabs homeTabs, @Qualifier(CoreConfiguration.INTERACTIVE_EXECUTOR) Executor executor) {
        this.homeTabs = homeTabs;
        this.executor = executor;
    }

    @Override
    public void register(App app) {
        app.event(AppHomeOpenedEvent.class, this::onOpened);
    }

    private com.slack.api.bolt.response.Response onOpened(EventsApiPayload<AppHomeOpenedEvent> payload,
                                                          EventContext ctx) {
        AppHomeOpenedEvent event = payload.getEvent();
        if ("home".equals(event.getTab()) && event.getUser() != null && !event.getUser().isBlank()) {
            UserRef user = new UserRef(SlackInvokers.tenant(ctx), event.getUser());
            executor.execute(() -> homeTabs.opened(user));
        }
        return ctx.ack();
    }
}
