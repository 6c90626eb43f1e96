package io.opsbot.core.link;

import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * "Open in dashboard" for a message: the page that shows more of what the message is about. Every link is built here,
 * from the configured address, so a message never links to a dashboard that is not set up.
 */
@Component
@EnableConfigurationProperties(DashboardLinkProperties.class)
public class DashboardLinks {

    public static final String LABEL = "Open in dashboard";

    private final String base;

    public DashboardLinks(DashboardLinkProperties properties) {
        this.base = properties.dashboardUrl().replaceAll("/+$", "");
    }

    /** No links at all (chat only). */
    public static DashboardLinks none() {
        return new DashboardLinks(new DashboardLinkProperties(""));
    }

    public boolean enabled() {
        return !base.isEmpty();
    }

    /** The address of a dashboard page ({@code path} such as {@code /feedback/FB-12}), when there is a dashboard. */
    public Optional<String> url(String path) {
        return enabled() ? Optional.of(base + (path.startsWith("/") ? path : "/" + path)) : Optional.empty();
    }

    /** The message with an "Open in dashboard" line at its end, or unchanged when there is no dashboard. */
    public Message append(Message message, String path) {
        return url(path).map(url -> {
            Message.Builder linked = Message.builder(message.summary());
            message.blocks().forEach(linked::block);
            return linked.context(Markup.builder().link(url, "📊 " + LABEL).build()).build();
        }).orElse(message);
    }
}
