package org.herald.queue.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herald.queue.engine.TestMails.body;
import static org.herald.queue.engine.TestMails.envelope;
import static org.herald.queue.engine.TestMails.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueEngineTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(T0);
    QueueEngine engine;

    QueueEngine open() throws IOException {
        engine = QueueEngine.open(dir, QueueEngineOptions.defaults().withClock(clock));
        return engine;
    }

    @AfterEach
    void closeEngine() throws IOException {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void enqueueDequeueComplete() throws Exception {
        open();
        QueueEntry in = engine.enqueue(envelope("m1"), body("Subject: hi\r\n\r\nhello"));
        assertThat(engine.size()).isEqualTo(1);
        assertThat(in.envelope().enqueuedAt()).isEqualTo(T0);
        assertThat(in.envelope().nextAttempt()).isEqualTo(T0);

        QueueEntry out = engine.poll().orElseThrow();
        assertThat(out.id()).isEqualTo(in.id());
        assertThat(out.envelope()).isEqualTo(in.envelope());
        assertThat(out.bodySize()).isEqualTo(20);
        assertThat(read(engine, out.id())).isEqualTo("Subject: hi\r\n\r\nhello");
        assertThat(engine.poll()).isEmpty();

        engine.complete(out.id());
        assertThat(engine.size()).isZero();
        assertThat(engine.get(out.id())).isEmpty();
        assertThat(engine.directory().resolve("bodies")).isEmptyDirectory();
        assertThat(engine.stats().completedCount()).isEqualTo(1);
        assertThat(engine.stats().enqueuedCount()).isEqualTo(1);
        assertThat(engine.stats().dequeuedCount()).isEqualTo(1);
    }

    @Test
    void aBodySharedWithAnotherQueueOutlivesTheSourceEntryAndARestart(@TempDir Path otherDir) throws Exception {
        open();
        QueueEntry spooled = engine.enqueue(envelope("m1"), body("Subject: shared\r\n\r\nbody"));
        engine.poll().orElseThrow();
        try (QueueEngine outgoing = QueueEngine.open(otherDir, QueueEngineOptions.defaults().withClock(clock))) {
            QueueEntry moved = outgoing.enqueueSharingBody(envelope("m1"), engine, spooled.id());
            engine.complete(spooled.id());

            assertThat(engine.directory().resolve("bodies")).isEmptyDirectory();
            assertThat(moved.bodySize()).isEqualTo(spooled.bodySize());
            assertThat(read(outgoing, moved.id())).isEqualTo("Subject: shared\r\n\r\nbody");
        }
        try (QueueEngine reopened = QueueEngine.open(otherDir, QueueEngineOptions.defaults().withClock(clock))) {
            assertThat(reopened.recoveryReport().quarantined()).isEmpty();
            QueueEntry recovered = reopened.poll().orElseThrow();
            assertThat(read(reopened, recovered.id())).isEqualTo("Subject: shared\r\n\r\nbody");
        }
    }

    @Test
    void anEnqueueRepeatedWithTheSameDeduplicationKeyAndBodyIsNotQueuedTwiceEvenAfterCompletionAndRestart() throws Exception {
        open();
        QueueEnvelope moved = envelope("m1").withAttributes(Map.of(QueueEngine.DEDUPLICATION_ATTRIBUTE, "spool/0000000000000007|a@x"));
        QueueEntry first = engine.enqueue(moved, body("Subject: once\r\n\r\nbody"));

        QueueEntry again = engine.enqueue(moved, body("Subject: once\r\n\r\nbody"));
        QueueEntry otherBody = engine.enqueue(moved, body("Subject: other\r\n\r\nbody"));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(otherBody.id()).isNotEqualTo(first.id());
        assertThat(engine.size()).isEqualTo(2);
        assertThat(engine.directory().resolve("bodies")).isDirectoryContaining(path -> true);
        try (var bodies = java.nio.file.Files.list(engine.directory().resolve("bodies"))) {
            assertThat(bodies.count()).isEqualTo(2);
        }

        // Delivered and completed, then the process dies before the source's completion is durable: at restart the
        // replayed source enqueues the same mail again, and the completion still in the journal answers it.
        QueueEntry leased = engine.poll().orElseThrow();
        engine.complete(leased.id());
        engine.close();
        open();
        QueueEntry replayed = engine.enqueue(moved, body("Subject: once\r\n\r\nbody"));
        assertThat(replayed.id()).isEqualTo(first.id());
        assertThat(engine.size()).isEqualTo(1);
        assertThat(engine.poll().orElseThrow().id()).isEqualTo(otherBody.id());
    }

    @Test
    void aLeaseNobodyEndsIsHandedBackAfterTheTimeoutAndOnlyThen() throws Exception {
        open();
        QueueEntry stuck = engine.enqueue(envelope("stuck"), body("1"));
        QueueEntry working = engine.enqueue(envelope("working"), body("2"));
        engine.poll().orElseThrow();
        clock.advance(Duration.ofMinutes(50));
        engine.poll().orElseThrow();

        clock.advance(Duration.ofMinutes(20));
        assertThat(engine.expireLeases(Duration.ofHours(1))).isEqualTo(1);

        QueueEntry again = engine.poll().orElseThrow();
        assertThat(again.id()).isEqualTo(stuck.id());
        assertThat(engine.poll()).isEmpty();
        engine.complete(working.id());
        engine.complete(again.id());
        assertThat(engine.size()).isZero();
    }

    @Test
    void entriesFoundAtOpenAreTheRecoveredOnesAndThoseEnqueuedSinceAreNot() throws Exception {
        open();
        QueueEntry before = engine.enqueue(envelope("before"), body("1"));
        assertThat(engine.recoveredAtOpen(before.id())).isFalse();
        engine.close();

        open();
        QueueEntry after = engine.enqueue(envelope("after"), body("2"));

        assertThat(engine.recoveredAtOpen(before.id())).isTrue();
        assertThat(engine.recoveredAtOpen(after.id())).isFalse();
    }

    @Test
    void withoutADeduplicationKeyEveryEnqueueIsANewEntry() throws Exception {
        open();
        engine.enqueue(envelope("m1"), body("same"));
        engine.enqueue(envelope("m1"), body("same"));
        assertThat(engine.size()).isEqualTo(2);
    }

    @Test
    void sharingTheBodyOfAnEntryThatIsGoneIsRefused(@TempDir Path otherDir) throws Exception {
        open();
        try (QueueEngine outgoing = QueueEngine.open(otherDir, QueueEngineOptions.defaults().withClock(clock))) {
            assertThatThrownBy(() -> outgoing.enqueueSharingBody(envelope("m1"), engine, "00000000000000ff"))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
            assertThat(outgoing.size()).isZero();
        }
    }

    @Test
    void aBodyWriterStreamsStraightIntoTheBodyFile() throws Exception {
        open();
        QueueEntry e = engine.enqueue(envelope("w"), out -> {
            out.write('H');
            for (int i = 0; i < 1000; i++) {
                out.write(("line " + i + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        });
        StringBuilder expected = new StringBuilder("H");
        for (int i = 0; i < 1000; i++) {
            expected.append("line ").append(i).append("\r\n");
        }
        assertThat(e.bodySize()).isEqualTo(expected.length());
        assertThat(read(engine, e.id())).isEqualTo(expected.toString());
        assertThatThrownBy(() -> engine.enqueue(envelope("broken"), out -> {
            out.write(new byte[100_000]);
            throw new IOException("client went away");
        })).hasMessage("client went away");
        assertThat(engine.size()).isEqualTo(1);
        try (Stream<Path> bodies = Files.list(dir.resolve("bodies"))) {
            assertThat(bodies.count()).as("no partial body left").isEqualTo(1);
        }
        engine.close();
        open(); // verifies the recorded CRC of the written body
        assertThat(engine.recoveryReport().quarantined()).isEmpty();
        assertThat(read(engine, e.id())).isEqualTo(expected.toString());
    }

    @Test
    void envelopeRoundTripsThroughDiskWithEveryField() throws Exception {
        open();
        QueueEnvelope full = TestMails.full("m-full");
        engine.enqueue(full, body("x"));
        engine.close();
        open();
        QueueEnvelope back = engine.browse().findFirst().orElseThrow().envelope();
        assertThat(back).isEqualTo(full.withEnqueuedAt(T0).withNextAttempt(T0));
        assertThat(back.sender()).isEmpty();
        assertThat(back.attributes()).containsEntry("k\u00e9", "v\u00e9");
    }

    @Test
    void handsOutDueEntriesInDueTimeOrderThenSequence() throws Exception {
        open();
        engine.enqueue(envelope("late", T0.plusSeconds(30)), body("3"));
        engine.enqueue(envelope("first", T0.minusSeconds(10)), body("1"));
        engine.enqueue(envelope("now-a", T0), body("2a"));
        engine.enqueue(envelope("now-b", T0), body("2b"));
        engine.enqueue(envelope("later", T0.plusSeconds(60)), body("4"));

        assertThat(names(drain())).containsExactly("first", "now-a", "now-b");
        assertThat(engine.nextDue()).contains(T0.plusSeconds(30));
        clock.advance(Duration.ofSeconds(45));
        assertThat(names(drain())).containsExactly("late");
        clock.advance(Duration.ofSeconds(45));
        assertThat(names(drain())).containsExactly("later");
    }

    @Test
    void deferWritesASmallRecordAndNeverTouchesTheBody() throws Exception {
        open();
        QueueEntry e = engine.enqueue(envelope("m"), body(50_000));
        Path bodyFile = dir.resolve("bodies").resolve(e.id() + ".body");
        Object inode = Files.getAttribute(bodyFile, "unix:ino");
        FileTime mtime = Files.getLastModifiedTime(bodyFile);
        long journalBefore = journalBytes();
        Thread.sleep(20);

        engine.poll().orElseThrow();
        engine.defer(e.id(), T0.plusSeconds(300), env -> env.withAttempts(1).withErrorMessage("451 greylisted"));

        assertThat(Files.getAttribute(bodyFile, "unix:ino")).isEqualTo(inode);
        assertThat(Files.getLastModifiedTime(bodyFile)).isEqualTo(mtime);
        assertThat(Files.size(bodyFile)).isEqualTo(50_000);
        assertThat(journalBytes() - journalBefore).isBetween(1L, 1024L);
        QueueEnvelope deferred = engine.get(e.id()).orElseThrow().envelope();
        assertThat(deferred.attempts()).isEqualTo(1);
        assertThat(deferred.errorMessage()).isEqualTo("451 greylisted");
        assertThat(deferred.nextAttempt()).isEqualTo(T0.plusSeconds(300));
        assertThat(engine.poll()).isEmpty();
        clock.advance(Duration.ofSeconds(301));
        assertThat(engine.poll().orElseThrow().id()).isEqualTo(e.id());
        assertThat(TestMails.read(engine, e.id())).hasSize(50_000);
    }

    @Test
    void tenThousandDeferredDoNotDelayAFreshEntry() throws Exception {
        engine = QueueEngine.open(dir, QueueEngineOptions.defaults().withClock(clock).withFsync(false));
        List<CompletableFuture<QueueEntry>> enqueues = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            enqueues.add(engine.enqueueAsync(envelope("old-" + i), body("old " + i)));
        }
        CompletableFuture.allOf(enqueues.toArray(new CompletableFuture[0])).join();
        List<CompletableFuture<Void>> defers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            QueueEntry e = engine.poll().orElseThrow();
            defers.add(engine.deferAsync(e.id(), T0.plusSeconds(600 + i % 3600), env -> env.withAttempts(1)));
        }
        CompletableFuture.allOf(defers.toArray(new CompletableFuture[0])).join();
        assertThat(engine.size()).isEqualTo(10_000);
        assertThat(engine.poll()).isEmpty();

        AtomicReference<QueueEntry> taken = new AtomicReference<>();
        AtomicReference<Long> takenAt = new AtomicReference<>();
        Thread taker = new Thread(() -> {
            try {
                taken.set(engine.take(Duration.ofSeconds(10)).orElse(null));
                takenAt.set(System.nanoTime());
            } catch (InterruptedException ignored) {
                // test ends
            }
        });
        taker.start();
        Thread.sleep(100);
        engine.enqueue(envelope("fresh"), body("fresh"));
        long acked = System.nanoTime();
        taker.join(5_000);
        assertThat(taken.get()).isNotNull();
        assertThat(taken.get().envelope().name()).isEqualTo("fresh");
        assertThat(Duration.ofNanos(takenAt.get() - acked)).isLessThan(Duration.ofMillis(100));

        // and with poll: the fresh entry is the head of the index whatever sits behind it
        engine.enqueue(envelope("fresh-2"), body("fresh"));
        long t = System.nanoTime();
        assertThat(engine.poll().orElseThrow().envelope().name()).isEqualTo("fresh-2");
        assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofMillis(100));
    }

    @Test
    void takeWaitsForTheClockAndWakesUp() throws Exception {
        open();
        engine.enqueue(envelope("soon", T0.plusSeconds(10)), body("x"));
        assertThat(engine.take(Duration.ofMillis(50))).isEmpty();

        AtomicReference<Optional<QueueEntry>> taken = new AtomicReference<>();
        Thread taker = new Thread(() -> {
            try {
                taken.set(engine.take(Duration.ofSeconds(30)));
            } catch (InterruptedException ignored) {
                // test ends
            }
        });
        taker.start();
        Thread.sleep(100);
        assertThat(taken.get()).isNull();
        clock.advance(Duration.ofSeconds(11));
        engine.wakeUp();
        taker.join(2_000);
        assertThat(taken.get()).isPresent();
        assertThat(taken.get().orElseThrow().envelope().name()).isEqualTo("soon");
    }

    @Test
    void aLeasedEntryIsNotHandedOutTwiceUntilItsLeaseEnds() throws Exception {
        open();
        QueueEntry a = engine.enqueue(envelope("a"), body("a"));
        QueueEntry leased = engine.poll().orElseThrow();
        assertThat(engine.poll()).isEmpty();
        assertThat(engine.inFlightCount()).isEqualTo(1);
        assertThat(engine.size()).isEqualTo(1);

        engine.release(leased.id());
        QueueEntry again = engine.poll().orElseThrow();
        assertThat(again.id()).isEqualTo(a.id());

        engine.complete(again.id());
        assertThatThrownBy(() -> engine.complete(again.id())).isInstanceOf(IllegalStateException.class);
        QueueEntry b = engine.enqueue(envelope("b"), body("b"));
        assertThatThrownBy(() -> engine.complete(b.id())).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("not leased");
        assertThatThrownBy(() -> engine.defer(b.id(), T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentConsumersNeverShareAnEntry() throws Exception {
        engine = QueueEngine.open(dir, QueueEngineOptions.defaults().withClock(clock).withFsync(false));
        List<CompletableFuture<QueueEntry>> fs = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            fs.add(engine.enqueueAsync(envelope("m" + i), body("b")));
        }
        CompletableFuture.allOf(fs.toArray(new CompletableFuture[0])).join();
        Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger duplicates = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                Optional<QueueEntry> e;
                while ((e = engine.poll()).isPresent()) {
                    if (!seen.add(e.get().id())) {
                        duplicates.incrementAndGet();
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(duplicates.get()).isZero();
        assertThat(seen).hasSize(2_000);
    }

    @Test
    void restartBringsBackQueuedAndLeasedEntriesButNotCompletedOnes() throws Exception {
        open();
        QueueEntry a = engine.enqueue(envelope("a"), body("A"));
        QueueEntry b = engine.enqueue(envelope("b"), body("B"));
        QueueEntry c = engine.enqueue(envelope("c"), body("C"));
        QueueEntry d = engine.enqueue(envelope("d"), body("D"));
        assertThat(engine.poll().orElseThrow().id()).isEqualTo(a.id());
        engine.complete(a.id());
        assertThat(engine.poll().orElseThrow().id()).isEqualTo(b.id()); // leased, never ended
        assertThat(engine.poll().orElseThrow().id()).isEqualTo(c.id());
        engine.defer(c.id(), T0.plusSeconds(3600), env -> env.withAttempts(2));
        engine.close();

        open();
        assertThat(engine.recoveryReport().entries()).isEqualTo(3);
        assertThat(engine.recoveryReport().quarantined()).isEmpty();
        assertThat(engine.size()).isEqualTo(3);
        assertThat(engine.get(a.id())).isEmpty();
        assertThat(Files.exists(dir.resolve("bodies").resolve(a.id() + ".body"))).isFalse();
        assertThat(names(drain())).containsExactly("b", "d");
        assertThat(engine.get(c.id()).orElseThrow().envelope().attempts()).isEqualTo(2);
        clock.advance(Duration.ofHours(2));
        QueueEntry back = engine.poll().orElseThrow();
        assertThat(back.id()).isEqualTo(c.id());
        assertThat(read(engine, c.id())).isEqualTo("C");

        // ids keep growing after a restart
        QueueEntry e = engine.enqueue(envelope("e"), body("E"));
        assertThat(e.id()).isGreaterThan(d.id());
    }

    @Test
    void journalRotatesWithACheckpointAndKeepsEveryState() throws Exception {
        engine = QueueEngine.open(dir, QueueEngineOptions.defaults().withClock(clock).withSegmentBytes(4096));
        Map<String, Instant> expected = new java.util.HashMap<>();
        for (int i = 0; i < 120; i++) {
            QueueEntry e = engine.enqueue(envelope("m" + i), body("body " + i));
            QueueEntry leased = engine.poll().orElseThrow();
            assertThat(leased.id()).isEqualTo(e.id());
            if (i % 3 == 0) {
                engine.complete(e.id());
            } else if (i % 3 == 1) {
                engine.defer(e.id(), T0.plusSeconds(i), env -> env.withAttempts(7));
                expected.put(e.id(), T0.plusSeconds(i));
            } else {
                expected.put(e.id(), T0); // left leased: due again after the restart
            }
        }
        assertThat(engine.stats().checkpointCount()).isPositive();
        try (Stream<Path> segs = Files.list(dir.resolve("journal"))) {
            assertThat(segs.count()).isLessThanOrEqualTo(2);
        }
        engine.close();

        open();
        Map<String, Instant> actual = engine.browse()
            .collect(Collectors.toMap(QueueEntry::id, q -> q.envelope().nextAttempt()));
        assertThat(actual).isEqualTo(expected);
        try (Stream<Path> bodies = Files.list(dir.resolve("bodies"))) {
            assertThat(bodies.count()).isEqualTo(expected.size());
        }
    }

    @Test
    void browseAndManage() throws Exception {
        open();
        engine.enqueue(QueueEnvelope.builder("n1").sender("spam@bad.example").recipients("x@a.org").build(),
            body("1"));
        engine.enqueue(QueueEnvelope.builder("n2").sender("ok@good.example").recipients("victim@b.org", "y@a.org")
            .build(), body("2"));
        clock.advance(Duration.ofMinutes(5));
        engine.enqueue(QueueEnvelope.builder("n3").sender("ok@good.example").recipients("z@a.org")
            .nextAttempt(T0.plus(Duration.ofHours(1))).build(), body("3"));
        engine.enqueue(QueueEnvelope.builder("n4").sender("ok@good.example").recipients("z@a.org")
            .nextAttempt(T0.plus(Duration.ofHours(2))).build(), body("4"));
        engine.enqueue(QueueEnvelope.builder("n5").sender("ok@good.example").recipients("w@a.org").build(),
            body("5"));

        assertThat(engine.size()).isEqualTo(5);
        assertThat(engine.browse().map(q -> q.envelope().name())).containsExactly("n1", "n2", "n3", "n4", "n5");
        assertThat(engine.oldestEnqueuedAt()).contains(T0);
        assertThat(engine.oldestAge()).contains(Duration.ofMinutes(5));

        assertThat(engine.removeBySender("SPAM@bad.example")).isEqualTo(1);
        assertThat(engine.removeByRecipient("victim@b.org")).isEqualTo(1);
        assertThat(engine.removeByName("n5")).isEqualTo(1);
        assertThat(engine.browse().map(q -> q.envelope().name())).containsExactly("n3", "n4");
        assertThat(engine.oldestEnqueuedAt()).contains(T0.plus(Duration.ofMinutes(5)));
        assertThat(engine.poll()).isEmpty();

        engine.flush();
        assertThat(names(drain())).containsExactly("n3", "n4");
        engine.close();
        open();
        assertThat(engine.browse().map(q -> q.envelope().nextAttempt())).allMatch(t -> !t.isAfter(clock.instant()));
        assertThat(engine.clear()).isEqualTo(2);
        assertThat(engine.size()).isZero();
        assertThat(engine.oldestAge()).isEmpty();
        engine.close();
        open();
        assertThat(engine.size()).isZero();
        assertThat(dir.resolve("bodies")).isEmptyDirectory();
    }

    @Test
    void removingALeasedEntryTakesEffectWhenItsLeaseEnds() throws Exception {
        open();
        QueueEntry e = engine.enqueue(envelope("m"), body("x"));
        engine.poll().orElseThrow();
        assertThat(engine.removeByName("m")).isEqualTo(1);
        assertThat(engine.size()).isEqualTo(1); // delivery in progress is not interrupted
        engine.defer(e.id(), T0.plusSeconds(60));
        for (int i = 0; i < 100 && engine.size() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(engine.size()).isZero();
        engine.close();
        open();
        assertThat(engine.size()).isZero();
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() throws Exception {
        open();
        assertThatThrownBy(() -> QueueEngine.open(dir)).isInstanceOf(IOException.class)
            .hasMessageContaining("already open");
    }

    @Test
    void orphanBodiesOfUnacknowledgedEnqueuesAreDeletedAtOpen() throws Exception {
        open();
        engine.enqueue(envelope("kept"), body("k"));
        engine.close();
        Files.writeString(dir.resolve("bodies").resolve(QueueEngine.idOf(999) + ".body"), "never acknowledged");
        open();
        assertThat(engine.recoveryReport().orphanBodiesDeleted()).isEqualTo(1);
        assertThat(engine.recoveryReport().quarantined()).isEmpty();
        assertThat(engine.size()).isEqualTo(1);
        // the sequence moves past the orphan's id, so no new entry reuses a name that was on disk
        assertThat(engine.enqueue(envelope("n"), body("n")).id()).isGreaterThan(QueueEngine.idOf(999));
    }

    private List<QueueEntry> drain() {
        List<QueueEntry> out = new ArrayList<>();
        Optional<QueueEntry> e;
        while ((e = engine.poll()).isPresent()) {
            out.add(e.get());
        }
        return out;
    }

    private static List<String> names(List<QueueEntry> entries) {
        return entries.stream().map(q -> q.envelope().name()).toList();
    }

    private long journalBytes() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("journal"))) {
            long total = 0;
            for (Path p : s.toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    @SuppressWarnings("unused")
    private static Set<String> ids(Stream<QueueEntry> s) {
        return s.map(QueueEntry::id).collect(Collectors.toCollection(HashSet::new));
    }
}
