package org.herald.core.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.herald.core.dkim.DkimVerification;
import org.herald.core.spf.SpfOutcome;

/**
 * The value of an {@code Authentication-Results} header (RFC 8601) for what Herald verified: one {@code dkim=} per
 * signature ({@code dkim=none} without any), then {@code spf=}. Written once per message by the receiving server, after
 * removing any such header a sender forged with Herald's authserv-id (§5).
 */
public final class AuthenticationResultsHeader {
    public static final String NAME = "Authentication-Results";

    private AuthenticationResultsHeader() {
    }

    public static String value(String authservId, List<DkimVerification> dkim, Optional<SpfOutcome> spf) {
        return value(authservId, dkim, spf, Optional.empty());
    }

    /** @param dmarc the DMARC result as {@code dmarc=fail (p=reject dis=reject) header.from=example.com}, last */
    public static String value(String authservId, List<DkimVerification> dkim, Optional<SpfOutcome> spf, Optional<String> dmarc) {
        Objects.requireNonNull(authservId, "authservId");
        List<String> results = new ArrayList<>();
        if (dkim.isEmpty()) {
            results.add("dkim=none");
        }
        for (DkimVerification verification : dkim) {
            StringBuilder result = new StringBuilder("dkim=").append(verification.result().authResultsValue());
            if (!verification.reason().isEmpty() && verification.result() != org.herald.core.dkim.DkimResult.PASS) {
                result.append(" reason=").append(quoted(verification.reason()));
            }
            property(result, "header.d", verification.domain());
            property(result, "header.s", verification.selector());
            property(result, "header.a", verification.algorithmTag());
            property(result, "header.b", verification.headerB());
            results.add(result.toString());
        }
        spf.ifPresent(outcome -> {
            StringBuilder result = new StringBuilder("spf=").append(outcome.result().authResultsValue());
            property(result, "smtp.mailfrom", outcome.identity());
            results.add(result.toString());
        });
        dmarc.ifPresent(results::add);
        return authservId + ";\r\n\t" + String.join(";\r\n\t", results);
    }

    /** Whether an existing header value names this authserv-id (case-insensitively, as RFC 8601 compares it). */
    public static boolean claimsToBeFrom(String headerValue, String authservId) {
        String id = headerValue.strip();
        int end = 0;
        while (end < id.length() && !Character.isWhitespace(id.charAt(end)) && id.charAt(end) != ';') {
            end++;
        }
        return id.substring(0, end).equalsIgnoreCase(authservId);
    }

    private static void property(StringBuilder result, String name, String value) {
        if (value != null && !value.isEmpty()) {
            result.append(' ').append(name).append('=').append(needsQuotes(value) ? quoted(value) : value);
        }
    }

    private static boolean needsQuotes(String value) {
        // RFC 2045 token characters ('/' and '=' of base64 are tspecials: quoted), plus '@', allowed in an addr-spec value.
        return !value.matches("[A-Za-z0-9!#$%&'*+\\-.^_`{|}~@]+");
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]+", " ") + '"';
    }
}
