package io.opsbot.core.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.index.IndexResolver;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Creates every index, in one place, from what the document classes declare ({@code @Indexed},
 * {@code @CompoundIndex}): each {@code @Document} under {@code io.opsbot} is found at start-up and its indexes are
 * ensured before the bot takes requests. The scan and the 40-odd index commands run on a thread of their own while
 * the rest of the application is built (about a second of a start on 2 cores); they are awaited before anything starts
 * (web server, scheduler, outbox: this is the first {@link SmartLifecycle} phase), and a failure fails the start. Creating an index that exists is a no-op, so restarts and several instances
 * are safe. Keep an index's name when changing a class: MongoDB refuses the same keys under another name.
 */
@Component
public class Indexes implements InitializingBean, SmartLifecycle {

    static final String BASE_PACKAGE = "io.opsbot";

    private static final Logger log = LoggerFactory.getLogger(Indexes.class);

    /**
     * Indexes earlier versions created, by collection, that only cost now: each paired {@code _id} with the field an
     * update compares and sets (a version, a status), so that the embedded server, which took an index only for a
     * query on exactly its fields, would not scan the collection for those updates. It now answers any query that
     * names {@code _id} by value from the {@code _id} index (as MongoDB does), and every write kept these up to date
     * for nothing. Dropped at start where they exist.
     */
    static final Map<String, List<String>> RETIRED = Map.of(
            "deliveries", List.of("deliveries_lease", "deliveries_revision"),
            "feedback", List.of("feedback_status"),
            "dialogs", List.of("dialogs_state"),
            "dialog_heads", List.of("dialog_heads_active"),
            "rate_limits", List.of("rate_limits_version"));

    private final MongoTemplate mongo;
    private final BulkReads bulk;
    private CompletableFuture<Integer> ensuring;
    private volatile boolean running;

    public Indexes(MongoTemplate mongo, BulkReads bulk) {
        this.mongo = mongo;
        this.bulk = bulk;
    }

    /** Every class stored as a document, by name. */
    static List<Class<?>> documentClasses() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Document.class));
        List<Class<?>> types = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents(BASE_PACKAGE)) {
            types.add(ClassUtils.resolveClassName(definition.getBeanClassName(), Indexes.class.getClassLoader()));
        }
        types.sort(Comparator.comparing(Class::getName));
        return types;
    }

    /** The indexes one document class declares. */
    List<IndexDefinition> declaredBy(Class<?> type) {
        List<IndexDefinition> definitions = new ArrayList<>();
        IndexResolver.create(mongo.getConverter().getMappingContext()).resolveIndexFor(type)
                .forEach(definitions::add);
        return definitions;
    }

    @Override
    public void afterPropertiesSet() {
        ensuring = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                ensuring.complete(ensureAll());
            } catch (Throwable e) {
                ensuring.completeExceptionally(e);
            }
        }, "opsbot-indexes");
        thread.setDaemon(true);
        thread.start();
    }

    private int ensureAll() {
        int count = 0;
        for (Class<?> type : documentClasses()) {
            for (IndexDefinition index : declaredBy(type)) {
                // With the long read timeout: a new index on a large collection of the embedded database is built
                // by scanning it (once), which takes longer than a request may.
                bulk.template().indexOps(type).createIndex(index);
                count++;
            }
        }
        log.info("Ensured {} indexes", count);
        dropRetired();
        return count;
    }

    void dropRetired() {
        RETIRED.forEach((collection, names) -> {
            IndexOperations operations = bulk.template().indexOps(collection);
            List<String> present = operations.getIndexInfo().stream().map(IndexInfo::getName).filter(names::contains)
                    .toList();
            present.forEach(operations::dropIndex);
            if (!present.isEmpty()) {
                log.info("Dropped the indexes {} of {}, no longer used", present, collection);
            }
        });
    }

    /** Waits for the indexes: nothing that writes or serves starts before they exist. */
    @Override
    public void start() {
        try {
            ensuring.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
