package io.opsbot.core.feedback;

import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.sequence.SequenceService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.DatabaseCommands;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Search, duplicate suggestions and votes against MongoDB over TCP, with a second {@link FeedbackSearch} standing in
 * for a second instance of the bot: each keeps its own Lucene index, and the version marker keeps both correct.
 */
@CoreTest
class FeedbackSearchTest {

    @Autowired
    FeedbackService feedback;
    @Autowired
    FeedbackSearch search;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    SequenceService sequences;
    @Autowired
    MutableClock clock;
    @Autowired
    DatabaseCommands commands;

    private TenantRef tenant;
    private Invoker reporter;
    private FeedbackSearch otherInstance;

    @BeforeEach
    void setUp() {
        tenant = Tenants.slack();
        reporter = Tenants.inChannel(tenant, "U1", "Rae", "C1");
        otherInstance = new FeedbackSearch(mongo, sequences, clock, Runnable::run);
    }

    private FeedbackItem capture(String text) {
        return feedback.capture(reporter, FeedbackTextParser.parse(text, List.of("reporting", "mobile")),
                FeedbackSource.COMMAND);
    }

    /** An item written as another path or instance would, without telling the search. */
    private FeedbackItem write(String text) {
        return mongo.insert(new FeedbackItem(tenant, sequences.next("feedback:" + tenant.key()), reporter.user(),
                "Rae", FeedbackTextParser.parse(text, List.of()), FeedbackSource.COMMAND, clock.instant()));
    }

    private List<Long> numbers(FeedbackSearch on, String typed) {
        FeedbackQuery query = FeedbackQuery.parse(typed, reporter.user(), List.of("reporting", "mobile"));
        return on.search(tenant, query, 0, 50).itemIds().stream()
                .map(id -> mongo.findById(id, FeedbackItem.class).getNumber()).toList();
    }

    @Test
    void wordsAreStemmedAndRankedAndFiltersNarrow() {
        capture("Exporting reports to CSV times out #reporting");
        capture("Mobile app crashes on export #mobile");
        capture("Dark mode");

        assertThat(numbers(search, "export")).containsExactlyInAnyOrder(1L, 2L);
        assertThat(numbers(search, "exports csv")).containsExactly(1L);
        assertThat(numbers(search, "export #mobile")).containsExactly(2L);
        assertThat(numbers(search, "#reporting")).containsExactly(1L);
        assertThat(numbers(search, "the")).as("stop words alone find everything, newest first")
                .containsExactly(3L, 2L, 1L);
        assertThatThrownBy(() -> numbers(search, "#nowhere")).isInstanceOf(UserError.class)
                .hasMessageStartingWith("#nowhere is not a product area here.");
    }

    @Test
    void anotherInstancesIndexCatchesUpThroughTheVersionMarker() {
        capture("Gantt chart export");
        assertThat(numbers(otherInstance, "gantt")).containsExactly(1L);

        capture("Gantt chart zoom");
        Invoker triager = Tenants.inChannel(tenant, "U9", "Tri", "C1");
        feedback.changeStatus(triager, feedback.get(tenant, FeedbackItem.KIND.of(1)).getId(),
                FeedbackStatus.PLANNED, true);

        assertThat(numbers(otherInstance, "gantt")).containsExactly(2L, 1L);
        assertThat(numbers(otherInstance, "gantt status:planned")).containsExactly(1L);
        assertThat(otherInstance.indexedVersion(tenant)).contains(sequences.current(FeedbackSearch.versionKey(tenant)));
    }

    @Test
    void thisInstancesOwnChangesAreAppliedInPlaceWithoutARebuild() {
        capture("Offline mode");
        assertThat(numbers(search, "offline")).containsExactly(1L);
        long built = search.indexedVersion(tenant).orElseThrow();

        capture("Offline mode for tablets");

        assertThat(search.indexedVersion(tenant)).as("moved by one, in place").contains(built + 1);
        assertThat(numbers(search, "offline tablets")).containsExactly(2L);
    }

    @Test
    void aChangeAppliedHereAheadOfAnotherInstancesIsKeptAndTheGapCaughtUp() {
        capture("Offline mode");
        assertThat(numbers(search, "offline")).containsExactly(1L);
        long built = search.indexedVersion(tenant).orElseThrow();
        FeedbackItem elsewhere = write("Offline maps");
        FeedbackItem here = write("Offline sync");
        otherInstance.changed(elsewhere);
        search.changed(here);

        assertThat(search.indexedVersion(tenant)).as("applied, but the other instance's change is not here yet")
                .contains(built);
        assertThat(numbers(search, "offline")).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(search.indexedVersion(tenant)).contains(built + 2);
        assertThat(feedback.recentByReporter(reporter.user())).extracting(FeedbackItem::getNumber)
                .as("the reporter's own, newest first, from the index").containsExactly(3L, 2L, 1L);
        assertThat(feedback.find(tenant, elsewhere.reference())).map(FeedbackItem::getId).contains(elsewhere.getId());
    }

    @Test
    void theListIsTheirNewestAndEveryonesFromOneIndexLookAndOneReadById() {
        Invoker other = Tenants.inChannel(tenant, "U2", "Oli", "C1");
        for (int n = 1; n <= 14; n++) {
            feedback.capture(n <= 7 ? reporter : other, FeedbackTextParser.parse("Item " + n, List.of()),
                    FeedbackSource.COMMAND);
        }
        TenantRef elsewhere = Tenants.slack();
        feedback.capture(Tenants.inChannel(elsewhere, "U1", "Rae", "C1"), FeedbackTextParser.parse("Not here",
                List.of()), FeedbackSource.COMMAND);

        FeedbackService.Recent[] recent = new FeedbackService.Recent[1];
        List<String> sent = commands.during(() -> recent[0] = feedback.recent(reporter.user(), 10));

        assertThat(recent[0].theirs()).extracting(FeedbackItem::getNumber).as("their five newest")
                .containsExactly(7L, 6L, 5L, 4L, 3L);
        assertThat(recent[0].everyones().items()).extracting(FeedbackItem::getNumber)
                .containsExactly(14L, 13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L);
        assertThat(recent[0].everyones().total()).isEqualTo(14);
        assertThat(recent[0].everyones().hasMore()).isTrue();
        assertThat(sent).as("the index's version marker, then the items of both lists by id, each once")
                .containsExactly("find counters", "find feedback");

        List<String> nothingYet = commands.during(() -> recent[0] = feedback.recent(
                Tenants.inChannel(Tenants.slack(), "U3", "New", "C1").user(), 10));
        assertThat(recent[0].theirs()).isEmpty();
        assertThat(recent[0].everyones().items()).isEmpty();
        assertThat(nothingYet).as("no read by id for no ids").doesNotContain("find feedback");
    }

    @Test
    void aChangeWrittenWithoutItsMarkerIsPickedUpByTheRebuildAfterTheMaximumAge() {
        FeedbackItem item = capture("Slow search");
        assertThat(numbers(otherInstance, "#mobile")).isEmpty();
        // As if an instance died between writing a change and moving the marker.
        mongo.updateFirst(Query.query(Criteria.where("_id").is(item.getId())), new Update().set("area", "mobile"),
                FeedbackItem.class);
        assertThat(numbers(otherInstance, "#mobile")).isEmpty();

        clock.advance(FeedbackSearch.MAX_AGE.plus(Duration.ofSeconds(1)));

        // The rebuild runs aside (here on the calling thread); the index it replaces answers until it is done.
        assertThat(numbers(otherInstance, "#mobile")).containsExactly(1L);
    }

    @Test
    void aBuildReadsTheItemsInBatchesAndFindsThemAll() {
        // More than one batch of the build's query (the embedded database would otherwise send all in one reply).
        List<FeedbackItem> many = new ArrayList<>();
        for (int n = 1; n <= 2_500; n++) {
            many.add(new FeedbackItem(tenant, sequences.next("feedback:" + tenant.key()), reporter.user(), "Rae",
                    FeedbackTextParser.parse("Batch item " + n, List.of()), FeedbackSource.COMMAND, clock.instant()));
        }
        mongo.insertAll(many);

        assertThat(otherInstance.search(tenant, FeedbackQuery.ALL, 0, 1).total()).isEqualTo(2_500);
    }

    @Test
    void equallyGoodMatchesComeNewestFirstAcrossTheIndexsSegments() {
        for (int n = 1; n <= 30; n++) {
            write("Roadmap view " + n);
        }
        assertThat(numbers(otherInstance, "roadmap")).hasSize(30);
        // Changes applied in place land in new segments, after the build's.
        for (int n = 31; n <= 35; n++) {
            otherInstance.changed(write("Roadmap view " + n));
        }
        FeedbackItem older = feedback.get(tenant, FeedbackItem.KIND.of(3));
        otherInstance.changed(older);

        FeedbackQuery roadmap = FeedbackQuery.parse("roadmap", reporter.user(), List.of());
        assertThat(otherInstance.search(tenant, roadmap, 0, 4).itemIds()).extracting(this::number)
                .containsExactly(35L, 34L, 33L, 32L);
        assertThat(otherInstance.search(tenant, roadmap, 4, 4).itemIds()).extracting(this::number)
                .containsExactly(31L, 30L, 29L, 28L);
        capture("Roadmap view roadmap");
        assertThat(otherInstance.search(tenant, roadmap, 0, 2).itemIds()).extracting(this::number)
                .as("a better match first").containsExactly(36L, 35L);
    }

    private long number(String id) {
        return mongo.findById(id, FeedbackItem.class).getNumber();
    }

    @Test
    void aSearchMatchingMoreThanItCountsSaysSoWhileAListCountsEveryItem() {
        List<FeedbackItem> many = new ArrayList<>();
        for (int n = 1; n <= FeedbackSearch.COUNTED + 200; n++) {
            many.add(new FeedbackItem(tenant, sequences.next("feedback:" + tenant.key()), reporter.user(), "Rae",
                    FeedbackTextParser.parse("Batch item " + n, List.of()), FeedbackSource.COMMAND, clock.instant()));
        }
        mongo.insertAll(many);
        write("Kanban board");

        // Every item but one matches as well as the next, and the index cannot tell how many without visiting them
        // (two words): counted up to the limit and no further, apart from the ranking.
        FeedbackQuery batch = FeedbackQuery.parse("batch item", reporter.user(), List.of());
        FeedbackService.Results matched = feedback.search(tenant, batch, 0, FeedbackCards.PAGE);
        assertThat(matched.exact()).isFalse();
        assertThat(matched.total()).as("counted one past the limit").isEqualTo(FeedbackSearch.COUNTED + 1);
        assertThat(matched.hasMore()).isTrue();
        assertThat(matched.items()).extracting(FeedbackItem::getNumber).first()
                .as("newest first among equals").isEqualTo((long) FeedbackSearch.COUNTED + 200);
        assertThat(FeedbackCards.results(batch, matched, null).summary())
                .endsWith("1000+ found, 1–" + FeedbackCards.PAGE + " of 1000+");

        // A list counts from the index's own figures, exactly, without visiting the items.
        FeedbackService.Results listed = feedback.recentInTenant(tenant, 0, FeedbackCards.PAGE);
        assertThat(listed.exact()).isTrue();
        assertThat(listed.total()).isEqualTo(FeedbackSearch.COUNTED + 201);
        assertThat(FeedbackCards.listPage(listed).summary())
                .isEqualTo("Feedback 1–" + FeedbackCards.PAGE + " of " + (FeedbackSearch.COUNTED + 201));
    }

    @Test
    void anotherInstancesChangeIsCaughtUpFromTheChangeLogHoweverOldTheItemsTimestamps() {
        FeedbackItem item = capture("Kanban board");
        assertThat(numbers(otherInstance, "kanban")).containsExactly(1L);
        clock.advance(Duration.ofHours(2));
        assertThat(numbers(otherInstance, "kanban")).containsExactly(1L);
        // A change whose timestamp says it is older than the other index's last catch-up (clocks apart, a write
        // that took long): the change log names it by version, so the timestamp does not matter.
        mongo.updateFirst(Query.query(Criteria.where("_id").is(item.getId())),
                new Update().set("summary", "Kanban swimlanes").set("updatedAt", clock.instant().minus(
                        Duration.ofHours(1))), FeedbackItem.class);
        search.changed(mongo.findById(item.getId(), FeedbackItem.class));

        assertThat(numbers(otherInstance, "swimlanes")).containsExactly(1L);
        assertThat(otherInstance.indexedVersion(tenant)).contains(sequences.current(FeedbackSearch.versionKey(tenant)));
    }

    @Test
    void aVersionTakenWithoutItsLogEntryHoldsTheIndexBackOnlyForTheGrace() {
        capture("Roadmap view");
        assertThat(numbers(otherInstance, "roadmap")).containsExactly(1L);
        long before = otherInstance.indexedVersion(tenant).orElseThrow();
        // An instance took a version and died before logging its change; a later change is logged.
        sequences.next(FeedbackSearch.versionKey(tenant));
        capture("Roadmap export");

        assertThat(numbers(otherInstance, "roadmap")).as("the logged change is applied")
                .containsExactlyInAnyOrder(1L, 2L);
        assertThat(otherInstance.indexedVersion(tenant)).as("but not claimed past the missing one").contains(before);

        clock.advance(FeedbackSearch.GAP_GRACE.plus(Duration.ofSeconds(1)));
        assertThat(numbers(otherInstance, "roadmap")).containsExactlyInAnyOrder(1L, 2L);

        assertThat(otherInstance.indexedVersion(tenant)).contains(before + 2);
    }

    @Test
    void captureSuggestsAnOpenItemThatSaysMuchTheSameAndNothingForMereOverlap() {
        FeedbackItem first = capture("Export to CSV times out");
        capture("Export to PDF looks ugly");
        feedback.vote(Tenants.inChannel(tenant, "U8", "Fan", "C1"), first.getId(), null, Vote.Source.BUTTON);
        clock.advance(FeedbackSearch.SUGGESTION_LAG);

        FeedbackItem[] captured = new FeedbackItem[1];
        List<String> sent = commands.during(() -> captured[0] = capture("CSV export times out for big accounts"));
        FeedbackItem similar = captured[0];
        FeedbackItem unrelated = capture("Export button is blue");

        assertThat(similar.getDuplicateHint()).isNotNull();
        assertThat(similar.getDuplicateHint().itemId()).isEqualTo(first.getId());
        assertThat(similar.getDuplicateHint().number()).isEqualTo(1);
        assertThat(similar.getDuplicateHint().summary()).isEqualTo("Export to CSV times out");
        assertThat(similar.getDuplicateHint().votes()).as("its reporter and the vote since").isEqualTo(2);
        assertThat(sent).as("the suggestion is read from the index, not the item from the database")
                .doesNotContain("find feedback");
        assertThat(unrelated.getDuplicateHint()).as("one shared word is not a duplicate").isNull();

        Invoker triager = Tenants.inChannel(tenant, "U9", "Tri", "C1");
        feedback.changeStatus(triager, similar.getId(), FeedbackStatus.DECLINED, true);
        feedback.changeStatus(triager, feedback.get(tenant, FeedbackItem.KIND.of(1)).getId(),
                FeedbackStatus.SHIPPED, true);
        clock.advance(FeedbackSearch.SUGGESTION_LAG);
        assertThat(capture("CSV export times out again").getDuplicateHint()).as("only open items").isNull();
    }

    @Test
    void capturesWithinTheSuggestionLagShareOneReaderWhileSearchesSeeEveryItemAtOnce() {
        capture("Billing page shows the wrong currency");
        clock.advance(FeedbackSearch.SUGGESTION_LAG);

        FeedbackItem dark = capture("Dark mode for the dashboard");
        // The reader the capture before opened is younger than the lag: taken as it is, not reopened (a reopen writes
        // a segment), so the item just saved is not suggested yet.
        assertThat(capture("The dashboard needs a dark mode").getDuplicateHint()).isNull();
        assertThat(numbers(search, "dark mode")).as("a search sees every item at once")
                .containsExactlyInAnyOrder(2L, 3L);

        clock.advance(FeedbackSearch.SUGGESTION_LAG);
        assertThat(capture("Dark mode in the dashboard, please").getDuplicateHint()).isNotNull()
                .satisfies(hint -> assertThat(hint.itemId()).isIn(dark.getId(), feedback.get(tenant,
                        FeedbackItem.KIND.of(3)).getId()));
    }

    @Test
    void capturesWithinTheSuggestionLagShareOneReadOfTheMarkerAndAChangeElsewhereIsSuggestedAfterIt() {
        capture("Dark mode for the dashboard");

        List<String> sent = commands.during(() -> capture("Billing page shows the wrong currency"));
        assertThat(sent).as("the marker read by the capture before, within the lag").doesNotContain("find counters");

        // Another instance saves an item; a suggestion may miss it for the lag, not longer.
        FeedbackItem elsewhere = write("Export to CSV times out");
        otherInstance.changed(elsewhere);
        clock.advance(FeedbackSearch.SUGGESTION_LAG);
        List<String> after = commands.during(() -> assertThat(capture("CSV export times out for big accounts")
                .getDuplicateHint()).isNotNull().satisfies(hint -> assertThat(hint.itemId())
                .isEqualTo(elsewhere.getId())));
        assertThat(after).as("read again once the lag went by").containsOnlyOnce("find counters");
    }

    @Test
    void aDuplicateIsSuggestedOnlyAmongTheTenantsNewestItems() {
        capture("Export to CSV times out");
        capture("Dark mode for the dashboard");
        capture("Mobile app crashes on upload");
        capture("Billing page shows the wrong currency");
        FeedbackSearch amongNewestThree = new FeedbackSearch(mongo, sequences, clock, Runnable::run, 3);
        FeedbackSearch amongNewestFour = new FeedbackSearch(mongo, sequences, clock, Runnable::run, 4);

        assertThat(amongNewestThree.similar(tenant, "CSV export times out for big accounts", 1))
                .as("FB-1 is not among the newest three").isEmpty();
        assertThat(amongNewestFour.similar(tenant, "CSV export times out for big accounts", 1))
                .extracting(DuplicateHint::itemId)
                .containsExactly(feedback.get(tenant, FeedbackItem.KIND.of(1)).getId());
        assertThat(amongNewestThree.similar(tenant, "The app crashes on upload from mobile", 1))
                .extracting(DuplicateHint::itemId)
                .containsExactly(feedback.get(tenant, FeedbackItem.KIND.of(3)).getId());
    }

    @Test
    void votesAreOnePerPersonEvenWhenTheyArriveAtOnce() throws Exception {
        FeedbackItem item = capture("Bulk edit");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> votes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Invoker voter = Tenants.inChannel(tenant, "V" + (i % 4), "Voter " + (i % 4), "C1");
                votes.add(() -> feedback.vote(voter, item.getId(), null, Vote.Source.BUTTON).counted());
            }
            long counted = 0;
            for (Future<Boolean> done : pool.invokeAll(votes)) {
                counted += done.get() ? 1 : 0;
            }
            assertThat(counted).isEqualTo(4);
        } finally {
            pool.shutdown();
        }
        FeedbackItem voted = feedback.get(tenant, item.getId());
        assertThat(voted.getVoteCount()).isEqualTo(5);
        assertThat(voted.askers()).hasSize(5);
        assertThat(voted.askers().stream().map(a -> a.user().key()).distinct()).hasSize(5);
    }

    @Test
    void aVoteForAMergedItemGoesToTheItemItWasMergedIntoAndACustomerIsAddedLater() {
        FeedbackItem kept = capture("SSO with Okta");
        FeedbackItem repeat = capture("Okta single sign-on");
        Invoker triager = Tenants.inChannel(tenant, "U9", "Tri", "C1");
        feedback.merge(triager, repeat.reference(), kept.reference());
        Invoker fan = Tenants.inChannel(tenant, "U7", "Fan", "C1");

        FeedbackService.VoteOutcome vote = feedback.vote(fan, repeat.getId(), null, Vote.Source.COMMAND);
        FeedbackService.VoteOutcome withCustomer = feedback.vote(fan, kept.getId(), "Initech", Vote.Source.COMMAND);

        assertThat(vote.item().getId()).isEqualTo(kept.getId());
        assertThat(vote.counted()).isTrue();
        assertThat(withCustomer.counted()).isFalse();
        assertThat(withCustomer.customerAdded()).isTrue();
        FeedbackItem target = feedback.get(tenant, kept.getId());
        assertThat(target.customers()).containsExactly("Initech");
        assertThat(target.askers()).extracting(a -> a.user().userId()).containsExactly("U1", "U7");
        assertThat(target.mergedItems()).containsExactly(repeat.reference());
        assertThatThrownBy(() -> feedback.merge(triager, kept.reference(), repeat.reference()))
                .isInstanceOf(UserError.class).hasMessage(repeat.reference() + " was itself merged into "
                        + kept.reference() + "; merge into that one.");
        assertThat(feedback.merge(triager, repeat.reference(), kept.reference()).target().getVoteCount())
                .as("merging again changes nothing").isEqualTo(2);
        assertThat(new UserRef(tenant, "U7").key()).isEqualTo(target.getVotes().get(1).voterKey());
    }
}
