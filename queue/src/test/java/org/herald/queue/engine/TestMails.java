package org.herald.queue.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

final class TestMails {
    private TestMails() {
    }

    static QueueEnvelope envelope(String name) {
        return QueueEnvelope.builder(name).sender("alice@example.org").recipients("bob@example.com")
            .state("root").build();
    }

    static QueueEnvelope envelope(String name, Instant nextAttempt) {
        return QueueEnvelope.builder(name).sender("alice@example.org").recipients("bob@example.com")
            .state("root").nextAttempt(nextAttempt).build();
    }

    static QueueEnvelope full(String name) {
        return QueueEnvelope.builder(name).sender("").recipients("a@x.org", "b@y.org").state("transport")
            .errorMessage("421 try later").remoteHost("mx.example.net").remoteAddress("192.0.2.7")
            .attributes(Map.of("org.apache.james.retries", "\"3\"", "k\u00e9", "v\u00e9"))
            .headers(Map.of("a@x.org/X-Tag", "one")).attempts(3).build();
    }

    static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static InputStream body(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return new ByteArrayInputStream(b);
    }

    static String read(QueueEngine engine, String id) throws IOException {
        try (InputStream in = engine.openBody(id)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
