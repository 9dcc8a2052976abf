package org.herald.queue.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Micro benchmark, not a test: {@code threads} threads enqueue 10 KB bodies for {@code seconds} seconds (after a
 * warm-up), with fsync, in each body-sync mode; prints enqueues/s, mean batch size and mean sync time. Run from the
 * module: {@code java -cp target/classes:target/test-classes org.herald.queue.engine.QueueEngineBench [dir]
 * [threads] [seconds]}.
 */
public final class QueueEngineBench {
    public static void main(String[] args) throws Exception {
        Path base = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("herald-queue-bench");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        byte[] body = new byte[10 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        System.out.printf("%d threads x 10 KB bodies, %d s per run, directory %s%n", threads, seconds, base);
        for (QueueEngineOptions options : List.of(
            QueueEngineOptions.defaults().withBodySync(QueueEngineOptions.BodySync.CALLER),
            QueueEngineOptions.defaults().withBodySync(QueueEngineOptions.BodySync.COMMITTER),
            QueueEngineOptions.defaults().withFsync(false))) {
            String label = options.fsync() ? "fsync, bodies synced by " + options.bodySync() : "no fsync (reference)";
            run(base.resolve("warmup"), options, threads, 1, body, null);
            run(base.resolve("run"), options, threads, seconds, body, label);
        }
    }

    private static void run(Path dir, QueueEngineOptions options, int threads, int seconds, byte[] body, String label)
        throws Exception {
        deleteRecursively(dir);
        AtomicLong done = new AtomicLong();
        try (QueueEngine engine = QueueEngine.open(dir, options)) {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread w = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; System.nanoTime() < end; i++) {
                            engine.enqueue(QueueEnvelope.builder("bench-" + thread + "-" + i)
                                .sender("sender@example.org").recipients("rcpt@example.com").state("root")
                                .build(), new ByteArrayInputStream(body));
                            done.incrementAndGet();
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                workers.add(w);
                w.start();
            }
            long t0 = System.nanoTime();
            start.countDown();
            for (Thread w : workers) {
                w.join();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            QueueEngineStats s = engine.stats();
            if (label != null) {
                System.out.printf("%-40s %8.0f enqueues/s  mean batch %5.1f records  mean sync %.2f ms"
                        + "  max sync %.1f ms%n", label, done.get() / secs, s.meanBatchSize(), s.meanSyncMillis(),
                    s.maxSyncNanos() / 1e6);
            }
        }
        deleteRecursively(dir);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
