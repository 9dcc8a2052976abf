package org.herald.queue.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * The journal's on-disk format: segment files {@code journal/<16 hex digits>.seg}, each a 32-byte header followed by
 * records. Everything is big-endian.
 *
 * <pre>
 * segment header: "HRLDQSEG" | int version=1 | long segmentNumber | long nextSeq | int crc32c(previous 28 bytes)
 * record:         int magic 0x48514A52 | int payloadLength | int crc32c(type + payload) | byte type | payload
 *   STATE  (1): byte kind (0 enqueue, 1 defer, 2 checkpoint) | long seq | long bodySize | int bodyCrc32c | envelope
 *   COMPLETE(2): long seq
 *   FLUSH   (3): long epochSecond | int nano        (every live entry due later than this becomes due at this)
 *   CHECKPOINT_BEGIN (4): empty;  CHECKPOINT_END (5): long count
 * </pre>
 */
final class Journal {
    static final byte[] SEGMENT_MAGIC = "HRLDQSEG".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final int SEGMENT_VERSION = 1;
    static final int HEADER_SIZE = 32;
    static final int RECORD_MAGIC = 0x48514A52;
    static final int RECORD_HEADER = 13;
    static final int MAX_PAYLOAD = 64 * 1024 * 1024;
    /** Refused at enqueue/defer, well below {@link #MAX_PAYLOAD}, so that no record is written that replay refuses. */
    static final int MAX_ENVELOPE = 16 * 1024 * 1024;

    static final byte STATE = 1;
    static final byte COMPLETE = 2;
    static final byte FLUSH = 3;
    static final byte CHECKPOINT_BEGIN = 4;
    static final byte CHECKPOINT_END = 5;

    static final byte KIND_ENQUEUE = 0;
    static final byte KIND_DEFER = 1;
    static final byte KIND_CHECKPOINT = 2;

    private Journal() {
    }

    static String segmentFileName(long number) {
        return String.format("%016x.seg", number);
    }

    static long segmentNumber(Path file) {
        String n = file.getFileName().toString();
        if (!n.endsWith(".seg") || n.length() != 20) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(n.substring(0, 16), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static byte[] header(long segmentNumber, long nextSeq) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
        b.put(SEGMENT_MAGIC).putInt(SEGMENT_VERSION).putLong(segmentNumber).putLong(nextSeq);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 28);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** A growable buffer of encoded records. */
    static final class RecordBuffer extends ByteArrayOutputStream {
        RecordBuffer(int size) {
            super(size);
        }

        void record(byte type, byte[] payload) {
            CRC32C crc = new CRC32C();
            crc.update(type);
            crc.update(payload);
            ByteBuffer h = ByteBuffer.allocate(RECORD_HEADER);
            h.putInt(RECORD_MAGIC).putInt(payload.length).putInt((int) crc.getValue()).put(type);
            write(h.array(), 0, RECORD_HEADER);
            write(payload, 0, payload.length);
        }

        void state(byte kind, long seq, long bodySize, int bodyCrc, QueueEnvelope envelope) {
            state(kind, seq, bodySize, bodyCrc, EnvelopeCodec.encode(envelope));
        }

        void state(byte kind, long seq, long bodySize, int bodyCrc, byte[] env) {
            ByteBuffer p = ByteBuffer.allocate(1 + 8 + 8 + 4 + env.length);
            p.put(kind).putLong(seq).putLong(bodySize).putInt(bodyCrc).put(env);
            record(STATE, p.array());
        }

        void complete(long seq) {
            record(COMPLETE, ByteBuffer.allocate(8).putLong(seq).array());
        }

        void flush(Instant at) {
            record(FLUSH, ByteBuffer.allocate(12).putLong(at.getEpochSecond()).putInt(at.getNano()).array());
        }

        void checkpointBegin() {
            record(CHECKPOINT_BEGIN, new byte[0]);
        }

        void checkpointEnd(long count) {
            record(CHECKPOINT_END, ByteBuffer.allocate(8).putLong(count).array());
        }

        ByteBuffer asByteBuffer() {
            return ByteBuffer.wrap(buf, 0, count);
        }
    }

    /**
     * @return the full length of a valid record starting at {@code p}, or -1 when there is none (bad magic, implausible
     * length, truncated, checksum mismatch)
     */
    static int validRecordLength(byte[] d, int p, int end) {
        if (p < 0 || p + RECORD_HEADER > end) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(d, p, RECORD_HEADER);
        if (b.getInt() != RECORD_MAGIC) {
            return -1;
        }
        int len = b.getInt();
        int crc = b.getInt();
        if (len < 0 || len > MAX_PAYLOAD || (long) p + RECORD_HEADER + len > end) {
            return -1;
        }
        CRC32C c = new CRC32C();
        c.update(d, p + RECORD_HEADER - 1, len + 1);
        return (int) c.getValue() == crc ? RECORD_HEADER + len : -1;
    }

    /** Opens (creates) a segment with its header written and forced, and the journal directory forced. */
    static FileChannel createSegment(Path journalDir, long number, long nextSeq, boolean fsync) throws IOException {
        Path file = journalDir.resolve(segmentFileName(number));
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ByteBuffer h = ByteBuffer.wrap(header(number, nextSeq));
            while (h.hasRemaining()) {
                ch.write(h);
            }
            if (fsync) {
                ch.force(true);
                forceDirectory(journalDir);
            }
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    static void writeFileDurably(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(ch, ByteBuffer.wrap(content));
            ch.force(true);
        }
    }

    static boolean isSegment(Path p) {
        return Files.isRegularFile(p) && segmentNumber(p) >= 0;
    }
}
