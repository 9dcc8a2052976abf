package org.herald.queue.engine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Run in a child JVM by {@link CrashTest}: enqueues from several threads until killed, printing {@code ACK <id>}
 * after each acknowledged enqueue, {@code LEASE <id>} before completing a leased entry and {@code DONE <id>} after
 * its completion is acknowledged, {@code DEFER <id>} after a deferral by a day is acknowledged.
 */
public final class CrashChild {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        long segmentBytes = Long.parseLong(args[2]);
        PrintStream out = System.out;
        QueueEngine engine = QueueEngine.open(dir, QueueEngineOptions.defaults().withSegmentBytes(segmentBytes));
        out.println("OPEN " + engine.size() + " " + engine.recoveryReport().quarantined().size());
        out.flush();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread w = new Thread(() -> {
                try {
                    for (int i = 0; ; i++) {
                        QueueEntry e = engine.enqueue(TestMails.envelope("c" + thread + "-" + i),
                            TestMails.body(2048 + i % 4096));
                        synchronized (out) {
                            out.println("ACK " + e.id());
                            out.flush();
                        }
                        if (i % 5 == 1) {
                            Optional<QueueEntry> leased = engine.poll();
                            if (leased.isPresent()) {
                                String id = leased.get().id();
                                synchronized (out) {
                                    out.println("LEASE " + id);
                                    out.flush();
                                }
                                engine.defer(id, Instant.now().plus(Duration.ofDays(1)), env -> env.withAttempts(1));
                                synchronized (out) {
                                    out.println("DEFER " + id);
                                    out.flush();
                                }
                            }
                        } else if (i % 3 == 0) {
                            Optional<QueueEntry> leased = engine.poll();
                            if (leased.isPresent()) {
                                String id = leased.get().id();
                                synchronized (out) {
                                    out.println("LEASE " + id);
                                    out.flush();
                                }
                                engine.complete(id);
                                synchronized (out) {
                                    out.println("DONE " + id);
                                    out.flush();
                                }
                            }
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(3);
                }
            });
            w.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
