package io.opsbot.app.embedded;

import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.zip.ZipOutputStream;

/**
 * Online backups of the embedded database while the bot runs, with H2's own MVStore backup: it stops the store from
 * reusing file space while it copies, so the copy is a consistent state even as writes continue. The result is a zip
 * holding {@code opsbot.mv.db}; restoring is putting that file back in the data folder of a stopped bot (README).
 */
public final class EmbeddedBackups {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final MVStore store;
    private final Path folder;

    EmbeddedBackups(MVStore store, Path folder) {
        this.store = store;
        this.folder = folder;
    }

    /** Writes a backup and returns its file. */
    public synchronized Path backup() throws IOException {
        Files.createDirectories(folder);
        Path target = folder.resolve("opsbot-" + STAMP.format(Instant.now()) + ".zip");
        Path partial = folder.resolve(target.getFileName() + ".part");
        store.commit();
        try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(out)) {
            store.getFileStore().backup(zip);
        }
        Files.move(partial, target);
        return target;
    }
}
