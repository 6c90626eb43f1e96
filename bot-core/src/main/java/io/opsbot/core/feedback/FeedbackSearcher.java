package io.opsbot.core.feedback;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

import java.io.IOException;

/**
 * Lucene's searcher, able to run more than one collector over the same weight: a search ranks and counts in two
 * passes ({@link BestThenNewest}, {@link MatchCount}), and building a weight looks each of the query's terms up in
 * every segment, a tenth of a search's time, so it is built once.
 */
final class FeedbackSearcher extends IndexSearcher {

    FeedbackSearcher(IndexReader reader) {
        super(reader);
    }

    /** Runs each collector over every segment in turn, with one weight built for the score mode given. */
    void searchAll(Query query, ScoreMode mode, Collector... collectors) throws IOException {
        Weight weight = createWeight(rewrite(query), mode, 1f);
        for (Collector collector : collectors) {
            search(getIndexReader().leaves(), weight, collector);
        }
    }
}
