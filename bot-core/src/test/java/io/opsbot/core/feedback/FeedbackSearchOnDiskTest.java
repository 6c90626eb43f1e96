package io.opsbot.core.feedback;

import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.sequence.SequenceService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.Tenants;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The search index kept on disk, against MongoDB over TCP: a restart opens it at the version its commit names and
 * catches up from the change log instead of reading every item again; a missing or damaged one is built again. The
 * context's own {@link FeedbackSearch} (in memory) plays the other instance that makes changes meanwhile.
 *
 * <p>Some tests change an item without logging the change (as no code path does): such a change is seen only by a
 * build, so whether it is found tells a build from an opening.
 */
@CoreTest
class FeedbackSearchOnDiskTest {

    @Autowired
    FeedbackService feedback;
    @Autowired
    FeedbackSearch otherInstance;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    SequenceService sequences;
    @Autowired
    MutableClock clock;
    @TempDir
    Path folder;

    private TenantRef tenant;
    private Invoker reporter;
    private final List<FeedbackSearch> started = new ArrayList<>();

    @BeforeEach
    void setUp() {
        tenant = Tenants.slack();
        reporter = Tenants.inChannel(tenant, "U1", "Rae", "C1");
    }

    @AfterEach
    void stopAll() {
        started.forEach(FeedbackSearch::close);
    }

    private FeedbackSearch start(Path in) {
        FeedbackSearch search = new FeedbackSearch(mongo, sequences, clock, Runnable::run, in);
        started.add(search);
        return search;
    }

    /** Captured through the service (its change logged by the other instance). */
    private FeedbackItem capture(String text) {
        return feedback.capture(reporter, FeedbackTextParser.parse(text, List.of("reporting", "mobile")),
                FeedbackSource.COMMAND);
    }

    /** Moves the item to another area without logging the change: only a build of the index sees it. */
    private void changeUnlogged(FeedbackItem item, String area) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(item.getId())), new Update().set("area", area),
                FeedbackItem.class);
    }

    /** "Slow search" captured and found by an instance that keeps its index in the folder, then stopped. */
    private FeedbackItem slowSearchIndexedOnDiskAndStopped() {
        FeedbackItem item = capture("Slow search");
        FeedbackSearch first = start(folder);
        assertThat(numbers(first, "slow")).containsExactly(1L);
        first.close();
        return item;
    }

    private List<Long> numbers(FeedbackSearch on, String typed) {
        FeedbackQuery query = FeedbackQuery.parse(typed, reporter.user(), List.of("reporting", "mobile"));
        return on.search(tenant, query, 0, 50).itemIds().stream()
                .map(id -> mongo.findById(id, FeedbackItem.class).getNumber()).toList();
    }

    @Test
    void aRestartOpensTheIndexOnDiskAndCatchesUpAChangeMadeWhileItWasDown() {
        capture("Gantt chart export");
        FeedbackSearch first = start(folder);
        assertThat(numbers(first, "gantt")).containsExactly(1L);
        first.close();

        capture("Gantt chart zoom");
        changeUnlogged(feedback.get(tenant, FeedbackItem.KIND.of(1)), "mobile");

        FeedbackSearch again = start(folder);
        assertThat(numbers(again, "gantt")).as("the capture made while down is caught up from the change log")
                .containsExactly(2L, 1L);
        assertThat(numbers(again, "#mobile")).as("opened from disk, not built: the unlogged change is not seen")
                .isEmpty();
        assertThat(again.indexedVersion(tenant)).contains(sequences.current(FeedbackSearch.versionKey(tenant)));
    }

    @Test
    void aCrashAfterAChangeInPlaceLosesNothing() throws IOException {
        FeedbackSearch running = start(folder);
        capture("Offline mode");
        assertThat(numbers(running, "offline")).containsExactly(1L);
        FeedbackItem later = capture("Offline maps");
        running.changed(later);
        assertThat(numbers(running, "offline")).containsExactly(2L, 1L);

        // The disk as a crash leaves it: the last commit (the build's), not the change applied in place since.
        Path crashed = Files.createDirectory(folder.resolve("crashed"));
        copy(folder.resolve(TenantIndexFolder.folderName(tenant)),
                crashed.resolve(TenantIndexFolder.folderName(tenant)));

        FeedbackSearch restarted = start(crashed);
        assertThat(numbers(restarted, "offline")).containsExactly(2L, 1L);
        assertThat(restarted.indexedVersion(tenant))
                .contains(sequences.current(FeedbackSearch.versionKey(tenant)));
    }

    @Test
    void aDamagedIndexIsBuiltAgain() throws IOException {
        FeedbackItem item = slowSearchIndexedOnDiskAndStopped();
        changeUnlogged(item, "mobile");
        try (Stream<Path> files = Files.walk(folder.resolve(TenantIndexFolder.folderName(tenant)))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
                Files.write(file, new byte[] {1, 2, 3});
            }
        }

        FeedbackSearch again = start(folder);
        assertThat(numbers(again, "#mobile")).as("built from the items").containsExactly(1L);
        assertThat(numbers(again, "slow")).containsExactly(1L);
    }

    @Test
    void anIndexOfTheFormerFormatIsBuiltAgainSortedNewestFirst() throws IOException {
        FeedbackItem item = slowSearchIndexedOnDiskAndStopped();

        // What format 1 committed: the same commit data, segments in the order the items were added (no index sort).
        Path tenantFolder = folder.resolve(TenantIndexFolder.folderName(tenant));
        Path built;
        try (Stream<Path> generations = Files.list(tenantFolder)) {
            built = generations.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Map<String, String> data = new HashMap<>();
        try (Directory directory = FSDirectory.open(built)) {
            data.putAll(SegmentInfos.readLatestCommit(directory).getUserData());
        }
        data.put("format", "1");
        long newer = Long.parseLong(built.getFileName().toString().substring(1)) + 1;
        try (Directory directory = FSDirectory.open(tenantFolder.resolve("g" + newer));
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            Document doc = new Document();
            doc.add(new StringField("id", item.getId(), Field.Store.YES));
            doc.add(new NumericDocValuesField("number", 1));
            doc.add(new TextField("text", "Slow search", Field.Store.NO));
            writer.addDocument(doc);
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
        }
        changeUnlogged(item, "mobile");

        FeedbackSearch again = start(folder);
        assertThat(numbers(again, "#mobile")).as("built again: the unlogged change is seen").containsExactly(1L);
        assertThat(again.sortedNewestFirst(tenant)).isTrue();
        FeedbackItem next = capture("Slow export");
        again.changed(next);
        assertThat(numbers(again, "slow")).containsExactly(2L, 1L);
        assertThat(again.sortedNewestFirst(tenant)).as("a change in place keeps the order").isTrue();
    }

    @Test
    void aMissingIndexIsBuiltAgain() throws IOException {
        FeedbackItem item = slowSearchIndexedOnDiskAndStopped();
        changeUnlogged(item, "mobile");
        delete(folder.resolve(TenantIndexFolder.folderName(tenant)));

        FeedbackSearch again = start(folder);
        assertThat(numbers(again, "#mobile")).as("built from the items").containsExactly(1L);
    }

    @Test
    void anIndexAheadOfTheDatabaseIsBuiltAgain() {
        FeedbackItem item = capture("Slow search");
        FeedbackSearch first = start(folder);
        assertThat(numbers(first, "slow")).containsExactly(1L);
        first.changed(item);
        first.close();
        // As after restoring a backup of the database taken before the index's last commit.
        long current = sequences.current(FeedbackSearch.versionKey(tenant));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(FeedbackSearch.versionKey(tenant))),
                new Update().set("value", current - 1), "counters");
        changeUnlogged(item, "mobile");

        FeedbackSearch again = start(folder);
        assertThat(numbers(again, "#mobile")).as("built from the items").containsExactly(1L);
    }

    @Test
    void anIndexBuiltAgainstAnotherDatabaseIsBuiltAgain() {
        FeedbackItem item = slowSearchIndexedOnDiskAndStopped();
        // As with a new database (the folder kept from an earlier one): it has no epoch for the tenant yet.
        mongo.remove(Query.query(Criteria.where("_id").is(tenant.key())), FeedbackSearch.EPOCHS);
        changeUnlogged(item, "mobile");

        FeedbackSearch again = start(folder);
        assertThat(numbers(again, "#mobile")).as("built from the items").containsExactly(1L);
    }

    @Test
    void twoInstancesEachWithItsOwnFolderSeeEachOthersChanges() {
        FeedbackSearch a = start(folder.resolve("a"));
        FeedbackSearch b = start(folder.resolve("b"));
        FeedbackItem first = capture("Calendar sync");
        a.changed(first);
        assertThat(numbers(b, "calendar")).containsExactly(1L);
        FeedbackItem second = capture("Calendar invites");
        b.changed(second);
        assertThat(numbers(a, "calendar")).containsExactly(2L, 1L);
        a.close();

        FeedbackItem third = capture("Calendar colours");
        b.changed(third);
        FeedbackSearch aAgain = start(folder.resolve("a"));
        assertThat(numbers(aAgain, "calendar")).containsExactly(3L, 2L, 1L);
    }

    @Test
    void aFolderHeldByAnotherInstanceIsNotShared() {
        FeedbackSearch holder = start(folder);
        capture("Dark mode");
        assertThat(numbers(holder, "dark")).containsExactly(1L);

        FeedbackSearch second = start(folder);
        assertThat(numbers(second, "dark")).as("kept in memory instead").containsExactly(1L);
        FeedbackItem next = capture("Dark mode for mobile");
        holder.changed(next);
        assertThat(numbers(holder, "dark")).containsExactlyInAnyOrder(1L, 2L);
        assertThat(numbers(second, "dark")).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void aLargeTenantWithoutAnIndexOnDiskIsBuiltAsideWhileRequestsAreAnswered() {
        List<FeedbackItem> many = new ArrayList<>();
        for (int n = 1; n <= FeedbackSearch.BUILD_WHILE_CAPTURING + 1; n++) {
            many.add(new FeedbackItem(tenant, sequences.next(FeedbackService.numberKey(tenant)), reporter.user(),
                    "Rae", FeedbackTextParser.parse("Batch item " + n, List.of()), FeedbackSource.COMMAND,
                    clock.instant()));
        }
        mongo.insertAll(many);
        List<Runnable> aside = new ArrayList<>();
        FeedbackSearch search = new FeedbackSearch(mongo, sequences, clock, aside::add, folder);
        started.add(search);
        FeedbackQuery batch = FeedbackQuery.parse("batch", reporter.user(), List.of());

        assertThatThrownBy(() -> search.search(tenant, batch, 0, 1)).isInstanceOf(UserError.class)
                .hasMessageContaining("being prepared");
        assertThat(search.byReporter(reporter.user(), 5)).isEmpty();
        assertThat(aside).as("one build, however many asked").hasSize(1);

        aside.get(0).run();

        assertThat(search.search(tenant, FeedbackQuery.ALL, 0, 1).total()).isEqualTo(FeedbackSearch.BUILD_WHILE_CAPTURING + 1);
    }

    @Test
    void requestsAskingWhileTheBuildRunsAsideDoNotDisturbIt() throws Exception {
        List<FeedbackItem> many = new ArrayList<>();
        for (int n = 1; n <= FeedbackSearch.BUILD_WHILE_CAPTURING + 1; n++) {
            many.add(new FeedbackItem(tenant, sequences.next(FeedbackService.numberKey(tenant)), reporter.user(),
                    "Rae", FeedbackTextParser.parse("Batch item " + n, List.of()), FeedbackSource.COMMAND,
                    clock.instant()));
        }
        mongo.insertAll(many);
        java.util.concurrent.ExecutorService aside = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            FeedbackSearch search = new FeedbackSearch(mongo, sequences, clock, aside, folder);
            started.add(search);

            // Asked again and again while the build runs (its generation on disk not committed yet).
            long total = -1;
            for (int asked = 0; total < 0 && asked < 20_000; asked++) {
                try {
                    total = search.search(tenant, FeedbackQuery.ALL, 0, 1).total();
                } catch (UserError preparing) {
                    Thread.onSpinWait();
                }
            }
            assertThat(total).isEqualTo(FeedbackSearch.BUILD_WHILE_CAPTURING + 1);
        } finally {
            aside.shutdown();
            assertThat(aside.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted().toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().endsWith(".lock")) {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void delete(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
