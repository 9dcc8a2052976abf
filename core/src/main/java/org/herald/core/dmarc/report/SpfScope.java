package org.herald.core.dmarc.report;

import java.util.Locale;
import java.util.Optional;

/** Which identity an SPF result in {@code <auth_results>} was checked for: the HELO name or the MAIL FROM domain. */
public enum SpfScope {
    HELO,
    MFROM;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive; "mailfrom" is read as mfrom. */
    public static Optional<SpfScope> fromToken(String token) {
        String wanted = token.trim().toLowerCase(Locale.ROOT);
        if (wanted.equals("mailfrom") || wanted.equals("mail_from")) {
            return Optional.of(MFROM);
        }
        for (SpfScope scope : values()) {
            if (scope.token().equals(wanted)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
