package org.herald.core.dkim.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The last DNS pre-check of a selector: what was found, said so that an operator can fix the record ("the published
 * p= is another key"), and when.
 */
public record DnsCheck(DnsCheckOutcome outcome, String detail, Optional<Instant> checkedAt) {
    public static final DnsCheck NOT_CHECKED = new DnsCheck(DnsCheckOutcome.NOT_CHECKED, "not checked yet", Optional.empty());

    public DnsCheck {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    public static DnsCheck at(Instant when, DnsCheckOutcome outcome, String detail) {
        return new DnsCheck(outcome, detail, Optional.of(when));
    }

    public boolean published() {
        return outcome == DnsCheckOutcome.PUBLISHED;
    }
}
