package org.herald.server.clock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock for tests of a running server: the system clock plus an offset in seconds read from a file, re-read at most
 * every 100 ms. A test moves Herald's time by rewriting the file instead of sleeping (greylisting's 180 s delay, a
 * 7-day key overlap). Installed only when the system property {@value #PROPERTY} names the file; Herald logs a warning
 * then. Never for production.
 */
public final class FileOffsetClock extends Clock {
    public static final String PROPERTY = "herald.test.clockOffsetFile";
    private static final long REREAD_NANOS = 100_000_000L;

    private final Path file;
    private final Clock system = Clock.systemUTC();
    private volatile Duration offset = Duration.ZERO;
    private volatile long readAt = Long.MIN_VALUE;

    public FileOffsetClock(Path file) {
        this.file = file;
    }

    @Override
    public Instant instant() {
        long now = System.nanoTime();
        if (readAt == Long.MIN_VALUE || now - readAt > REREAD_NANOS) {
            offset = read();
            readAt = now;
        }
        return system.instant().plus(offset);
    }

    private Duration read() {
        try {
            return Duration.ofSeconds(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return offset;
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
