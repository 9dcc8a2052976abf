package org.herald.core.dmarc.report;

import java.util.Objects;
import java.util.Optional;

/**
 * The domains a row is about ({@code <identifiers>}). Only the RFC5322.From domain is required: it is the domain the
 * DMARC policy belongs to. Many reporters leave out envelope_from, and only a few (Outlook) send envelope_to.
 */
public record Identifiers(Optional<String> envelopeTo, Optional<String> envelopeFrom, String headerFrom) {
    public Identifiers {
        Objects.requireNonNull(envelopeTo, "envelopeTo");
        Objects.requireNonNull(envelopeFrom, "envelopeFrom");
        Objects.requireNonNull(headerFrom, "headerFrom");
        if (headerFrom.isBlank()) {
            throw new IllegalArgumentException("header_from must not be blank");
        }
    }
}
