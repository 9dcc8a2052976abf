package org.herald.core.dkim;

import java.util.Objects;

/**
 * The verdict on one DKIM-Signature header field, with what Authentication-Results reports about it.
 *
 * @param result       the verdict
 * @param domain       the d= value; "" when the signature could not be parsed far enough to read it
 * @param selector     the s= value; "" when unreadable
 * @param algorithmTag the a= value as written; "" when unreadable
 * @param headerB      the first 8 characters of the b= value (RFC 8601 header.b), which tell apart two signatures
 *                     of the same domain; "" when unreadable
 * @param reason       why the result is not pass, in a few words; "" for pass
 */
public record DkimVerification(DkimResult result, String domain, String selector, String algorithmTag, String headerB,
                               String reason) {
    /** How many characters of b= go into header.b (RFC 8601 §2.7.1 suggests at least 8). */
    public static final int HEADER_B_LENGTH = 8;

    public DkimVerification {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(algorithmTag, "algorithmTag");
        Objects.requireNonNull(headerB, "headerB");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean passed() {
        return result == DkimResult.PASS;
    }
}
