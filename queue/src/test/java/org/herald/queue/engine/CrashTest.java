package org.herald.queue.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real crash: a child JVM enqueues and completes, is killed with SIGKILL, and the queue is reopened. */
class CrashTest {
    @TempDir
    Path dir;

    @Test
    void killNineLosesNothingAcknowledgedAndBringsBackNothingCompleted() throws Exception {
        Set<String> acked = new HashSet<>();
        Set<String> leased = new HashSet<>();
        Set<String> done = new HashSet<>();
        Set<String> deferred = new HashSet<>();
        for (int round = 0; round < 4; round++) {
            Path queue = dir.resolve("queue");
            Path err = dir.resolve("child-" + round + ".err");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                queue.toString(), "8", String.valueOf(Integer.getInteger("crash.segment", 64 * 1024))) // small segments: checkpoints while killed
                .redirectError(err.toFile())
                .start();
            AtomicInteger acksThisRound = new AtomicInteger();
            Set<String> roundAcked = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Set<String> roundLeased = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Set<String> roundDone = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Set<String> roundDeferred = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Set<String> rawLines = java.util.concurrent.ConcurrentHashMap.newKeySet();
            AtomicReference<Exception> readerFailure = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        rawLines.add(line);
                        String[] parts = line.split(" ");
                        if (parts.length != 2 || parts[1].length() != 16) {
                            continue; // OPEN line, or a line cut by the kill
                        }
                        switch (parts[0]) {
                            case "ACK" -> {
                                roundAcked.add(parts[1]);
                                acksThisRound.incrementAndGet();
                            }
                            case "LEASE" -> roundLeased.add(parts[1]);
                            case "DONE" -> roundDone.add(parts[1]);
                            case "DEFER" -> roundDeferred.add(parts[1]);
                            default -> { }
                        }
                    }
                } catch (Exception e) {
                    readerFailure.set(e);
                }
            });
            reader.start();
            int target = 300 + ThreadLocalRandom.current().nextInt(700);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try {
                while (acksThisRound.get() < target && System.nanoTime() < deadline && child.isAlive()) {
                    Thread.sleep(5);
                }
                assertThat(child.isAlive()).as("child alive; stderr: %s", readQuietly(err)).isTrue();
            } catch (Throwable t) {
                child.toHandle().destroyForcibly(); // never leave a child behind
                throw t;
            }
            // SIGKILL through the process handle: Process.destroyForcibly() would also close our end of the pipe,
            // dropping the child's last lines (its last acknowledgements and leases) before we read them
            assertThat(child.toHandle().destroyForcibly()).isTrue();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(30_000);
            assertThat(reader.isAlive()).isFalse();
            assertThat(readerFailure.get()).as("reading the child's output").isNull();
            acked.addAll(roundAcked);
            leased.addAll(roundLeased);
            done.addAll(roundDone);
            deferred.addAll(roundDeferred);

            Path evidence = Path.of("target", "crash-evidence", "round-" + round);
            copyTree(queue, evidence);
            Files.write(evidence.resolve("child-stdout.txt"), rawLines);
            Files.copy(err, evidence.resolve("child-stderr.txt"));
            try (QueueEngine engine = QueueEngine.open(queue)) {
                Set<String> present = engine.browse().map(QueueEntry::id).collect(Collectors.toSet());
                Set<String> mustBePresent = new HashSet<>(acked);
                mustBePresent.removeAll(leased);
                Set<String> lost = new HashSet<>(mustBePresent);
                lost.removeAll(present);
                assertThat(lost).as("acknowledged ids missing after kill -9 in round %d; report %s", round,
                    engine.recoveryReport()).isEmpty();
                Set<String> resurrected = new HashSet<>(done);
                resurrected.retainAll(present);
                assertThat(resurrected).as("completed ids back after kill -9 in round %d", round).isEmpty();
                Instant inAnHour = Instant.now().plus(Duration.ofHours(1));
                for (String id : deferred) {
                    // deferred by a day: never due again in this test, so still there with its deferral
                    QueueEntry e = engine.get(id).orElseThrow(() -> new AssertionError("deferred entry lost: " + id));
                    assertThat(e.envelope().attempts()).isEqualTo(1);
                    assertThat(e.envelope().nextAttempt()).isAfter(inAnHour);
                }
                for (String id : List.copyOf(present).subList(0, Math.min(20, present.size()))) {
                    assertThat(engine.get(id).orElseThrow().bodySize()).isBetween(2048L, 2048L + 4096);
                    try (var in = engine.openBody(id)) {
                        assertThat(in.readAllBytes()).hasSize((int) engine.get(id).orElseThrow().bodySize());
                    }
                }
                System.out.printf("round %d: %d acked (%d this round), %d completed, %d deferred, %d present, "
                        + "quarantined %s, orphan bodies deleted %d%n", round,
                    acked.size(), roundAcked.size(), done.size(), deferred.size(), present.size(), engine.recoveryReport().quarantined(),
                    engine.recoveryReport().orphanBodiesDeleted());
                assertThat(roundAcked.size()).isGreaterThanOrEqualTo(300);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        if (Files.exists(to)) {
            try (var s = Files.walk(to)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(unreadable)";
        }
    }
}
