package io.opsbot.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ApplicationListener;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * With {@code -Dopsbot.startup-steps=true}, the start-up's slowest steps (bean creations, configuration parsing, the
 * web server), longest first, printed once the bot is ready: where a slow start goes. Off by default (buffering the
 * steps costs memory).
 */
final class StartupSteps {

    private static final int SHOWN = 60;

    private StartupSteps() {
    }

    static void recordIfAsked(SpringApplication application) {
        if (!Boolean.getBoolean("opsbot.startup-steps")) {
            return;
        }
        BufferingApplicationStartup steps = new BufferingApplicationStartup(100_000);
        application.setApplicationStartup(steps);
        application.addListeners((ApplicationListener<ApplicationReadyEvent>) ready -> {
            List<TimelineEvent> all = new ArrayList<>(steps.getBufferedTimeline().getEvents());
            all.sort(Comparator.comparing(TimelineEvent::getDuration).reversed());
            for (TimelineEvent event : all.subList(0, Math.min(SHOWN, all.size()))) {
                StringBuilder tags = new StringBuilder();
                event.getStartupStep().getTags().forEach(tag -> tags.append(' ').append(tag.getKey()).append('=')
                        .append(tag.getValue()));
                System.out.printf("startup step %6d ms %s%s%n", event.getDuration().toMillis(),
                        event.getStartupStep().getName(), tags);
            }
        });
    }
}
