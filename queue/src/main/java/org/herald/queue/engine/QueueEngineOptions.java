package org.herald.queue.engine;

import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link QueueEngine} runs. Immutable; start from {@link #defaults()}.
 *
 * @param clock              the time source for due times, enqueue times and ages (injectable for tests)
 * @param listener           batch and quarantine observer
 * @param bodySync           who forces new body files to disk (see {@link BodySync})
 * @param fsync              {@code false} skips every fsync: ONLY for tests and benchmarks that do not test
 *                           durability; a queue running like this loses acknowledged mail on power loss
 * @param segmentBytes       bytes of records appended after the head segment's checkpoint after which the
 *                           committer writes a checkpoint of the live entries into a new segment and deletes the
 *                           older ones (so a checkpoint costs at most its own size per segmentBytes of traffic)
 * @param maxBatch           most records per group commit
 * @param verifyBodiesAtOpen read every body at open to check its CRC-32C (sizes are always checked)
 */
public record QueueEngineOptions(Clock clock, QueueEngineListener listener, BodySync bodySync, boolean fsync,
                                 long segmentBytes, int maxBatch, boolean verifyBodiesAtOpen) {

    /** Who forces a new body file's data to disk before its journal record is written. */
    public enum BodySync {
        /**
         * The enqueuing thread, right after streaming the body: concurrent enqueuers sync in parallel and the file
         * system merges their journal commits (ext4's jbd2 batches concurrent fsyncs); the committer then pays one
         * directory sync and one journal sync per batch. The default.
         */
        CALLER,
        /** The committer thread, one body after the other, then the directory and the journal, once per batch. */
        COMMITTER
    }

    public QueueEngineOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(bodySync, "bodySync");
        if (segmentBytes < 4096) {
            throw new IllegalArgumentException("segmentBytes too small: " + segmentBytes);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1");
        }
    }

    public static QueueEngineOptions defaults() {
        return new QueueEngineOptions(Clock.systemUTC(), QueueEngineListener.NONE, BodySync.CALLER, true,
            16L * 1024 * 1024, 1024, true);
    }

    public QueueEngineOptions withClock(Clock c) {
        return new QueueEngineOptions(c, listener, bodySync, fsync, segmentBytes, maxBatch, verifyBodiesAtOpen);
    }

    public QueueEngineOptions withListener(QueueEngineListener l) {
        return new QueueEngineOptions(clock, l, bodySync, fsync, segmentBytes, maxBatch, verifyBodiesAtOpen);
    }

    public QueueEngineOptions withBodySync(BodySync b) {
        return new QueueEngineOptions(clock, listener, b, fsync, segmentBytes, maxBatch, verifyBodiesAtOpen);
    }

    public QueueEngineOptions withFsync(boolean f) {
        return new QueueEngineOptions(clock, listener, bodySync, f, segmentBytes, maxBatch, verifyBodiesAtOpen);
    }

    public QueueEngineOptions withSegmentBytes(long s) {
        return new QueueEngineOptions(clock, listener, bodySync, fsync, s, maxBatch, verifyBodiesAtOpen);
    }

    public QueueEngineOptions withMaxBatch(int m) {
        return new QueueEngineOptions(clock, listener, bodySync, fsync, segmentBytes, m, verifyBodiesAtOpen);
    }

    public QueueEngineOptions withVerifyBodiesAtOpen(boolean v) {
        return new QueueEngineOptions(clock, listener, bodySync, fsync, segmentBytes, maxBatch, v);
    }
}
