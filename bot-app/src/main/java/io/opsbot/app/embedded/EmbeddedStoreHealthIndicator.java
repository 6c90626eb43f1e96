package io.opsbot.app.embedded;

import org.h2.mvstore.MVStore;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The embedded database file, open or not. H2 closes the store for good when a write fails (out of disk, out of direct
 * memory): the embedded server still answers {@code ping}, but every read and write fails from then on. Part of the
 * liveness and readiness groups, so that whoever runs the bot restarts it, which opens the file again with every
 * write confirmed before the failure.
 */
class EmbeddedStoreHealthIndicator extends AbstractHealthIndicator {

    private final MVStore store;

    EmbeddedStoreHealthIndicator(MVStore store) {
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (store.isClosed()) {
            builder.down().withDetail("store", "closed after a failed write; restart the bot to open it again");
        } else {
            builder.up();
        }
    }
}
