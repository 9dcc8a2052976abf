package org.herald.core.dmarc.report;

import java.time.Instant;
import java.util.Objects;

/**
 * The reporting period a report covers, in UTC. Appendix C writes it as whole seconds since the epoch, so the
 * instants carry no fraction of a second.
 */
public record DateRange(Instant begin, Instant end) {
    public DateRange {
        Objects.requireNonNull(begin, "begin");
        Objects.requireNonNull(end, "end");
        if (begin.isAfter(end)) {
            throw new IllegalArgumentException("date range begins (" + begin + ") after it ends (" + end + ")");
        }
        if (begin.getNano() != 0 || end.getNano() != 0) {
            throw new IllegalArgumentException("date range is written in whole seconds; got " + begin + " to " + end);
        }
    }
}
