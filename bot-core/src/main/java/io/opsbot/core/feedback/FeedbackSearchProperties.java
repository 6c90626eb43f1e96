package io.opsbot.core.feedback;

import org.springframework.boot.context.properties.ConfigurationProperties;
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
 */
@Validated
@ConfigurationProperties("opsbot.feedback.search")
public record FeedbackSearchProperties(String indexDir) {

    /** The configured folder, if any. */
    public Optional<Path> folder() {
        return indexDir == null || indexDir.isBlank() ? Optional.empty() : Optional.of(Path.of(indexDir.strip()));
    }
}
