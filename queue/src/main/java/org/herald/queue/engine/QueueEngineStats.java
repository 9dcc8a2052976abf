package org.herald.queue.engine;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Live counters of one engine, as plain getters (no metrics library). Batch size and sync latency are kept as
 * power-of-two histograms: bucket {@code i} of {@link #batchSizeHistogram()} counts batches of
 * {@code [2^i, 2^(i+1))} records; bucket {@code i} of {@link #syncLatencyHistogramMicros()} counts syncs that took
 * {@code [2^i, 2^(i+1))} microseconds (bucket 0 also holds syncs under 1 µs).
 */
public final class QueueEngineStats {
    public static final int BUCKETS = 32;

    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong dequeued = new AtomicLong();
    private final AtomicLong deferred = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchedRecords = new AtomicLong();
    private final AtomicLong syncNanos = new AtomicLong();
    private final AtomicLong maxSyncNanos = new AtomicLong();
    private final AtomicLong checkpoints = new AtomicLong();
    private final AtomicLongArray batchSizes = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray syncMicros = new AtomicLongArray(BUCKETS);

    void recordBatch(int records, long nanos) {
        batches.incrementAndGet();
        batchedRecords.addAndGet(records);
        syncNanos.addAndGet(nanos);
        maxSyncNanos.accumulateAndGet(nanos, Math::max);
        batchSizes.incrementAndGet(bucket(records));
        syncMicros.incrementAndGet(bucket(nanos / 1000));
    }

    private static int bucket(long v) {
        return v <= 1 ? 0 : Math.min(BUCKETS - 1, 63 - Long.numberOfLeadingZeros(v));
    }

    void enqueued(int n) { enqueued.addAndGet(n); }
    void dequeued() { dequeued.incrementAndGet(); }
    void deferred() { deferred.incrementAndGet(); }
    void completed() { completed.incrementAndGet(); }
    void checkpoint() { checkpoints.incrementAndGet(); }

    /** Entries made durable by enqueue. */
    public long enqueuedCount() { return enqueued.get(); }
    /** Entries handed out (leased) by poll/take. */
    public long dequeuedCount() { return dequeued.get(); }
    public long deferredCount() { return deferred.get(); }
    /** Entries removed durably (delivered, bounced, removed by management). */
    public long completedCount() { return completed.get(); }
    /** Group commits done. */
    public long batchCount() { return batches.get(); }
    /** Journal records written by group commits (checkpoints excluded). */
    public long batchedRecordCount() { return batchedRecords.get(); }
    public double meanBatchSize() {
        long b = batches.get();
        return b == 0 ? 0 : (double) batchedRecords.get() / b;
    }
    public long totalSyncNanos() { return syncNanos.get(); }
    public long maxSyncNanos() { return maxSyncNanos.get(); }
    public double meanSyncMillis() {
        long b = batches.get();
        return b == 0 ? 0 : syncNanos.get() / 1e6 / b;
    }
    public long checkpointCount() { return checkpoints.get(); }
    public long[] batchSizeHistogram() { return copy(batchSizes); }
    public long[] syncLatencyHistogramMicros() { return copy(syncMicros); }

    private static long[] copy(AtomicLongArray a) {
        long[] r = new long[a.length()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i);
        }
        return r;
    }
}
