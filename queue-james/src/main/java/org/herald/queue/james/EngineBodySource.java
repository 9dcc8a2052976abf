package org.herald.queue.james;

import java.io.IOException;
import java.io.InputStream;

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

    @Override
    public String getSourceId() {
        return "herald-queue:" + engine.directory().getFileName() + ":" + entryId;
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
