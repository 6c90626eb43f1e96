package io.opsbot.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * A scenario's arguments after its name; the packaged jars are found where {@code mvn package} puts them, or where
 * {@code -Dbench.bot-jar} and {@code -Dbench.jar} say.
 */
record BenchArgs(List<String> values) {

    int intAt(int index, int otherwise) {
        return index < values.size() ? Integer.parseInt(values.get(index).replace("_", "")) : otherwise;
    }

    Path botJar() {
        return Path.of(System.getProperty("bench.bot-jar", "bot-app/target/bot-app-0.1.0-SNAPSHOT.jar"));
    }

    Path benchJar() {
        return Path.of(System.getProperty("bench.jar", "bench/target/bench-0.1.0-SNAPSHOT.jar"));
    }
}
