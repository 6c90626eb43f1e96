package io.opsbot.core.feedback;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search ranks and counts apart: the ranking skips what cannot make the page from the start, the count goes up to
 * its limit without scores. Before, the ranking scored every match up to the count's limit (1,000), so a search
 * that matched many items cost more the more items there were.
 */
class SearchCountingTest {

    private static final Sort NEWEST_FIRST = new Sort(new SortField("number", SortField.Type.LONG, true));

    @Test
    void countsExactlyUpToTheLimitAndSaysMoreBeyondIt() throws IOException {
        try (Directory directory = index(3_000, 3)) {
            IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
            Query twoWords = bothWords();

            assertThat(searcher.search(twoWords, new MatchCount(2_000))).isEqualTo(new MatchCount.Count(2_000, true));
            assertThat(searcher.search(twoWords, new MatchCount(1_000))).isEqualTo(new MatchCount.Count(1_001, false));
            assertThat(searcher.search(new TermQuery(new Term("tag", "odd")), new MatchCount(100)))
                    .as("one term, no deletions: every segment knows its count")
                    .isEqualTo(new MatchCount.Count(1_500, true));
        }
    }

    @Test
    void theRankingLooksAtFarFewerMatchesThanTheCountOnceThePageIsFull() throws IOException {
        try (Directory directory = index(20_000, 2)) {
            FeedbackSearcher searcher = new FeedbackSearcher(DirectoryReader.open(directory));
            BestThenNewest.Top top = new BestThenNewest(10, "number", NEWEST_FIRST).newCollector();
            MatchCount.Counter counter = new MatchCount(1_000).newCollector();

            searcher.searchAll(bothWords(), top.scoreMode(), top, counter);

            assertThat(counter.count()).isEqualTo(new MatchCount.Count(1_001, false));
            assertThat(top.visited()).as("scored before skipping the rest").isLessThan(1_000);
            int[] docs = top.docs();
            assertThat(docs).hasSize(10);
            assertThat(searcher.storedFields().document(docs[0]).get("id")).as("newest first among equals")
                    .isEqualTo("20000");
        }
    }

    /**
     * {@code items} documents numbered 1.., newest first, in {@code segments} segments; two in three say the same and
     * match {@link #bothWords} (a third match neither word, so no segment knows the count without visiting them).
     */
    private static Directory index(int items, int segments) throws IOException {
        Directory directory = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer()).setIndexSort(NEWEST_FIRST)
                .setMergePolicy(NoMergePolicy.INSTANCE);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int n = 1; n <= items; n++) {
                Document doc = new Document();
                doc.add(new StringField("id", Integer.toString(n), Field.Store.YES));
                doc.add(new NumericDocValuesField("number", n));
                doc.add(new TextField("text", n % 3 == 0 ? "dark mode please" : "export times out", Field.Store.NO));
                doc.add(new StringField("tag", n % 2 == 1 ? "odd" : "even", Field.Store.NO));
                writer.addDocument(doc);
                if (n % (items / segments) == 0) {
                    writer.commit();
                }
            }
        }
        return directory;
    }

    private static Query bothWords() {
        return new BooleanQuery.Builder().add(new TermQuery(new Term("text", "export")), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term("text", "times")), BooleanClause.Occur.MUST).build();
    }
}
