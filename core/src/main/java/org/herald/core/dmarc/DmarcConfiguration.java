package org.herald.core.dmarc;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * conf/dmarc.xml's evaluation part, parsed once (documented in that file).
 *
 * @param enabled             false: no DMARC evaluation at all, no Authentication-Results dmarc=, nothing recorded
 * @param rejectEnabled       false: a p=reject failure is quarantined instead of rejected with 550 5.7.1 (for a trial
 *                            period, or a receiver that never wants to refuse mail at SMTP time)
 * @param quarantineHeader    the header field that marks quarantined mail
 * @param quarantineProcessor the mailet processor quarantined mail is sent to; empty: it is delivered as usual, marked
 * @param overrides           trusted forwarders and mailing lists whose failing mail is delivered
 * @param reporting           the aggregate reports Herald sends
 */
public record DmarcConfiguration(boolean enabled, boolean rejectEnabled, String quarantineHeader,
                                 Optional<String> quarantineProcessor, DmarcOverrides overrides,
                                 DmarcReportingConfiguration reporting) {
    // Before DEFAULT, which the constructor checks with them.
    /** RFC 5322 §3.6.8: printable US-ASCII except the colon. */
    static final Pattern HEADER_NAME = Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]+");
    static final Pattern PROCESSOR_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    public static final String DEFAULT_QUARANTINE_HEADER = "X-Herald-Dmarc-Quarantine";
    public static final DmarcConfiguration DEFAULT = new DmarcConfiguration(true, true, DEFAULT_QUARANTINE_HEADER,
        Optional.empty(), DmarcOverrides.NONE, DmarcReportingConfiguration.DEFAULT);

    public DmarcConfiguration {
        Objects.requireNonNull(quarantineHeader, "quarantineHeader");
        Objects.requireNonNull(quarantineProcessor, "quarantineProcessor");
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(reporting, "reporting");
        if (!HEADER_NAME.matcher(quarantineHeader).matches()) {
            throw new IllegalArgumentException("\"" + quarantineHeader + "\" is not a header field name");
        }
        quarantineProcessor.ifPresent(name -> {
            if (!PROCESSOR_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("\"" + name + "\" is not a processor name");
            }
        });
    }

    /**
     * The disposition Herald carries out for an evaluated one: reject becomes quarantine when rejecting is turned off.
     * Aggregate reports give this one, the disposition actually applied.
     */
    public DmarcPolicy localDisposition(DmarcPolicy evaluated) {
        return evaluated == DmarcPolicy.REJECT && !rejectEnabled ? DmarcPolicy.QUARANTINE : evaluated;
    }
}
