package io.opsbot.bench;

import java.util.List;

/**
 * Runs one benchmark scenario by name, from the repository root:
 * <pre>mvn -B -q -pl bench,bot-app -am package -DskipTests
 * java -Dloader.main=io.opsbot.bench.Bench -jar bench/target/bench-0.1.0-SNAPSHOT.jar &lt;scenario&gt; [args]</pre>
 * Scenarios: {@code ack}, {@code growth}, {@code growthcount}, {@code fanout}, {@code footprint}, {@code store}.
 * Each prints one table.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.out.println("usage: Bench ack|growth|growthcount|fanout|footprint|store [args] "
                    + "(see each scenario's class)");
            System.exit(2);
        }
        BenchArgs rest = new BenchArgs(List.of(args).subList(1, args.length));
        switch (args[0]) {
            case "ack" -> AckBenchmark.run(rest);
            case "footprint" -> FootprintBenchmark.run(rest);
            case "growth" -> GrowthBenchmark.run(rest);
            case "growthcount" -> GrowthCounts.run(rest);
            case "fanout" -> FanoutBenchmark.run(rest);
            case "store" -> StoreBenchmark.run(rest);
            default -> {
                System.out.println("unknown scenario " + args[0]);
                System.exit(2);
            }
        }
        // The fakes' HTTP threads would keep the JVM up.
        System.exit(0);
    }
}
