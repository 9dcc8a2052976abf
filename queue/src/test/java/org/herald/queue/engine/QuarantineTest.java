package org.herald.queue.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.herald.queue.engine.TestMails.body;
import static org.herald.queue.engine.TestMails.envelope;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineTest {
    @TempDir
    Path dir;
    final List<QuarantinedItem> reported = new ArrayList<>();

    QueueEngine open() throws IOException {
        return QueueEngine.open(dir, QueueEngineOptions.defaults().withListener(new QueueEngineListener() {
            @Override
            public void quarantined(QuarantinedItem item) {
                reported.add(item);
            }
        }));
    }

    List<QueueEntry> enqueueThree() throws IOException {
        try (QueueEngine e = open()) {
            return List.of(e.enqueue(envelope("a"), body("AAAA")), e.enqueue(envelope("b"), body("BBBB")),
                e.enqueue(envelope("c"), body("CCCC")));
        }
    }

    @Test
    void truncatedBodyIsQuarantinedWithItsEnvelopeAndOpenSucceeds() throws Exception {
        List<QueueEntry> in = enqueueThree();
        Path body = dir.resolve("bodies").resolve(in.get(1).id() + ".body");
        try (RandomAccessFile f = new RandomAccessFile(body.toFile(), "rw")) {
            f.setLength(2);
        }
        try (QueueEngine e = open()) {
            RecoveryReport r = e.recoveryReport();
            assertThat(r.entries()).isEqualTo(2);
            assertThat(r.quarantined()).singleElement().satisfies(q -> {
                assertThat(q.entryId()).isEqualTo(in.get(1).id());
                assertThat(q.reason()).contains("body truncated").contains("2 bytes on disk, 4 expected")
                    .contains("mail b");
                assertThat(q.files()).hasSize(2).allMatch(Files::exists)
                    .allMatch(p -> p.getParent().equals(dir.resolve("quarantine")));
            });
            assertThat(reported).isEqualTo(r.quarantined());
            assertThat(e.browse().map(q -> q.envelope().name())).containsExactly("a", "c");
            assertThat(Files.exists(body)).isFalse();
        }
        reported.clear();
        try (QueueEngine e = open()) {
            assertThat(e.recoveryReport().quarantined()).as("reported once").isEmpty();
            assertThat(e.size()).isEqualTo(2);
        }
        assertThat(quarantineFiles()).hasSize(3); // envelope, its reason, the body
    }

    @Test
    void missingOrCorruptBodyIsQuarantined() throws Exception {
        List<QueueEntry> in = enqueueThree();
        Files.delete(dir.resolve("bodies").resolve(in.get(0).id() + ".body"));
        Files.writeString(dir.resolve("bodies").resolve(in.get(2).id() + ".body"), "XXXX"); // same size
        try (QueueEngine e = open()) {
            assertThat(e.recoveryReport().quarantined()).extracting(QuarantinedItem::reason)
                .anySatisfy(r -> assertThat(r).contains(in.get(0).id()).contains("body file missing"))
                .anySatisfy(r -> assertThat(r).contains(in.get(2).id()).contains("checksum mismatch"));
            assertThat(e.browse().map(q -> q.envelope().name())).containsExactly("b");
        }
    }

    @Test
    void cutJournalTailIsQuarantinedAndEarlierRecordsSurvive() throws Exception {
        List<QueueEntry> in = enqueueThree();
        Path seg = onlySegment();
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(f.length() - 7); // the last record (entry c) loses its end
        }
        try (QueueEngine e = open()) {
            RecoveryReport r = e.recoveryReport();
            assertThat(e.browse().map(q -> q.envelope().name())).containsExactly("a", "b");
            assertThat(r.quarantined()).extracting(QuarantinedItem::reason)
                .anySatisfy(x -> assertThat(x).contains("incomplete or corrupt record at the end of journal"))
                // c's body has no journal record any more; the journal was damaged, so it is kept, not deleted
                .anySatisfy(x -> assertThat(x).contains(in.get(2).id() + ".body has no journal entry"));
            assertThat(r.orphanBodiesDeleted()).isZero();
            assertThat(quarantineFiles()).anyMatch(p -> p.getFileName().toString().endsWith(".bad"));
        }
    }

    @Test
    void flippedByteInTheMiddleOfTheJournalLosesOnlyThatRecord() throws Exception {
        List<QueueEntry> in = enqueueThree();
        Path seg = onlySegment();
        byte[] d = Files.readAllBytes(seg);
        // find the record of entry b: search for its name in the envelope bytes
        int at = indexOf(d, new byte[]{0, 0, 0, 1, 'b'});
        assertThat(at).isPositive();
        d[at + 4] = 'x';
        Files.write(seg, d);
        try (QueueEngine e = open()) {
            assertThat(e.browse().map(q -> q.envelope().name())).containsExactly("a", "c");
            assertThat(e.recoveryReport().quarantined()).extracting(QuarantinedItem::reason)
                .anySatisfy(x -> assertThat(x).contains("corrupt journal region").contains("records after it"))
                .anySatisfy(x -> assertThat(x).contains(in.get(1).id() + ".body has no journal entry"));
        }
    }

    @Test
    void garbageEnvelopeWithAValidChecksumIsQuarantinedWithItsBody() throws Exception {
        enqueueThree();
        long seq = 77;
        String id = QueueEngine.idOf(seq);
        Files.writeString(dir.resolve("bodies").resolve(id + ".body"), "BODY");
        Journal.RecordBuffer rec = new Journal.RecordBuffer(64);
        byte[] garbage = "\u0001not an envelope at all".getBytes();
        rec.record(Journal.STATE, ByteBuffer.allocate(21 + garbage.length).put(Journal.KIND_ENQUEUE).putLong(seq)
            .putLong(4).putInt(0).put(garbage).array());
        Files.write(onlySegment(), rec.toByteArray(), StandardOpenOption.APPEND);

        try (QueueEngine e = open()) {
            RecoveryReport r = e.recoveryReport();
            assertThat(e.size()).isEqualTo(3);
            assertThat(r.quarantined()).anySatisfy(q -> {
                assertThat(q.entryId()).isEqualTo(id);
                assertThat(q.reason()).contains("unparsable journal record").contains("for entry " + id);
            });
            assertThat(r.quarantined()).anySatisfy(q -> assertThat(q.reason()).contains(id + ".body"));
            assertThat(Files.exists(dir.resolve("bodies").resolve(id + ".body"))).isFalse();
            assertThat(quarantineFiles()).anyMatch(p -> p.getFileName().toString().endsWith(id + ".body"));
        }
    }

    @Test
    void segmentWithABadHeaderIsQuarantinedWhole() throws Exception {
        enqueueThree();
        Path seg = onlySegment();
        byte[] d = Files.readAllBytes(seg);
        d[3] ^= 0x20;
        Files.write(seg, d);
        try (QueueEngine e = open()) {
            assertThat(e.size()).isZero();
            assertThat(e.recoveryReport().quarantined()).extracting(QuarantinedItem::reason)
                .anySatisfy(x -> assertThat(x).contains("bad magic").contains("whole segment quarantined"));
            // every body is kept in quarantine, none deleted
            assertThat(e.recoveryReport().orphanBodiesDeleted()).isZero();
            assertThat(dir.resolve("bodies")).isEmptyDirectory();
            assertThat(quarantineFiles().stream().filter(p -> p.toString().endsWith(".body"))).hasSize(3);
        }
    }

    @Test
    void aCheckpointCutByACrashIsIgnoredAndTheOlderSegmentGivesTheState() throws Exception {
        List<QueueEntry> in = enqueueThree();
        Path older = onlySegment();
        long next = Journal.segmentNumber(older) + 1;
        Journal.RecordBuffer cut = new Journal.RecordBuffer(256);
        cut.write(Journal.header(next, 1000), 0, Journal.HEADER_SIZE);
        cut.checkpointBegin();
        cut.state(Journal.KIND_CHECKPOINT, Long.parseLong(in.get(0).id(), 16), 4, 0,
            in.get(0).envelope().withAttempts(9));
        // no CHECKPOINT_END: the crash came first, so the older segment was not deleted
        Files.write(dir.resolve("journal").resolve(Journal.segmentFileName(next)), cut.toByteArray());
        try (QueueEngine e = open()) {
            assertThat(e.recoveryReport().quarantined()).isEmpty();
            assertThat(e.recoveryReport().segmentsReplayed()).isEqualTo(2);
            assertThat(e.browse().map(q -> q.envelope().name())).containsExactly("a", "b", "c");
            assertThat(e.browse().map(q -> q.envelope().attempts())).containsOnly(0);
        }
        try (Stream<Path> s = Files.list(dir.resolve("journal"))) {
            assertThat(s.count()).as("replayed segments replaced by one checkpoint").isEqualTo(1);
        }
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("journal"))) {
            List<Path> segs = s.toList();
            assertThat(segs).hasSize(1);
            return segs.get(0);
        }
    }

    private List<Path> quarantineFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("quarantine"))) {
            return s.toList();
        }
    }

    private static int indexOf(byte[] d, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= d.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (d[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
