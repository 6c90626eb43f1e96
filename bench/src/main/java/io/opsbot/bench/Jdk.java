package io.opsbot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A JDK (or JRE) installed on this machine, to start a bot on: its home folder and its version. */
record Jdk(Path home, String version) {

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");
    /** The first release whose AOT cache holds method profiles and is made in one training run (JEP 514, 515). */
    static final int AOT_CACHE_FEATURE = 25;

    /** The JDK the bench itself runs on. */
    static Jdk current() {
        return new Jdk(Path.of(System.getProperty("java.home")), System.getProperty("java.version"));
    }

    /**
     * A JDK for deploy/Dockerfile's form, which needs {@value #AOT_CACHE_FEATURE} or later: {@code -Dbench.image-jdk}
     * if given, else the bench's own if recent enough, else the newest such one under /usr/lib/jvm.
     */
    static Optional<Jdk> forAotCache() {
        String given = System.getProperty("bench.image-jdk");
        if (given != null) {
            return Optional.of(at(Path.of(given)).orElseThrow(() -> new IllegalArgumentException(
                    "-Dbench.image-jdk=" + given + " is no JDK (no release file with JAVA_VERSION)")));
        }
        if (current().feature() >= AOT_CACHE_FEATURE) {
            return Optional.of(current());
        }
        try (Stream<Path> installed = Files.list(Path.of("/usr/lib/jvm"))) {
            return installed.map(Jdk::at).flatMap(Optional::stream).filter(jdk -> jdk.feature() >= AOT_CACHE_FEATURE)
                    .max(Comparator.comparingInt(Jdk::feature));
        } catch (IOException noneThere) {
            return Optional.empty();
        }
    }

    /** The JDK at {@code home}, read from its {@code release} file; empty if there is none. */
    static Optional<Jdk> at(Path home) {
        try {
            Matcher version = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
            return version.find() ? Optional.of(new Jdk(home, version.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The feature release: 17 for "17.0.15", 25 for "25.0.3" (8 for "1.8.0_x"). */
    int feature() {
        String[] parts = version.split("[._+-]");
        int first = Integer.parseInt(parts[0]);
        return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
    }

    Path java() {
        return home.resolve("bin").resolve("java");
    }
}
