package org.herald.queue.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bodies are never held in heap: 10,000 queued mails of 32 KiB (320 MiB) in a JVM with a 48 MiB heap. */
class HeapBoundTest {
    @TempDir
    Path dir;

    @Test
    void tenThousandQueuedMailsFitInASmallHeap() throws Exception {
        int count = 10_000;
        int size = 32 * 1024;
        Path out = dir.resolve("out.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx48m", "-cp", System.getProperty("java.class.path"), HeapBoundChild.class.getName(),
            dir.resolve("queue").toString(), String.valueOf(count), String.valueOf(size))
            .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(out);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output.trim()).isEqualTo("OK " + (long) count * size);
    }
}
