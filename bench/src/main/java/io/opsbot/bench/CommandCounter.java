package io.opsbot.bench;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Counts the database commands a benchmark run sends, by command, collection and the shape of its filter (the
 * field names it filters on), with the time the server took for them. The embedded server uses an index only when a
 * filter's fields are exactly a unique index's; every other filter scans the collection, so the shapes say where a
 * run scans.
 */
final class CommandCounter implements CommandListener {

    private static final Set<String> COUNTED = Set.of("find", "findAndModify", "update", "delete", "insert",
            "count", "aggregate");

    private record Totals(LongAdder count, LongAdder nanos) {
    }

    private final Map<String, Totals> byShape = new ConcurrentHashMap<>();
    private final Map<Integer, String> started = new ConcurrentHashMap<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (COUNTED.contains(event.getCommandName())) {
            started.put(event.getRequestId(), shape(event.getCommandName(), event.getCommand()));
        }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        String shape = started.remove(event.getRequestId());
        if (shape != null) {
            Totals totals = byShape.computeIfAbsent(shape, s -> new Totals(new LongAdder(), new LongAdder()));
            totals.count().increment();
            totals.nanos().add(event.getElapsedTime(java.util.concurrent.TimeUnit.NANOSECONDS));
        }
    }

    /** A command that failed (a read timeout, mostly) is counted too, apart: "... (failed)". */
    @Override
    public void commandFailed(CommandFailedEvent event) {
        String shape = started.remove(event.getRequestId());
        if (shape != null) {
            Totals totals = byShape.computeIfAbsent(shape + " (failed)",
                    s -> new Totals(new LongAdder(), new LongAdder()));
            totals.count().increment();
            totals.nanos().add(event.getElapsedTime(java.util.concurrent.TimeUnit.NANOSECONDS));
        }
    }

    void reset() {
        byShape.clear();
    }

    /** The commands that took the most time in all, with counts. */
    Table top(int limit) {
        Table table = new Table("command", "collection", "filter fields", "count", "total ms", "mean ms");
        byShape.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Totals> e) -> e.getValue().nanos().sum())
                        .reversed())
                .limit(limit)
                .forEach(e -> {
                    String[] parts = e.getKey().split(" ", 3);
                    long count = e.getValue().count().sum();
                    long nanos = e.getValue().nanos().sum();
                    table.row(parts[0], parts[1], parts.length > 2 ? parts[2] : "", String.format("%,d", count),
                            String.format("%,d", nanos / 1_000_000), String.format("%.2f", nanos / 1e6 / count));
                });
        return table;
    }

    private static String shape(String command, BsonDocument body) {
        String collection = body.get(command) != null && body.get(command).isString()
                ? body.getString(command).getValue() : "?";
        BsonDocument filter = switch (command) {
            case "find", "count" -> document(body.get("filter") != null ? body.get("filter") : body.get("query"));
            case "findAndModify" -> document(body.get("query"));
            case "update" -> first(body, "updates", "q");
            case "delete" -> first(body, "deletes", "q");
            default -> null;
        };
        return command + " " + collection + " " + (filter == null ? "-" : fields(filter));
    }

    private static BsonDocument first(BsonDocument body, String list, String field) {
        BsonValue statements = body.get(list);
        if (statements == null || !statements.isArray() || statements.asArray().isEmpty()) {
            return null;
        }
        return document(statements.asArray().get(0).asDocument().get(field));
    }

    private static BsonDocument document(BsonValue value) {
        return value != null && value.isDocument() ? value.asDocument() : null;
    }

    /** The filter's field names, operators on a field in brackets: {@code _id, leaseUntil[$lt]}. */
    private static String fields(BsonDocument filter) {
        if (filter.isEmpty()) {
            return "(all)";
        }
        return filter.entrySet().stream().map(e -> {
            BsonValue value = e.getValue();
            if (e.getKey().startsWith("$") && value.isArray()) {
                return e.getKey() + "(" + value.asArray().stream().filter(BsonValue::isDocument)
                        .map(v -> fields(v.asDocument())).collect(Collectors.joining(" | ")) + ")";
            }
            if (value.isDocument() && !value.asDocument().isEmpty()
                    && value.asDocument().getFirstKey().startsWith("$")) {
                return e.getKey() + value.asDocument().keySet();
            }
            return e.getKey();
        }).collect(Collectors.joining(", "));
    }
}
