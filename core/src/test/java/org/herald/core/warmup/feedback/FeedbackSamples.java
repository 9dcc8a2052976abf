package org.herald.core.warmup.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the samples under {@code src/test/resources/warmup/feedback/} (described in the README there). */
final class FeedbackSamples {
    private FeedbackSamples() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = FeedbackSamples.class.getResourceAsStream("/warmup/feedback/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static byte[] utf8(String mail) {
        return mail.getBytes(StandardCharsets.UTF_8);
    }
}
