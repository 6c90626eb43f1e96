package io.opsbot.core.feedback;

import io.opsbot.core.tenant.TenantRef;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NativeFSLockFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where one tenant's search index lives on this instance's disk: a folder holding generations of the index, one
 * sub-folder each ({@code g<millis>}). A build writes a new generation and commits it with the version it reflects;
 * the newest generation with such a commit is the one opened at start-up, the others are removed once it is in use.
 * So a build cut short by a crash, or a rebuild done aside while the old index serves, never leaves a half index
 * in use. The folder is held by this instance (a lock file) for as long as it is open: another process pointed at
 * the same folder gets none, and keeps its index in memory instead.
 */
final class TenantIndexFolder implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(TenantIndexFolder.class);
    private static final String OWNER_LOCK = "owner.lock";
    private static final String PREFIX = "g";

    private final Path folder;
    private final Directory lockDirectory;
    private final Lock owner;

    private TenantIndexFolder(Path folder, Directory lockDirectory, Lock owner) {
        this.folder = folder;
        this.lockDirectory = lockDirectory;
        this.owner = owner;
    }

    /** The tenant's folder under {@code base}, held by this instance; empty when another holds it. */
    static Optional<TenantIndexFolder> claim(Path base, TenantRef tenant) {
        Path folder = base.resolve(folderName(tenant));
        Directory directory = null;
        try {
            Files.createDirectories(folder);
            directory = FSDirectory.open(folder, NativeFSLockFactory.INSTANCE);
            return Optional.of(new TenantIndexFolder(folder, directory, directory.obtainLock(OWNER_LOCK)));
        } catch (LockObtainFailedException e) {
            log.warn("The search index folder {} is in use by another process; this one keeps its index in memory",
                    folder);
            closeQuietly(directory);
            return Optional.empty();
        } catch (IOException e) {
            closeQuietly(directory);
            throw new UncheckedIOException("Cannot use the search index folder " + folder, e);
        }
    }

    /** A readable name that cannot collide: the key's safe characters, and a hash of the whole key. */
    static String folderName(TenantRef tenant) {
        String key = tenant.key();
        String safe = key.replaceAll("[^A-Za-z0-9_.-]", "_");
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8));
            return safe + "-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A generation that was committed (and its commit's data), newest first; unreadable ones are skipped. */
    record Committed(Path path, Directory directory, Map<String, String> data) {
    }

    /**
     * The newest generation with a commit, opened; empty when there is none. A generation whose commit cannot be read
     * (a crash during a build, a damaged file) is removed.
     */
    Optional<Committed> newest() {
        for (Path generation : generations()) {
            Directory directory = null;
            try {
                directory = FSDirectory.open(generation);
                if (DirectoryReader.indexExists(directory)) {
                    return Optional.of(new Committed(generation, directory,
                            SegmentInfos.readLatestCommit(directory).getUserData()));
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Search index {} cannot be read ({}); it is rebuilt", generation, e.toString());
            }
            closeQuietly(directory);
            delete(generation);
        }
        return Optional.empty();
    }

    /** A new, empty generation to build into. */
    Directory create(long millis) throws IOException {
        Path generation = folder.resolve(PREFIX + millis);
        for (int n = 1; Files.exists(generation); n++) {
            generation = folder.resolve(PREFIX + (millis + n));
        }
        Files.createDirectories(generation);
        return FSDirectory.open(generation);
    }

    /** Removes every generation but the one of {@code keep}. */
    void keepOnly(Directory keep) {
        Path kept = keep instanceof FSDirectory fs ? fs.getDirectory() : null;
        for (Path generation : generations()) {
            if (!generation.equals(kept)) {
                delete(generation);
            }
        }
    }

    /** Generations, newest first. */
    private List<Path> generations() {
        try (Stream<Path> paths = Files.list(folder)) {
            return paths.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches(PREFIX + "\\d+"))
                    .sorted(Comparator.comparingLong((Path p) -> Long.parseLong(p.getFileName().toString()
                            .substring(PREFIX.length()))).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a generation not in use (best effort: a leftover is removed at the next start). */
    static void delete(Path generation) {
        try (Stream<Path> files = Files.walk(generation)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.debug("Could not remove {}: {}", generation, e.toString());
        }
    }

    static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException e) {
                log.debug("Closing {} failed", closeable, e);
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(owner);
        closeQuietly(lockDirectory);
    }
}
