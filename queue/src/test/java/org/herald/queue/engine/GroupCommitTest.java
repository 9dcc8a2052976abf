package org.herald.queue.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GroupCommitTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(QueueEngineOptions.BodySync.class)
    void twentyConcurrentEnqueuersShareSyncs(QueueEngineOptions.BodySync mode) throws Exception {
        AtomicLong listenedRecords = new AtomicLong();
        AtomicInteger listenedBatches = new AtomicInteger();
        QueueEngineOptions options = QueueEngineOptions.defaults().withBodySync(mode)
            .withListener(new QueueEngineListener() {
                @Override
                public void batchCommitted(int records, int newBodies, long syncNanos) {
                    listenedRecords.addAndGet(records);
                    listenedBatches.incrementAndGet();
                }
            });
        int threads = 20;
        int perThread = 50;
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try (QueueEngine engine = QueueEngine.open(dir, options)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            List<Throwable> errors = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread w = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            ids.add(engine.enqueue(TestMails.envelope("t" + thread + "-" + i), TestMails.body(10_240))
                                .id());
                        }
                    } catch (Throwable e) {
                        synchronized (errors) {
                            errors.add(e);
                        }
                    }
                });
                workers.add(w);
                w.start();
            }
            start.countDown();
            for (Thread w : workers) {
                w.join();
            }
            assertThat(errors).isEmpty();
            QueueEngineStats s = engine.stats();
            assertThat(ids).hasSize(threads * perThread);
            assertThat(engine.size()).isEqualTo(threads * perThread);
            assertThat(s.enqueuedCount()).isEqualTo(threads * perThread);
            assertThat(s.batchedRecordCount()).isEqualTo(threads * perThread);
            assertThat(s.meanBatchSize()).as("mean batch size, %s", mode).isGreaterThan(1.0);
            assertThat(s.batchCount()).isLessThan(threads * perThread);
            assertThat(Arrays.stream(s.batchSizeHistogram()).sum()).isEqualTo(s.batchCount());
            assertThat(Arrays.stream(s.syncLatencyHistogramMicros()).sum()).isEqualTo(s.batchCount());
            assertThat(s.totalSyncNanos()).isPositive();
            assertThat(listenedBatches.get()).isEqualTo(s.batchCount());
            assertThat(listenedRecords.get()).isEqualTo(s.batchedRecordCount());
            System.out.printf("%s: %d batches, mean %.1f records, mean sync %.2f ms%n", mode, s.batchCount(),
                s.meanBatchSize(), s.meanSyncMillis());
        }
        try (QueueEngine engine = QueueEngine.open(dir)) {
            assertThat(engine.size()).isEqualTo(threads * perThread);
        }
    }
}
