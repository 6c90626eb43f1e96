package io.opsbot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A closed-loop load generator: {@code clients} threads, each with its own HTTP/1.1 connection, send the next request
 * as soon as the previous one was answered, for a fixed time. Every answer's latency counts; an answer that is not 200,
 * or whose body lacks the expected text, is an error.
 */
final class HttpLoad {

    /**
     * One request to send: the body and its headers, made fresh (signed now) for each send. With {@code done}, the
     * answer is complete when it completes (what the bot does after its ack, e.g. a call to the fake Slack API).
     */
    record Call(URI uri, String contentType, String body, List<String> headers, CompletableFuture<?> done) {
        Call(URI uri, String contentType, String body, List<String> headers) {
            this(uri, contentType, body, headers, null);
        }
    }

    /** What a run measured. */
    record Result(int requests, int errors, double seconds, List<Long> sortedMicros) {
        double perSecond() {
            return requests / seconds;
        }

        double p50() {
            return percentile(50);
        }

        double p99() {
            return percentile(99);
        }

        double max() {
            return sortedMicros.isEmpty() ? Double.NaN : sortedMicros.get(sortedMicros.size() - 1) / 1000.0;
        }

        long over(Duration limit) {
            long micros = limit.toNanos() / 1000;
            return sortedMicros.stream().filter(m -> m >= micros).count();
        }

        /** The p-th percentile in milliseconds (nearest rank). */
        double percentile(int p) {
            if (sortedMicros.isEmpty()) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * sortedMicros.size());
            return sortedMicros.get(Math.max(0, Math.min(sortedMicros.size() - 1, rank - 1))) / 1000.0;
        }
    }

    private HttpLoad() {
    }

    /**
     * Runs {@code clients} loops for {@code duration}; request i comes from {@code calls}, and an answer counts as
     * right when it is 200 and contains {@code expect} (null: any body).
     */
    static Result run(int clients, Duration duration, IntFunction<Call> calls, String expect) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        return run(clients, i -> System.nanoTime() < end, calls, expect);
    }

    /** Sends each of {@code calls} once, from {@code clients} loops; any 200 counts as right. */
    static Result runEach(int clients, List<Call> calls) throws Exception {
        return run(clients, i -> i < calls.size(), calls::get, null);
    }

    /** Request i is sent while {@code more} holds for it. */
    private static Result run(int clients, java.util.function.IntPredicate more, IntFunction<Call> calls,
                              String expect) throws Exception {
        AtomicInteger sequence = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<List<Long>> perClient = new ArrayList<>();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                List<Long> latencies = new ArrayList<>();
                perClient.add(latencies);
                running.add(pool.submit(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(10)).build();
                    for (int i = sequence.getAndIncrement(); more.test(i); i = sequence.getAndIncrement()) {
                        Call call = calls.apply(i);
                        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri())
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", call.contentType())
                                .POST(HttpRequest.BodyPublishers.ofString(call.body()));
                        for (int h = 0; h + 1 < call.headers().size(); h += 2) {
                            request.header(call.headers().get(h), call.headers().get(h + 1));
                        }
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> response = http.send(request.build(),
                                    HttpResponse.BodyHandlers.ofString());
                            boolean done = finished(call, response);
                            latencies.add((System.nanoTime() - sent) / 1000);
                            if (!done || expect != null && !response.body().contains(expect)) {
                                if (errors.incrementAndGet() <= 3) {
                                    System.out.printf("  unexpected answer %d: %.200s%n", response.statusCode(),
                                            response.body());
                                }
                            }
                        } catch (java.io.IOException e) {
                            latencies.add((System.nanoTime() - sent) / 1000);
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> all = new ArrayList<>();
        perClient.forEach(all::addAll);
        Collections.sort(all);
        return new Result(all.size(), errors.get(), seconds, all);
    }

    /** A 200, and what the call waits for after it, if anything, within the request's 30 s. */
    private static boolean finished(Call call, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return false;
        }
        if (call.done() == null) {
            return true;
        }
        try {
            call.done().get(30, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
