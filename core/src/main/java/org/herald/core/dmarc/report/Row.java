package org.herald.core.dmarc.report;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One {@code <row>}: {@code count} messages from {@code sourceIp} that were evaluated the same way. The address is
 * typed so that reports spelling an IPv6 address differently still group together.
 */
public record Row(InetAddress sourceIp, long count, PolicyEvaluated policyEvaluated) {
    public Row {
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(policyEvaluated, "policyEvaluated");
        if (count < 0) {
            throw new IllegalArgumentException("count " + count + " is negative");
        }
    }
}
