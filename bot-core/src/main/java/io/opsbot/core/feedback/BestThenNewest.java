package io.opsbot.core.feedback;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.util.PriorityQueue;

import java.io.IOException;
import java.util.Collection;

/**
 * The best {@code wanted} matches of a search, the newest (highest number) first among equally good ones. It does not
 * count the matches ({@link MatchCount} does): once the page is full, the scorer is told what can still make it.
 *
 * <p>Why not Lucene's sort by (score, number): it lets the scorer skip only documents scoring below the page's worst,
 * so every document scoring the same is still scored and compared, and items often score the same (short texts of the
 * same words). Here, in a segment sorted newest first ({@code indexSort}), the documents after one that lost to the
 * page's worst on its number all have lower numbers: from then on only a strictly better score can make the page, and
 * the scorer is told so, which lets it skip whole blocks of equal ones.
 */
final class BestThenNewest implements CollectorManager<BestThenNewest.Top, BestThenNewest.Top> {

    private final int wanted;
    private final String numberField;
    private final Sort indexSort;

    BestThenNewest(int wanted, String numberField, Sort indexSort) {
        this.wanted = wanted;
        this.numberField = numberField;
        this.indexSort = indexSort;
    }

    @Override
    public Top newCollector() {
        return new Top();
    }

    @Override
    public Top reduce(Collection<Top> collectors) {
        if (collectors.size() != 1) {
            throw new IllegalStateException("Searched in " + collectors.size() + " slices; expected one (no executor)");
        }
        return collectors.iterator().next();
    }

    /** One match: its score, its number and its document id in the whole index. */
    private record Hit(float score, long number, int doc) {
        boolean worseThan(Hit other) {
            return score < other.score || score == other.score && number < other.number;
        }
    }

    /** The collector, and what it found once the search is done. */
    final class Top implements Collector {
        private final PriorityQueue<Hit> best = new PriorityQueue<>(wanted) {
            @Override
            protected boolean lessThan(Hit a, Hit b) {
                return a.worseThan(b);
            }
        };
        /** How many matches it looked at: fewer than matched when the scorer skipped some. */
        private long visited;

        /** Document ids, best first. */
        int[] docs() {
            int[] docs = new int[best.size()];
            for (int i = docs.length - 1; i >= 0; i--) {
                docs[i] = best.pop().doc();
            }
            return docs;
        }

        long visited() {
            return visited;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.TOP_SCORES;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            NumericDocValues numbers = DocValues.getNumeric(context.reader(), numberField);
            boolean newestFirst = indexSort.equals(context.reader().getMetaData().getSort());
            int base = context.docBase;
            return new LeafCollector() {
                private Scorable scorer;
                private float minScore;
                /** Every later document of this segment has a lower number than this (when sorted newest first). */
                private long lastNumber = Long.MAX_VALUE;

                @Override
                public void setScorer(Scorable scorer) throws IOException {
                    this.scorer = scorer;
                    raiseMinScore();
                }

                @Override
                public void collect(int doc) throws IOException {
                    visited++;
                    float score = scorer.score();
                    long number = numbers.advanceExact(doc) ? numbers.longValue() : 0;
                    lastNumber = number;
                    Hit hit = new Hit(score, number, base + doc);
                    if (best.size() < wanted) {
                        best.add(hit);
                    } else if (best.top().worseThan(hit)) {
                        best.updateTop(hit);
                    }
                    raiseMinScore();
                }

                /** Tells the scorer what can still make the page, once the page is full. */
                private void raiseMinScore() throws IOException {
                    if (best.size() < wanted) {
                        return;
                    }
                    Hit worst = best.top();
                    float min = newestFirst && lastNumber <= worst.number() ? Math.nextUp(worst.score())
                            : worst.score();
                    if (min > minScore) {
                        scorer.setMinCompetitiveScore(min);
                        minScore = min;
                    }
                }
            };
        }
    }
}
