package io.opsbot.core.feedback;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Settings under {@code opsbot.feedback.search.*}.
 *
 * @param indexDir the folder on this instance's disk where the search indexes are kept (one sub-folder per tenant),
 *                 so a restart opens them and catches up from the change log instead of reading every item again.
 *                 Each instance needs its own (a folder another running process holds is not shared: that process
 *                 keeps its index in memory). Empty: in memory, built at first use after every start. The packaged
 *                 bot defaults it to {@code <embedded data dir>/search-index}
 * @param similarAmongNewest how many of the tenant's newest items (by number) a capture's duplicate suggestion looks
 *                 among. The suggestion is made while the capture is answered (Slack's 3 s): over every item, its cost
 *                 grew with the tenant's feedback (every item sharing a common word is scored), over the newest ones
 *                 it stays the same however much is stored. Default 5,000
 */
@Validated
@ConfigurationProperties("opsbot.feedback.search")
public record FeedbackSearchProperties(String indexDir,
                                       @DefaultValue("5000") @Min(100) int similarAmongNewest) {

    /** The default of {@link #similarAmongNewest}, for instances made without Spring (tests, benchmarks). */
    public static final int SIMILAR_AMONG_NEWEST = 5_000;

    /** The configured folder, if any. */
    public Optional<Path> folder() {
        return indexDir == null || indexDir.isBlank() ? Optional.empty() : Optional.of(Path.of(indexDir.strip()));
    }
}
