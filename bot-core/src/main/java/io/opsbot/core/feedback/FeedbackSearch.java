package io.opsbot.core.feedback;

import io.opsbot.core.sequence.SequenceService;
import io.opsbot.core.storage.BulkReads;
import io.opsbot.core.storage.Unjournaled;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.IndexSortSortedNumericDocValuesRangeQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import io.opsbot.core.config.CoreConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * Full-text search over a tenant's feedback with Apache Lucene: English analysis (stemming, stop words) and BM25 for
 * {@code feedback search}, {@link MoreLikeThis} for the likely duplicates suggested at capture. MongoDB stays the
 * record; the embedded database has no text index, so each instance keeps a Lucene index per tenant, on its own disk
 * when a folder is configured ({@link FeedbackSearchProperties}; the packaged bot keeps it next to the embedded
 * database), in memory otherwise. The index also serves the lists ({@code list}, {@code mine}, the home): the
 * embedded database scans the collection for any query not by id.
 *
 * <p>Kept correct across instances by a version marker and a change log: every change to the tenant's feedback, after
 * it is written, takes the next version of a per-tenant counter and logs (version, item) under the id
 * {@code tenant:version} ({@link #changed}). An index remembers the version it reflects; before it is used, the
 * counter is read (one small read), and an index that is behind catches up:
 * <ul>
 *   <li>a change made on this instance is applied in place at once; the index claims a version once every change up
 *       to it is in;</li>
 *   <li>otherwise (a change on another instance) the log entries of the versions it lacks are read by id, and their
 *       items by id: the embedded database scans a collection for any other query, so a catch-up costs what changed,
 *       not what is stored. A version taken whose entry is not written yet is looked for again; after
 *       {@link #GAP_GRACE} the instance that took it is taken for dead and the index goes past it;</li>
 *   <li>every {@link #MAX_AGE} a new index is built aside from all of the tenant's items and replaces the old one
 *       (no request waits for it): the safety net for a change whose writer died between the write and its log
 *       entry. An index too far behind for the log ({@link #MAX_CATCH_UP}, {@link #CHANGES_KEPT}) is rebuilt.</li>
 * </ul>
 * An index on disk is committed with the version it reflects in the commit's data ({@link #COMMIT_EVERY} at most
 * after a change, at once after a build or a start, and at shut-down): the next start opens it and catches up from the
 * change log, so a crash between a write and the index's commit costs a catch-up, not a build. An index on disk that
 * is missing, unreadable, of another {@link #FORMAT}, ahead of the database (a restored backup) or too far behind is
 * built again. A build reads every item (a scan of the collection: about 2-3 s for 10,000 items on the embedded
 * database, see the bench module); a duplicate suggestion waits for that only in a tenant of up to
 * {@link #BUILD_WHILE_CAPTURING} items, otherwise it starts the build and suggests nothing that once.
 */
@Component
@org.springframework.boot.context.properties.EnableConfigurationProperties(FeedbackSearchProperties.class)
public class FeedbackSearch {

    /** How old an index may get before it is rebuilt aside (a safety net: see the class). */
    static final Duration MAX_AGE = Duration.ofHours(12);
    /** The most items whose index a capture builds itself (well under a second); larger ones are built aside. */
    static final int BUILD_WHILE_CAPTURING = 2_000;
    /** How long the change log keeps an entry; an index not caught up for half of that is rebuilt instead. */
    static final Duration CHANGES_KEPT = Duration.ofDays(1);
    /** The most changes a catch-up reads; an index further behind is rebuilt. */
    static final int MAX_CATCH_UP = 5_000;
    /**
     * How long a version may be missing from the change log (taken, its entry not written yet) before the index goes
     * past it: the instance that took it died between writing the item and logging the change.
     */
    static final Duration GAP_GRACE = Duration.ofSeconds(30);
    /**
     * How often, at most, an index kept on disk commits what was applied in place: a crash loses at most this much,
     * which the next start catches up from the change log (the commit names the version it reflects).
     */
    static final Duration COMMIT_EVERY = Duration.ofSeconds(30);
    /**
     * What an index on disk was built with; another value (a different {@link #document} or {@link #NEWEST_FIRST}
     * order) means a rebuild. 2: segments sorted newest first; 3: the item id in doc values, not stored; 4: the
     * summary and the number of askers stored, for duplicate suggestions.
     */
    static final String FORMAT = "4";
    private static final String COMMITTED_VERSION = "version";
    private static final String COMMITTED_BUILT_AT = "builtAt";
    private static final String COMMITTED_SYNCED_AT = "syncedAt";
    private static final String COMMITTED_FORMAT = "format";
    private static final String COMMITTED_DATABASE = "database";
    /**
     * A random id per tenant, kept in the database ({@code feedback_search_epochs}) and in each commit: an index on
     * disk that was built against another database (a new one, a reinstalled one) is not opened.
     */
    static final String EPOCHS = "feedback_search_epochs";
    private static final int SLICE = 500;
    private static final int BUILD_BATCH = 2_000;
    /** The change log's collection (housekeeping removes expired entries by this name). */
    static final String CHANGES = "feedback_changes";
    /** The most terms a duplicate suggestion is judged on, and the share of them an item must have. */
    static final int SIMILAR_TERMS = 12;
    static final double SIMILAR_SHARE = 0.5;
    /**
     * How stale the index may be for a duplicate suggestion (not for search): an item saved this long ago or less, on
     * this instance or another, may be missed. A reopen writes a segment of what changed since the last one: captures
     * arriving one after the other would otherwise each write one (a few milliseconds, and one more segment for every
     * search to look into until merges catch up).
     */
    public static final Duration SUGGESTION_LAG = Duration.ofSeconds(2);

    /**
     * Below this size Lucene's merge policy counts a segment as this size (2 MB by default). Every capture reopens the
     * index, which writes a segment of one item; with the default a 100,000-item index (about 7 MB) is allowed only
     * about four segments, so the one-item segments kept being merged into the large ones, rewriting 100,000 ids
     * each time (14 times the merge work of a small index in the growth bench). At 64 KB they merge among themselves.
     */
    static final double FLOOR_SEGMENT_MB = 0.0625;
    private static final String ID = "id";
    private static final String NUMBER = "number";
    private static final String TEXT = "text";
    private static final String SUMMARY = "summary";
    private static final String AREA = "area";
    private static final String STATUS = "status";
    private static final String OPEN = "open";
    private static final String TYPE = "type";
    private static final String CUSTOMER = "customer";
    private static final String OWNER = "owner";
    /** How many people asked for the item (its reporter, merged reporters, voters): a suggestion shows it. */
    private static final String ASKERS = "askers";
    private static final Set<String> HINT_FIELDS = Set.of(NUMBER, SUMMARY, ASKERS);
    private static final String REPORTER = "reporter";
    /**
     * The order the index keeps its documents in, and the lists' order: a list then reads the first documents of each
     * segment and stops, where it would otherwise compare every item of the tenant (twice as slow at 100,000 items).
     */
    static final Sort NEWEST_FIRST = new Sort(new SortField(NUMBER, SortField.Type.LONG, true));
    /**
     * How many matches a search counts one by one: past that it stops counting and says "1000+" unless the index can
     * tell the exact number without visiting them (as for a plain list).
     */
    static final int COUNTED = 1_000;
    private static final Logger log = LoggerFactory.getLogger(FeedbackSearch.class);

    private final MongoTemplate mongo;
    /** Reads every item of a tenant (a build) with a read timeout that allows the embedded database's scan. */
    private final java.util.function.Supplier<MongoTemplate> bulk;
    private final SequenceService sequences;
    private final Clock clock;
    private final Executor executor;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final Map<TenantRef, TenantIndex> indexes = new ConcurrentHashMap<>();
    /** Where the indexes are kept on disk (a folder per tenant), or null: in memory, rebuilt at every start. */
    private final Path folder;
    /** How many of the newest items a duplicate suggestion looks among ({@link FeedbackSearchProperties}). */
    private final int similarAmongNewest;

    /** For tests and benchmarks: builds read through {@code mongo} too; the index is kept in memory. */
    public FeedbackSearch(MongoTemplate mongo, SequenceService sequences, Clock clock, Executor executor) {
        this(mongo, () -> mongo, sequences, clock, executor, null, FeedbackSearchProperties.SIMILAR_AMONG_NEWEST);
    }

    /** For tests and benchmarks: builds read through {@code mongo} too; the index is kept in {@code folder}. */
    public FeedbackSearch(MongoTemplate mongo, SequenceService sequences, Clock clock, Executor executor,
                          Path folder) {
        this(mongo, () -> mongo, sequences, clock, executor, folder, FeedbackSearchProperties.SIMILAR_AMONG_NEWEST);
    }

    /** For tests: in memory, duplicate suggestions among the newest {@code similarAmongNewest} items. */
    FeedbackSearch(MongoTemplate mongo, SequenceService sequences, Clock clock, Executor executor,
                   int similarAmongNewest) {
        this(mongo, () -> mongo, sequences, clock, executor, null, similarAmongNewest);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public FeedbackSearch(MongoTemplate mongo, BulkReads bulk, SequenceService sequences, Clock clock,
                          @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) Executor executor,
                          FeedbackSearchProperties properties) {
        this(mongo, bulk::template, sequences, clock, executor, properties.folder().orElse(null),
                properties.similarAmongNewest());
    }

    private FeedbackSearch(MongoTemplate mongo, java.util.function.Supplier<MongoTemplate> bulk,
                           SequenceService sequences, Clock clock, Executor executor, Path folder,
                           int similarAmongNewest) {
        this.similarAmongNewest = similarAmongNewest;
        this.executor = executor;
        this.mongo = mongo;
        this.bulk = bulk;
        this.sequences = sequences;
        this.clock = clock;
        this.folder = folder == null ? null : folder.toAbsolutePath().normalize();
    }

    /**
     * One page of what matched, best first (newest first without words), and how many matched in all: exactly, or at
     * least {@code total} when {@code exact} is false (more than {@link #COUNTED} matched).
     */
    public record Page(List<String> itemIds, long total, boolean exact) {
    }

    /** Items matching the query, {@code limit} of them from {@code offset}. */
    public Page search(TenantRef tenant, FeedbackQuery query, int offset, int limit) {
        return withIndex(tenant, searcher -> page(searcher, query, offset, limit));
    }

    /**
     * The newest items {@code reporter} reported, newest first: served by the index, as the embedded database would
     * scan the collection for it.
     */
    public List<String> byReporter(UserRef reporter, int limit) {
        try {
            return withIndex(reporter.tenant(), searcher -> newestBy(searcher, reporter, limit));
        } catch (Preparing e) {
            // The home shows none of their items for that minute rather than an error.
            return List.of();
        }
    }

    /** The reporter's newest items and the first page of all the tenant's, from one look at the index. */
    public Overview overview(UserRef reporter, int theirs, int page) {
        return withIndex(reporter.tenant(), searcher -> new Overview(newestBy(searcher, reporter, theirs),
                page(searcher, FeedbackQuery.ALL, 0, page)));
    }

    /** What {@link #overview} found: the reporter's item ids, and the tenant's newest page. */
    public record Overview(List<String> reporters, Page tenants) {
    }

    private Page page(FeedbackSearcher searcher, FeedbackQuery query, int offset, int limit) throws IOException {
        // No more than there are: the collector makes room for as many as asked (an export asks for all).
        int wanted = (int) Math.max(1, Math.min((long) offset + limit, searcher.getIndexReader().maxDoc()));
        Query lucene = toLucene(query);
        int[] docs;
        // Ranked (or listed) and counted apart, over one weight: the ranking skips what cannot make the page from the
        // start, the count stops at its limit. Scoring every match up to the count made a search at 100,000 items
        // 1.5x slower.
        MatchCount.Counter counter = new MatchCount(COUNTED).newCollector();
        if (query.hasWords()) {
            BestThenNewest.Top top = new BestThenNewest(wanted, NUMBER, NEWEST_FIRST).newCollector();
            searcher.searchAll(lucene, top.scoreMode(), top, counter);
            docs = top.docs();
        } else {
            // In the index's own order: each segment ends once the page is full.
            TopFieldCollector top = new TopFieldCollectorManager(NEWEST_FIRST, wanted, wanted).newCollector();
            searcher.searchAll(lucene, top.scoreMode(), top, counter);
            docs = java.util.Arrays.stream(top.topDocs().scoreDocs).mapToInt(hit -> hit.doc).toArray();
        }
        MatchCount.Count count = counter.count();
        return new Page(ids(searcher, docs, offset), count.total(), count.exact());
    }

    private static List<String> newestBy(IndexSearcher searcher, UserRef reporter, int limit) throws IOException {
        return ids(searcher, searcher.search(new TermQuery(new Term(REPORTER, reporter.key())), limit, NEWEST_FIRST),
                0);
    }

    /**
     * Open items (neither shipped, declined nor merged) that say much the same as {@code text}, most alike first: an
     * item must have at least half of the text's most telling terms (as Lucene's MoreLikeThis picks them), and be one
     * of the tenant's newest ({@link FeedbackSearchProperties#similarAmongNewest}). Each as the index has it (number,
     * summary, how many people asked), so a capture does not read the item from the database for its suggestion.
     */
    public List<DuplicateHint> similar(TenantRef tenant, String text, int limit) {
        int wanted = (int) Math.ceil(Math.min(distinctTerms(text), SIMILAR_TERMS) * SIMILAR_SHARE);
        if (wanted == 0) {
            return List.of();
        }
        TenantIndex existing = indexes.get(tenant);
        // How many items were ever numbered: a read by id, where counting them would scan the collection.
        if ((existing == null || !existing.isBuilt()) && !onDisk(tenant)
                && sequences.current(FeedbackService.numberKey(tenant)) > BUILD_WHILE_CAPTURING) {
            // Suggestions come with a capture, which must answer within Slack's 3 s: build for next time.
            TenantIndex index = indexes.computeIfAbsent(tenant, TenantIndex::new);
            synchronized (index) {
                rebuildAsideOnce(tenant, index);
            }
            return List.of();
        }
        return withIndex(tenant, SUGGESTION_LAG, searcher -> {
            MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
            mlt.setAnalyzer(analyzer);
            mlt.setFieldNames(new String[] {TEXT});
            mlt.setMinTermFreq(1);
            mlt.setMinDocFreq(1);
            mlt.setMinWordLen(2);
            mlt.setMaxQueryTerms(SIMILAR_TERMS);
            Query like = mlt.like(TEXT, new StringReader(text));
            if (!(like instanceof BooleanQuery terms) || terms.clauses().size() < wanted) {
                return List.of();
            }
            BooleanQuery.Builder enough = new BooleanQuery.Builder().setMinimumNumberShouldMatch(wanted);
            terms.clauses().forEach(enough::add);
            // Only the newest items: in a segment sorted newest first they are its first documents, so the scorers
            // stop there instead of scoring every item that shares a common word.
            long newest = newestNumber(searcher);
            Query query = new BooleanQuery.Builder().add(enough.build(), BooleanClause.Occur.MUST)
                    .add(new TermQuery(new Term(OPEN, "true")), BooleanClause.Occur.FILTER)
                    .add(atLeast(newest - similarAmongNewest + 1), BooleanClause.Occur.FILTER).build();
            return hints(searcher, searcher.search(query, limit));
        });
    }

    /** The suggestions these documents make, from the fields a document stores for them. */
    private static List<DuplicateHint> hints(IndexSearcher searcher, TopDocs top) throws IOException {
        int[] docs = java.util.Arrays.stream(top.scoreDocs).mapToInt(hit -> hit.doc).toArray();
        List<String> ids = ids(searcher, docs, 0);
        StoredFields stored = searcher.storedFields();
        List<DuplicateHint> hints = new ArrayList<>(docs.length);
        for (int i = 0; i < docs.length; i++) {
            Document doc = stored.document(docs[i], HINT_FIELDS);
            hints.add(new DuplicateHint(ids.get(i), doc.getField(NUMBER).numericValue().longValue(),
                    doc.get(SUMMARY), doc.getField(ASKERS).numericValue().intValue()));
        }
        return hints;
    }

    /**
     * The highest item number in the index: each segment's first document. Every segment is sorted newest first: the
     * writers sort by {@link #NEWEST_FIRST}, Lucene refuses to open an index sorted otherwise, and an index of an older
     * {@link #FORMAT} is built again.
     */
    private static long newestNumber(IndexSearcher searcher) throws IOException {
        long newest = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            NumericDocValues numbers = DocValues.getNumeric(leaf.reader(), NUMBER);
            if (numbers.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                newest = Math.max(newest, numbers.longValue());
            }
        }
        return newest;
    }

    /** Items numbered {@code lowest} or higher: through the index's sort where a segment has it, else one by one. */
    private static Query atLeast(long lowest) {
        return new IndexSortSortedNumericDocValuesRangeQuery(NUMBER, lowest, Long.MAX_VALUE,
                NumericDocValuesField.newSlowRangeQuery(NUMBER, lowest, Long.MAX_VALUE));
    }

    /**
     * Records that an item was written: moves the tenant's version marker, and brings this instance's index up to date
     * in place when the item's change is the only one since the index was built. Call after the write.
     */
    public void changed(FeedbackItem item) {
        long version = sequences.next(versionKey(item.getTenant()));
        Instant now = clock.instant();
        // Not waited on to reach the disk (Unjournaled), as the version it is numbered by: the item is on disk already,
        // and the embedded database writes them to its file within a second (its own timer) or with the next durable
        // write. Lost both by a crash of the machine in that second, the index misses the change until its periodic
        // rebuild (MAX_AGE); on a replica set the majority write concern stands.
        Unjournaled.write(() -> mongo.insert(new SearchChange(changeId(item.getTenant(), version), item.getId(),
                now.plus(CHANGES_KEPT))));
        TenantIndex index = indexes.get(item.getTenant());
        if (index == null) {
            return;
        }
        index.taken.add(version);
        try {
            synchronized (index) {
                if (index.isBuilt() && version > index.version) {
                    try {
                        // Captures racing here take versions in one order and arrive in another: each is applied
                        // now, and the index claims a version only once every change up to it was applied (or caught
                        // up).
                        index.writer.updateDocument(new Term(ID, item.getId()), document(item));
                        index.applied(version);
                        commitIfDue(index, now);
                    } catch (IOException e) {
                        index.close();
                        throw new UncheckedIOException(e);
                    }
                }
            }
        } finally {
            index.taken.remove(version);
        }
    }

    private interface Work<T> {
        T run(FeedbackSearcher searcher) throws IOException;
    }

    /** Runs the work on the tenant's index as of now: this instance's, rebuilt from MongoDB first when behind. */
    private <T> T withIndex(TenantRef tenant, Work<T> work) {
        return withIndex(tenant, Duration.ZERO, work);
    }

    /**
     * As above, but an index that caught up less than {@code lag} ago is used as it is: captures arriving together
     * would otherwise each catch up on the others' changes (a read of everything changed lately) under the lock.
     */
    private <T> T withIndex(TenantRef tenant, Duration lag, Work<T> work) {
        TenantIndex index = indexes.computeIfAbsent(tenant, TenantIndex::new);
        // Read before the lock (one small read that need not queue): an index at or past it has every change to it.
        long version = latestVersion(index, tenant, lag);
        // The changes applied in place that this call must see: those applied before it began.
        long needed = index.appliedInPlace;
        DirectoryReader reader;
        synchronized (index) {
            Instant now = clock.instant();
            try {
                if (!index.isBuilt() && !index.rebuilding) {
                    // Not while a build runs aside: its generation, not committed yet, would look like a cut one.
                    openCommitted(index, tenant, version);
                }
                boolean unusable = !index.isBuilt() || version - index.version > MAX_CATCH_UP
                        || !index.syncedAt.plus(CHANGES_KEPT.dividedBy(2)).isAfter(now);
                if (unusable && sequences.current(FeedbackService.numberKey(tenant)) > BUILD_WHILE_CAPTURING) {
                    // A build reads every item: too long for a request, and it would hold the lock meanwhile. It
                    // runs aside; a stale index answers until it is done, no index is reported as being prepared.
                    rebuildAsideOnce(tenant, index);
                    if (!index.isBuilt()) {
                        throw new Preparing();
                    }
                } else if (unusable) {
                    index.close();
                    build(index, tenant, version, now);
                } else if (index.version < version && !index.syncedAt.plus(lag).isAfter(now)
                        && !(!lag.isZero() && index.lacksOnlyOwnChanges(version))) {
                    catchUp(index, tenant, version, now);
                }
                commitIfDue(index, now);
                if (!index.builtAt.plus(MAX_AGE).isAfter(now)) {
                    rebuildAsideOnce(tenant, index);
                }
                reader = index.reader(needed, now, lag);
            } catch (IOException e) {
                index.close();
                throw new UncheckedIOException(e);
            }
        }
        // Searched outside the lock: captures of one tenant would otherwise queue behind each other's searches. The
        // reference keeps the reader open while a newer one replaces it.
        try {
            return work.run(new FeedbackSearcher(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(reader);
        }
    }

    /**
     * The tenant's version marker. Work that may be {@code lag} behind takes it as read within that time (every change
     * before the read is older than the lag allows): captures arriving together share one read instead of each making
     * its own. This instance's own changes are applied in place whatever the marker says.
     */
    private long latestVersion(TenantIndex index, TenantRef tenant, Duration lag) {
        Instant now = clock.instant();
        TenantIndex.VersionRead last = index.lastRead;
        if (!lag.isZero() && last != null && !now.isBefore(last.at()) && last.at().plus(lag).isAfter(now)) {
            return last.version();
        }
        long version = sequences.current(versionKey(tenant));
        index.lastRead = new TenantIndex.VersionRead(version, now);
        return version;
    }

    /** Starts a build aside unless one is running; call holding the index's lock. */
    private void rebuildAsideOnce(TenantRef tenant, TenantIndex index) {
        if (!index.rebuilding) {
            index.rebuilding = true;
            executor.execute(() -> rebuildAside(tenant, index));
        }
    }

    /** The tenant's index is being built aside (after a start without one on disk): asked again in a moment. */
    static final class Preparing extends io.opsbot.core.conversation.UserError {
        Preparing() {
            super("Feedback search is being prepared after a restart; please try again in a minute.");
        }
    }

    private static void release(DirectoryReader reader) {
        try {
            reader.decRef();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ids(IndexSearcher searcher, TopDocs top, int from) throws IOException {
        return ids(searcher, java.util.Arrays.stream(top.scoreDocs).mapToInt(hit -> hit.doc).toArray(), from);
    }

    /**
     * The item ids of these documents, from the id's doc values: reading them as stored fields decompressed a block of
     * documents for each one (a tenth of what the bot allocated for a list at 100,000 items).
     */
    private static List<String> ids(IndexSearcher searcher, int[] docs, int from) throws IOException {
        List<String> ids = new ArrayList<>();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (int i = from; i < docs.length; i++) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i], leaves));
            // A new iterator each time: the page is in score order, and an iterator only moves forward.
            BinaryDocValues id = DocValues.getBinary(leaf.reader(), ID);
            if (!id.advanceExact(docs[i] - leaf.docBase)) {
                throw new IllegalStateException("Search document " + docs[i] + " has no item id");
            }
            ids.add(id.binaryValue().utf8ToString());
        }
        return ids;
    }

    /** Fills the index with every item of the tenant: the version is read before the items (see the class). */
    private void build(TenantIndex index, TenantRef tenant, long version, Instant now) throws IOException {
        install(index, fill(tenant, newDirectory(index, now)), version, now);
        commitIfDue(index, now);
    }

    /** Whether this instance keeps the tenant's index on disk and has one there (opened in moments, not built). */
    private boolean onDisk(TenantRef tenant) {
        return folder != null && java.nio.file.Files.isDirectory(folder.resolve(TenantIndexFolder.folderName(tenant)));
    }

    /** Where a new build of the tenant's index goes: a new generation of its folder, or memory. */
    private Directory newDirectory(TenantIndex index, Instant now) throws IOException {
        TenantIndexFolder own = claim(index, index.tenant);
        return own == null ? new ByteBuffersDirectory() : own.create(now.toEpochMilli());
    }

    /** The tenant's folder, claimed once per instance; null when the index is kept in memory. */
    private TenantIndexFolder claim(TenantIndex index, TenantRef tenant) {
        if (folder != null && !index.claimed) {
            index.claimed = true;
            index.folder = TenantIndexFolder.claim(folder, tenant).orElse(null);
        }
        return index.folder;
    }

    /**
     * Opens the index this instance committed to disk before (at its last start, or before a crash), at the version
     * its commit names; it then catches up from the change log like any index behind. One whose commit does not fit
     * (another format, or ahead of the database: a restored backup) is set aside, and the caller builds.
     */
    private void openCommitted(TenantIndex index, TenantRef tenant, long current) {
        TenantIndexFolder own = claim(index, tenant);
        if (own == null) {
            return;
        }
        TenantIndexFolder.Committed committed = own.newest().orElse(null);
        if (committed == null) {
            return;
        }
        try {
            Map<String, String> data = committed.data();
            long version = Long.parseLong(data.getOrDefault(COMMITTED_VERSION, "-1"));
            String database = databaseEpoch(tenant);
            if (!FORMAT.equals(data.get(COMMITTED_FORMAT)) || !database.equals(data.get(COMMITTED_DATABASE))
                    || version < 0 || version > current) {
                log.info("Search index of {} on disk does not fit (format {}, version {} of {}, database {}); it is "
                        + "rebuilt", tenant, data.get(COMMITTED_FORMAT), version, current,
                        database.equals(data.get(COMMITTED_DATABASE)) ? "the same" : "another");
                TenantIndexFolder.closeQuietly(committed.directory());
                return;
            }
            IndexWriter writer = new IndexWriter(committed.directory(),
                    writerConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND));
            try {
                install(index, writer, version, Instant.ofEpochMilli(Long.parseLong(data.get(COMMITTED_BUILT_AT))));
            } catch (IOException | RuntimeException e) {
                writer.close();
                throw e;
            }
            index.syncedAt = Instant.ofEpochMilli(Long.parseLong(data.get(COMMITTED_SYNCED_AT)));
            index.database = database;
            index.committedVersion = version;
            index.committedAt = null;
            own.keepOnly(committed.directory());
            log.info("Search index of {} opened from disk at version {} (database at {})", tenant, version, current);
        } catch (IOException | RuntimeException e) {
            log.warn("Search index of {} on disk cannot be opened ({}); it is rebuilt", tenant, e.toString());
            index.close();
            TenantIndexFolder.closeQuietly(committed.directory());
        }
    }

    /**
     * Commits an index kept on disk with the version it reflects, when it moved and its last commit is
     * {@link #COMMIT_EVERY} old (at once after a build or an opening). Every change to that version is in the writer
     * (all are applied under the index's lock, as this runs), so the commit holds them; later ones are caught up.
     */
    private void commitIfDue(TenantIndex index, Instant now) {
        if (index.folder == null || !index.isBuilt() || index.version <= index.committedVersion
                && index.committedAt != null
                || index.committedAt != null && index.committedAt.plus(COMMIT_EVERY).isAfter(now)) {
            return;
        }
        try {
            commit(index, now);
        } catch (IOException e) {
            // The index in use stays right; the next start catches up from the older commit.
            log.warn("Committing the search index of {} failed: {}", index.tenant, e.toString());
        }
    }

    private void commit(TenantIndex index, Instant now) throws IOException {
        if (index.database == null) {
            index.database = databaseEpoch(index.tenant);
        }
        Map<String, String> data = Map.of(COMMITTED_VERSION, Long.toString(index.version),
                COMMITTED_BUILT_AT, Long.toString(index.builtAt.toEpochMilli()),
                COMMITTED_SYNCED_AT, Long.toString(index.syncedAt.toEpochMilli()), COMMITTED_FORMAT, FORMAT,
                COMMITTED_DATABASE, index.database);
        index.writer.setLiveCommitData(data.entrySet());
        index.writer.commit();
        index.committedVersion = index.version;
        index.committedAt = now;
        if (index.folder != null) {
            index.folder.keepOnly(index.writer.getDirectory());
        }
    }

    /** The tenant's database epoch (see {@link #EPOCHS}), made on first use: one read or write by id. */
    private String databaseEpoch(TenantRef tenant) {
        org.bson.Document epoch = mongo.getCollection(EPOCHS).findOneAndUpdate(
                new org.bson.Document("_id", tenant.key()),
                new org.bson.Document("$setOnInsert", new org.bson.Document("epoch",
                        java.util.UUID.randomUUID().toString())),
                new com.mongodb.client.model.FindOneAndUpdateOptions().upsert(true)
                        .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER));
        return epoch.getString("epoch");
    }

    /** Commits what this instance's indexes hold, so the next start opens them at their versions. */
    @jakarta.annotation.PreDestroy
    public void close() {
        Instant now = clock.instant();
        indexes.values().forEach(index -> {
            synchronized (index) {
                try {
                    if (index.isBuilt() && index.folder != null && index.version > index.committedVersion) {
                        commit(index, now);
                    }
                } catch (IOException | RuntimeException e) {
                    log.warn("Committing the search index of {} at shut-down failed: {}", index.tenant, e.toString());
                } finally {
                    index.close();
                    if (index.folder != null) {
                        index.folder.close();
                        index.folder = null;
                    }
                    index.claimed = false;
                }
            }
        });
        indexes.clear();
    }

    /** A new index of every item of the tenant (a scan of the collection): read the version before calling. */
    private IndexWriter fill(TenantRef tenant, Directory directory) throws IOException {
        IndexWriter writer = new IndexWriter(directory, writerConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE));
        org.springframework.data.mongodb.core.query.Query all = org.springframework.data.mongodb.core.query.Query
                .query(Criteria.where("tenant").is(tenant));
        all.fields().exclude("history");
        // In batches: the embedded database otherwise answers with every item in one reply, which at 100,000 items
        // (79 MB) is past the driver's largest message.
        all.cursorBatchSize(BUILD_BATCH);
        try (Stream<FeedbackItem> items = bulk.get().stream(all, FeedbackItem.class)) {
            for (FeedbackItem item : (Iterable<FeedbackItem>) items::iterator) {
                writer.addDocument(document(item));
            }
        } catch (IOException | RuntimeException e) {
            TenantIndexFolder.closeQuietly(writer);
            TenantIndexFolder.closeQuietly(directory);
            throw e;
        }
        return writer;
    }

    private IndexWriterConfig writerConfig() {
        return new IndexWriterConfig(analyzer).setIndexSort(NEWEST_FIRST)
                .setMergePolicy(new TieredMergePolicy().setFloorSegmentMB(FLOOR_SEGMENT_MB));
    }

    private static void install(TenantIndex index, IndexWriter writer, long version, Instant now) throws IOException {
        index.writer = writer;
        index.reader = DirectoryReader.open(writer);
        index.readerShows = index.appliedInPlace;
        index.readerOpenedAt = now;
        index.ahead.clear();
        index.missing.clear();
        index.version = version;
        index.builtAt = now;
        index.syncedAt = now;
        index.committedVersion = -1;
        index.committedAt = null;
    }

    /**
     * The periodic rebuild, done aside so no request waits for the scan: the new index replaces the old one and
     * catches up from the change log on its next use (its version was read before the items).
     */
    private void rebuildAside(TenantRef tenant, TenantIndex index) {
        IndexWriter fresh = null;
        try {
            long version = sequences.current(versionKey(tenant));
            Instant started = clock.instant();
            Directory directory;
            synchronized (index) {
                directory = newDirectory(index, started);
            }
            fresh = fill(tenant, directory);
            synchronized (index) {
                if (!index.isBuilt() || index.builtAt.isBefore(started)) {
                    index.close();
                    install(index, fresh, version, started);
                    fresh = null;
                    commitIfDue(index, started);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Rebuilding the feedback search index of {} failed; the one in use stays: {}", tenant,
                    e.toString());
        } finally {
            synchronized (index) {
                index.rebuilding = false;
            }
            if (fresh != null) {
                Directory unused = fresh.getDirectory();
                Path generation = unused instanceof org.apache.lucene.store.FSDirectory fs ? fs.getDirectory() : null;
                TenantIndexFolder.closeQuietly(fresh);
                TenantIndexFolder.closeQuietly(unused);
                if (generation != null) {
                    TenantIndexFolder.delete(generation);
                }
            }
        }
    }

    /**
     * Applies every change since the index's version up to {@code version}, read from the change log by id and the
     * items by id (no scan). A version whose entry is not there yet is read again next time, and given up after
     * {@link #GAP_GRACE}.
     */
    private void catchUp(TenantIndex index, TenantRef tenant, long version, Instant now) throws IOException {
        List<String> wanted = new ArrayList<>();
        for (long v = index.version + 1; v <= version; v++) {
            if (!index.ahead.contains(v)) {
                wanted.add(changeId(tenant, v));
            }
        }
        Map<String, Long> found = new HashMap<>();
        Set<String> items = new HashSet<>();
        for (int from = 0; from < wanted.size(); from += SLICE) {
            mongo.find(org.springframework.data.mongodb.core.query.Query.query(Criteria.where("_id")
                    .in(wanted.subList(from, Math.min(wanted.size(), from + SLICE)))), SearchChange.class)
                    .forEach(change -> {
                        found.put(change.id(), versionOf(change.id()));
                        items.add(change.item());
                    });
        }
        List<String> itemIds = new ArrayList<>(items);
        for (int from = 0; from < itemIds.size(); from += SLICE) {
            List<String> slice = itemIds.subList(from, Math.min(itemIds.size(), from + SLICE));
            org.springframework.data.mongodb.core.query.Query byId = org.springframework.data.mongodb.core.query
                    .Query.query(Criteria.where("_id").in(slice));
            byId.fields().exclude("history");
            Set<String> present = new HashSet<>();
            for (FeedbackItem item : mongo.find(byId, FeedbackItem.class)) {
                if (item.getTenant().equals(tenant)) {
                    index.writer.updateDocument(new Term(ID, item.getId()), document(item));
                    present.add(item.getId());
                }
            }
            for (String gone : slice) {
                if (!present.contains(gone)) {
                    index.writer.deleteDocuments(new Term(ID, gone));
                }
            }
        }
        for (String id : wanted) {
            Long v = found.get(id);
            long missingVersion = versionOf(id);
            if (v != null) {
                index.ahead.add(v);
                index.missing.remove(v);
            } else if (!index.missing.computeIfAbsent(missingVersion, m -> now).plus(GAP_GRACE).isAfter(now)) {
                index.ahead.add(missingVersion);
                index.missing.remove(missingVersion);
            }
        }
        index.refresh(index.version, now);
        index.syncedAt = now;
    }

    static String changeId(TenantRef tenant, long version) {
        return tenant.key() + ":" + version;
    }

    private static long versionOf(String changeId) {
        return Long.parseLong(changeId.substring(changeId.lastIndexOf(':') + 1));
    }

    private Document document(FeedbackItem item) {
        Document doc = new Document();
        doc.add(new StringField(ID, item.getId(), Field.Store.NO));
        doc.add(new BinaryDocValuesField(ID, new BytesRef(item.getId())));
        doc.add(new NumericDocValuesField(NUMBER, item.getNumber()));
        doc.add(new StoredField(NUMBER, item.getNumber()));
        if (item.getReporter() != null) {
            doc.add(new StringField(REPORTER, item.getReporter().key(), Field.Store.NO));
        }
        doc.add(new TextField(SUMMARY, item.getSummary(), Field.Store.YES));
        doc.add(new StoredField(ASKERS, item.askers().size()));
        String text = item.getDetails() == null ? item.getSummary() : item.getSummary() + "\n" + item.getDetails();
        doc.add(new TextField(TEXT, text, Field.Store.NO));
        if (item.getArea() != null) {
            doc.add(new StringField(AREA, item.getArea(), Field.Store.NO));
        }
        doc.add(new StringField(STATUS, item.getStatus().name(), Field.Store.NO));
        doc.add(new StringField(OPEN, String.valueOf(!item.getStatus().closed()), Field.Store.NO));
        if (item.getType() != null) {
            doc.add(new StringField(TYPE, item.getType().name(), Field.Store.NO));
        }
        for (String customer : item.customers()) {
            doc.add(new StringField(CUSTOMER, customer.toLowerCase(Locale.ROOT), Field.Store.NO));
        }
        if (item.getOwner() != null) {
            doc.add(new StringField(OWNER, item.getOwner().key(), Field.Store.NO));
        }
        return doc;
    }

    private Query toLucene(FeedbackQuery query) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        Query words = query.hasWords() ? new QueryBuilder(analyzer)
                .createBooleanQuery(TEXT, query.words(), BooleanClause.Occur.MUST) : null;
        if (words != null) {
            all.add(words, BooleanClause.Occur.MUST);
            Query inSummary = new QueryBuilder(analyzer).createBooleanQuery(SUMMARY, query.words());
            if (inSummary != null) {
                all.add(new BoostQuery(inSummary, 2f), BooleanClause.Occur.SHOULD);
            }
        } else {
            all.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        }
        filter(all, AREA, query.area());
        filter(all, STATUS, query.status() == null ? null : query.status().name());
        filter(all, OPEN, query.openOnly() ? "true" : null);
        filter(all, TYPE, query.type() == null ? null : query.type().name());
        filter(all, CUSTOMER, query.customer() == null ? null : query.customer().toLowerCase(Locale.ROOT));
        filter(all, OWNER, query.owner() == null ? null : query.owner().key());
        return all.build();
    }

    private static void filter(BooleanQuery.Builder query, String field, String value) {
        if (value != null) {
            query.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
        }
    }

    /** How many different terms the analyzer makes of the text (after stemming and stop words). */
    private int distinctTerms(String text) {
        Set<String> terms = new HashSet<>();
        try (TokenStream stream = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms.size();
    }

    static String versionKey(TenantRef tenant) {
        return "feedback-search:" + tenant.key();
    }

    /** The version the index of a tenant was built at (empty if this instance has none): for tests. */
    Optional<Long> indexedVersion(TenantRef tenant) {
        TenantIndex index = indexes.get(tenant);
        if (index == null) {
            return Optional.empty();
        }
        synchronized (index) {
            return index.isBuilt() ? Optional.of(index.version) : Optional.empty();
        }
    }

    /** Whether every segment of the tenant's index keeps the lists' order (what lets a list stop early): for tests. */
    boolean sortedNewestFirst(TenantRef tenant) {
        return withIndex(tenant, searcher -> searcher.getIndexReader().leaves().stream()
                .allMatch(leaf -> NEWEST_FIRST.equals(leaf.reader().getMetaData().getSort())));
    }

    /**
     * One change to a tenant's feedback, by version: {@code _id} is the tenant and the version, so a catch-up reads
     * exactly the versions it lacks by id. MongoDB's TTL index drops old entries (housekeeping on the embedded one).
     */
    @org.springframework.data.mongodb.core.mapping.Document(CHANGES)
    record SearchChange(String id, String item,
                        @Indexed(name = "feedback_changes_ttl", expireAfter = "0s") Instant expireAt) {
    }

    /**
     * A tenant's index: its writer (kept open for changes in place), a reader over it, and the version it reflects.
     * One per tenant for the life of the instance; every use holds its lock.
     */
    private static final class TenantIndex {
        private final TenantRef tenant;
        /** Every change up to this version is in the index. */
        private long version;
        /** The version of the last commit to disk (-1: none since the build), and when it was made (null: none). */
        private long committedVersion = -1;
        private Instant committedAt;
        /** The tenant's folder on disk once claimed ({@link #claimed}); null while in memory. */
        private TenantIndexFolder folder;
        private boolean claimed;
        /** The database epoch the index was built or opened against (null until a commit needs it). */
        private String database;

        TenantIndex(TenantRef tenant) {
            this.tenant = tenant;
        }

        /** The tenant's version marker as last read, and when (see {@code latestVersion}). */
        private volatile VersionRead lastRead;

        record VersionRead(long version, Instant at) {
        }

        /** Versions past {@link #version} applied here, waiting for the ones before them. */
        private final java.util.TreeSet<Long> ahead = new java.util.TreeSet<>();
        /** Versions not in the change log when last looked for, and since when. */
        private final Map<Long, Instant> missing = new HashMap<>();
        private boolean rebuilding;
        private Instant builtAt;
        private Instant syncedAt;
        private IndexWriter writer;
        private DirectoryReader reader;

        boolean isBuilt() {
            return writer != null && writer.isOpen();
        }

        /**
         * Versions this instance took for its own changes and is about to apply in place. A suggestion does not catch
         * up on these (a read of everything changed lately, under the lock): captures arriving together would
         * otherwise each find the index behind by the others' changes in flight and catch up.
         */
        private final Set<Long> taken = ConcurrentHashMap.newKeySet();

        /** Every version after this index's up to {@code latest} is applied here already or being applied. */
        boolean lacksOnlyOwnChanges(long latest) {
            long missing = latest - version - ahead.subSet(version + 1, true, latest, true).size();
            return missing <= taken.stream().filter(v -> v > version && v <= latest && !ahead.contains(v)).count();
        }

        /** Changes are in the writer that the reader does not show yet. */
        private boolean stale;

        void refresh(long newVersion, Instant now) throws IOException {
            reopen(now);
            advance(newVersion);
        }

        /** Changes applied in place so far (changed under the lock only), and how many of them the reader shows. */
        private volatile long appliedInPlace;
        private long readerShows;
        /** When the reader in use was opened. */
        private Instant readerOpenedAt;

        /**
         * The reader to search, with a reference the caller gives back ({@code decRef}); reopened first when it lacks
         * changes applied in place before the caller began ({@code needed}), unless it is younger than {@code lag} (a
         * suggestion takes such a reader as it is). A reopen writes a segment: callers that
         * queued for the lock while one ran are served by it (the changes they need were applied before it began), so
         * captures arriving together share one reopen instead of each writing one under the lock.
         */
        DirectoryReader reader(long needed, Instant now, Duration lag) throws IOException {
            if (stale && readerShows < needed && (lag.isZero() || !readerOpenedAt.plus(lag).isAfter(now))) {
                reopen(now);
            }
            reader.incRef();
            return reader;
        }

        private void reopen(Instant now) throws IOException {
            DirectoryReader newer = DirectoryReader.openIfChanged(reader, writer);
            if (newer != null) {
                reader.close();
                reader = newer;
            }
            readerShows = appliedInPlace;
            readerOpenedAt = now;
            stale = false;
        }

        private void advance(long newVersion) {
            version = Math.max(version, newVersion);
            ahead.headSet(version, true).clear();
            while (!ahead.isEmpty() && ahead.first() == version + 1) {
                version = ahead.pollFirst();
            }
        }

        /** A change of this version was applied in place. */
        void applied(long changeVersion) {
            ahead.add(changeVersion);
            appliedInPlace++;
            stale = true;
            advance(version);
        }

        /** Closes the index in use (its folder stays claimed: a rebuild goes into a new generation of it). */
        void close() {
            Directory directory = writer == null ? null : writer.getDirectory();
            try {
                if (reader != null) {
                    reader.close();
                }
                if (writer != null) {
                    // Uncommitted changes are dropped, not committed without their version: a catch-up redoes them.
                    writer.rollback();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                reader = null;
                writer = null;
                TenantIndexFolder.closeQuietly(directory);
            }
        }
    }
}
