package org.herald.queue.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the queue keeps about a mail except its body. Small: it lives in heap while the entry is queued and is
 * rewritten (never the body) on every state change.
 *
 * @param name          the mail's name (James's mail name); not the engine's entry id
 * @param sender        the reverse path, {@code ""} for the null sender
 * @param recipients    the forward paths, as strings
 * @param state         the processing state (James's mail state: root, transport...)
 * @param errorMessage  last error, or {@code null}
 * @param remoteHost    the client's host name, or {@code null}
 * @param remoteAddress the client's address, or {@code null}
 * @param attributes    opaque serialized attribute values: the adapter decides the encoding
 * @param headers       per-recipient or other headers, opaque for the engine
 * @param enqueuedAt    when first enqueued; {@code null} on input means "now" (the engine fills it in)
 * @param nextAttempt   when the entry is due; {@code null} on input means "at once" (the engine fills it in)
 * @param attempts      delivery attempts so far
 */
public record QueueEnvelope(String name, String sender, List<String> recipients, String state, String errorMessage,
                            String remoteHost, String remoteAddress, Map<String, String> attributes,
                            Map<String, String> headers, Instant enqueuedAt, Instant nextAttempt, int attempts) {

    public QueueEnvelope {
        Objects.requireNonNull(name, "name");
        sender = sender == null ? "" : sender;
        recipients = List.copyOf(recipients == null ? List.of() : recipients);
        state = state == null ? "" : state;
        attributes = frozen(attributes);
        headers = frozen(headers);
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0: " + attempts);
        }
    }

    private static Map<String, String> frozen(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "map key"), Objects.requireNonNull(v, "map value")));
        return Collections.unmodifiableMap(copy);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public QueueEnvelope withNextAttempt(Instant next) {
        return new QueueEnvelope(name, sender, recipients, state, errorMessage, remoteHost, remoteAddress, attributes,
            headers, enqueuedAt, next, attempts);
    }

    public QueueEnvelope withAttempts(int n) {
        return new QueueEnvelope(name, sender, recipients, state, errorMessage, remoteHost, remoteAddress, attributes,
            headers, enqueuedAt, nextAttempt, n);
    }

    public QueueEnvelope withErrorMessage(String message) {
        return new QueueEnvelope(name, sender, recipients, state, message, remoteHost, remoteAddress, attributes,
            headers, enqueuedAt, nextAttempt, attempts);
    }

    public QueueEnvelope withState(String newState) {
        return new QueueEnvelope(name, sender, recipients, newState, errorMessage, remoteHost, remoteAddress,
            attributes, headers, enqueuedAt, nextAttempt, attempts);
    }

    public QueueEnvelope withAttributes(Map<String, String> newAttributes) {
        return new QueueEnvelope(name, sender, recipients, state, errorMessage, remoteHost, remoteAddress,
            newAttributes, headers, enqueuedAt, nextAttempt, attempts);
    }

    public QueueEnvelope withRecipients(List<String> newRecipients) {
        return new QueueEnvelope(name, sender, newRecipients, state, errorMessage, remoteHost, remoteAddress,
            attributes, headers, enqueuedAt, nextAttempt, attempts);
    }

    QueueEnvelope withEnqueuedAt(Instant at) {
        return new QueueEnvelope(name, sender, recipients, state, errorMessage, remoteHost, remoteAddress, attributes,
            headers, at, nextAttempt, attempts);
    }

    public static final class Builder {
        private final String name;
        private String sender = "";
        private List<String> recipients = List.of();
        private String state = "";
        private String errorMessage;
        private String remoteHost;
        private String remoteAddress;
        private Map<String, String> attributes = Map.of();
        private Map<String, String> headers = Map.of();
        private Instant enqueuedAt;
        private Instant nextAttempt;
        private int attempts;

        private Builder(String name) {
            this.name = name;
        }

        public Builder sender(String v) { this.sender = v; return this; }
        public Builder recipients(List<String> v) { this.recipients = v; return this; }
        public Builder recipients(String... v) { this.recipients = List.of(v); return this; }
        public Builder state(String v) { this.state = v; return this; }
        public Builder errorMessage(String v) { this.errorMessage = v; return this; }
        public Builder remoteHost(String v) { this.remoteHost = v; return this; }
        public Builder remoteAddress(String v) { this.remoteAddress = v; return this; }
        public Builder attributes(Map<String, String> v) { this.attributes = v; return this; }
        public Builder headers(Map<String, String> v) { this.headers = v; return this; }
        public Builder enqueuedAt(Instant v) { this.enqueuedAt = v; return this; }
        public Builder nextAttempt(Instant v) { this.nextAttempt = v; return this; }
        public Builder attempts(int v) { this.attempts = v; return this; }

        public QueueEnvelope build() {
            return new QueueEnvelope(name, sender, recipients, state, errorMessage, remoteHost, remoteAddress,
                attributes, headers, enqueuedAt, nextAttempt, attempts);
        }
    }
}
