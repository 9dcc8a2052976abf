package org.herald.bench;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.herald.core.config.Secret;
import org.herald.core.greylist.GreylistConfiguration;
import org.herald.core.greylist.GreylistPolicy;
import org.herald.core.greylist.GreylistRequest;
import org.herald.store.HeraldDataSource;
import org.herald.store.JdbcAutoWhitelistStore;
import org.herald.store.JdbcGreylistTripletStore;
import org.herald.store.JdbcGreylistWhitelistStore;
import org.herald.store.StoreConfiguration;
import org.herald.testpeers.PostgresServer;

/**
 * Greylist decision latency under a fixed arrival rate (default 10,000 triplets/s), on the embedded store and on
 * PostgreSQL: the whole policy (whitelist read, auto-whitelist read, triplet read and write) against the real JDBC
 * stores. Latency is measured from each decision's scheduled time, so a stall shows up in the figures instead of
 * silently lowering the rate (no coordinated omission). Half the triplets are new, half are retries of earlier ones.
 *
 * <p>Usage: {@code GreylistLatency [embedded|postgres] [rate] [seconds]}; run by bench/greylist-latency.
 */
public final class GreylistLatency {
    private GreylistLatency() {
    }

    public static void main(String[] arguments) throws Exception {
        String backend = arguments.length > 0 ? arguments[0] : "embedded";
        int rate = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 10_000;
        int seconds = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 20;
        if (backend.equals("postgres")) {
            try (PostgresServer postgres = PostgresServer.start()) {
                PostgresServer.Database database = postgres.createDatabase();
                run(backend, new StoreConfiguration.Postgres(database.jdbcUrl(), database.user(), Secret.of(database.password()), 16),
                    rate, seconds);
            }
        } else {
            Path directory = Files.createTempDirectory("herald-greylist-bench-");
            run(backend, StoreConfiguration.Embedded.defaultIn(directory), rate, seconds);
        }
    }

    private static void run(String backend, StoreConfiguration storeConfiguration, int rate, int seconds) throws Exception {
        try (HeraldDataSource store = HeraldDataSource.open(storeConfiguration)) {
            GreylistPolicy policy = new GreylistPolicy(GreylistConfiguration.DEFAULT, new JdbcGreylistTripletStore(store),
                new JdbcGreylistWhitelistStore(store), new JdbcAutoWhitelistStore(store),
                address -> List.of(), Clock.systemUTC());
            // Warm-up: the JIT and the connection pool, at the same rate, not measured.
            load(policy, rate, Math.min(5, seconds), new ConcurrentHistogram(3));
            Histogram latencies = new ConcurrentHistogram(3);
            long started = System.nanoTime();
            long decided = load(policy, rate, seconds, latencies);
            double elapsed = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "%-9s %8.0f decisions/s (target %d)  p50 %6.2f ms  p99 %6.2f ms  p99.9 %7.2f ms  max %7.2f ms%n",
                backend, decided / elapsed, rate, millis(latencies.getValueAtPercentile(50)), millis(latencies.getValueAtPercentile(99)),
                millis(latencies.getValueAtPercentile(99.9)), millis(latencies.getMaxValue()));
        }
    }

    private static long load(GreylistPolicy policy, int rate, int seconds, Histogram latencies) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(16);
        AtomicLong done = new AtomicLong();
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long sequence = i;
            workers.execute(() -> {
                policy.decide(request(sequence));
                latencies.recordValue(Math.max(0, System.nanoTime() - scheduled));
                done.incrementAndGet();
            });
        }
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.MINUTES);
        return done.get();
    }

    /** Even numbers are new triplets; odd numbers retry the triplet of an earlier request. */
    private static GreylistRequest request(long sequence) {
        long triplet = sequence % 2 == 0 ? sequence : ThreadLocalRandom.current().nextLong(Math.max(1, sequence));
        byte[] address = {(byte) 10, (byte) (triplet >> 16), (byte) (triplet >> 8), (byte) 1};
        try {
            return new GreylistRequest(InetAddress.getByAddress(address), "sender" + triplet + "@example.com",
                "user" + (triplet % 1000) + "@herald.test");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
