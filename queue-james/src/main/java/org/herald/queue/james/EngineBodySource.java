package org.herald.queue.james;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.apache.james.server.core.MimeMessageSource;
import org.herald.queue.engine.QueueEngine;

/** A queued message body, read from the engine's file on demand: never copied into heap while it waits. */
final class EngineBodySource implements MimeMessageSource {
    private final QueueEngine engine;
    private final String entryId;
    private final long size;

    EngineBodySource(QueueEngine engine, String entryId, long size) {
        this.engine = engine;
        this.entryId = entryId;
        this.size = size;
    }

    private static final String PREFIX = "herald-queue:";

    /** Where a queued body lives: the queue's directory name and the entry's id. */
    record StoredBody(String queueDirectory, String entryId) {
    }

    @Override
    public String getSourceId() {
        return PREFIX + engine.directory().getFileName() + ":" + entryId;
    }

    /** The stored body a message source id names, when it is a body of one of Herald's queues. */
    static Optional<StoredBody> storedBody(String sourceId) {
        if (sourceId == null || !sourceId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int separator = sourceId.lastIndexOf(':');
        if (separator <= PREFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(new StoredBody(sourceId.substring(PREFIX.length(), separator), sourceId.substring(separator + 1)));
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return engine.openBody(entryId);
    }

    @Override
    public long getMessageSize() {
        return size;
    }
}
