package io.opsbot.core.feedback;

import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.ChatFile;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.FileSender;
import io.opsbot.core.tenant.TenantRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * {@code feedback export [filters]}: the person is answered at once with how many items are coming, and the CSV is
 * built and handed to them in their direct messages after the answer (Slack: an uploaded file; Teams: a signed,
 * short-lived download link), so neither Slack's 3 s nor Teams' 15 s wait on it. If the file cannot be delivered the
 * person is told, through the outbox, to run it again.
 */
@Component
public class FeedbackExport {

    private static final Logger log = LoggerFactory.getLogger(FeedbackExport.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")
            .withZone(ZoneOffset.UTC);

    private final FeedbackService feedback;
    private final FileSender files;
    private final Outbox outbox;
    private final Executor executor;
    private final Clock clock;

    public FeedbackExport(FeedbackService feedback, FileSender files, Outbox outbox,
                          @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) Executor executor, Clock clock) {
        this.feedback = feedback;
        this.files = files;
        this.outbox = outbox;
        this.executor = executor;
        this.clock = clock;
    }

    /** Answers at once (counting may need the search index built, which can take seconds), exports after. */
    Response start(Invoker invoker, FeedbackQuery query) {
        executor.execute(() -> deliver(invoker, query));
        return Response.privately(FeedbackCards.exportStarted(query, invoker.direct()));
    }

    /** An export: the CSV file, and how many items it holds. */
    public record Export(ChatFile file, int items) {
    }

    /** Builds the file of the tenant's items matching the query: what a person gets, and what the benchmark times. */
    public Export build(TenantRef tenant, FeedbackQuery query) {
        List<FeedbackItem> items = feedback.all(tenant, query);
        return new Export(new ChatFile("feedback-" + STAMP.format(clock.instant()) + ".csv", FeedbackCsv.MEDIA_TYPE,
                FeedbackCsv.write(items)), items.size());
    }

    private void deliver(Invoker invoker, FeedbackQuery query) {
        Destination.Direct to = new Destination.Direct(invoker.user());
        try {
            Export export = build(invoker.tenant(), query);
            if (export.items() == 0) {
                outbox.enqueue("feedback-export-empty:" + UUID.randomUUID(), to, FeedbackCards.exportEmpty(query),
                        clock.instant().plus(Duration.ofHours(1)));
                return;
            }
            files.send(to, export.file(), FeedbackCards.exportReady(query, export.items()));
        } catch (RuntimeException e) {
            log.warn("Feedback export for {} failed: {}", invoker.user(), e.toString());
            outbox.enqueue("feedback-export-failed:" + UUID.randomUUID(), to, FeedbackCards.exportFailed(),
                    clock.instant().plus(Duration.ofHours(1)));
        }
    }
}
