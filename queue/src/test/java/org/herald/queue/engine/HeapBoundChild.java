package org.herald.queue.engine;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Run by {@link HeapBoundTest} in a child JVM with a small heap: queues far more body bytes than the heap holds,
 * reopens, and reads every body back as a stream.
 */
public final class HeapBoundChild {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        QueueEngineOptions options = QueueEngineOptions.defaults().withFsync(false);
        try (QueueEngine engine = QueueEngine.open(dir, options)) {
            List<CompletableFuture<QueueEntry>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                pending.add(engine.enqueueAsync(TestMails.envelope("h" + i), generated(size, i)));
                if (pending.size() == 500) {
                    CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).join();
                    pending.clear();
                }
            }
            CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).join();
        }
        long total = 0;
        try (QueueEngine engine = QueueEngine.open(dir, options)) {
            if (engine.size() != count) {
                throw new IllegalStateException("size " + engine.size());
            }
            for (QueueEntry e : (Iterable<QueueEntry>) engine.browse()::iterator) {
                try (InputStream in = engine.openBody(e.id())) {
                    byte[] buf = new byte[8192];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        total += n;
                    }
                }
            }
        }
        System.out.println("OK " + total);
    }

    private static InputStream generated(int size, int seed) {
        return new InputStream() {
            int left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'a' + (left + seed) % 26 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) ('a' + (left - i + seed) % 26);
                }
                left -= n;
                return n;
            }
        };
    }
}
