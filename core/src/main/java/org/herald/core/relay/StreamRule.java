package org.herald.core.relay;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code <rule>} of conf/relays.xml: a condition on the mail and the stream it picks. Header and attribute rules
 * without a stream take the stream name from the value itself (e.g. {@code X-Herald-Stream: bulk}).
 */
public sealed interface StreamRule {
    /** The stream this rule picks for the mail, if its condition holds. */
    Optional<String> streamFor(MailFacts mail);

    /** The rule as the operator wrote it, for logs and {@code GET /relays/routes}. */
    String describe();

    /** The stream the rule picks, or how it finds it, for {@code GET /relays/routes}. */
    String picks();

    record AuthenticatedUser(String user, String stream) implements StreamRule {
        public AuthenticatedUser {
            Objects.requireNonNull(user);
            Objects.requireNonNull(stream);
        }

        @Override
        public Optional<String> streamFor(MailFacts mail) {
            return mail.authenticatedUser().filter(user::equalsIgnoreCase).map(matched -> stream);
        }

        @Override
        public String describe() {
            return "authenticated user " + user;
        }

        @Override
        public String picks() {
            return stream;
        }
    }

    record SenderDomain(String domain, String stream) implements StreamRule {
        public SenderDomain {
            domain = domain.toLowerCase(Locale.ROOT);
            Objects.requireNonNull(stream);
        }

        @Override
        public Optional<String> streamFor(MailFacts mail) {
            return mail.senderDomain().filter(domain::equals).map(matched -> stream);
        }

        @Override
        public String describe() {
            return "envelope sender domain " + domain;
        }

        @Override
        public String picks() {
            return stream;
        }
    }

    record FromDomain(String domain, String stream) implements StreamRule {
        public FromDomain {
            domain = domain.toLowerCase(Locale.ROOT);
            Objects.requireNonNull(stream);
        }

        @Override
        public Optional<String> streamFor(MailFacts mail) {
            return mail.fromDomain().filter(domain::equals).map(matched -> stream);
        }

        @Override
        public String describe() {
            return "From: domain " + domain;
        }

        @Override
        public String picks() {
            return stream;
        }
    }

    /** A header present (any value) or with a value (compared case-insensitively, surrounding spaces ignored). */
    record Header(String name, Optional<String> value, Optional<String> stream) implements StreamRule {
        public Header {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
            Objects.requireNonNull(stream);
        }

        @Override
        public Optional<String> streamFor(MailFacts mail) {
            for (String present : mail.header(name)) {
                String trimmed = present.trim();
                if (value.isEmpty() || value.get().equalsIgnoreCase(trimmed)) {
                    return Optional.of(stream.orElse(trimmed.toLowerCase(Locale.ROOT)));
                }
            }
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "header " + name + value.map(v -> ": " + v).orElse(stream.isPresent() ? " present" : " (its value names the stream)");
        }

        @Override
        public String picks() {
            return stream.orElse("(the header's value)");
        }
    }

    /** A mail attribute set by an operator's own mailet, present or with a value. */
    record Attribute(String name, Optional<String> value, Optional<String> stream) implements StreamRule {
        public Attribute {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
            Objects.requireNonNull(stream);
        }

        @Override
        public Optional<String> streamFor(MailFacts mail) {
            return mail.attribute(name)
                .map(String::trim)
                .filter(present -> value.isEmpty() || value.get().equals(present))
                .map(present -> stream.orElse(present.toLowerCase(Locale.ROOT)));
        }

        @Override
        public String describe() {
            return "attribute " + name + value.map(v -> " = " + v).orElse(stream.isPresent() ? " present" : " (its value names the stream)");
        }

        @Override
        public String picks() {
            return stream.orElse("(the attribute's value)");
        }
    }
}
