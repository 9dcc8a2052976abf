package org.herald.testpeers;

import java.util.List;
import java.util.Optional;

/**
 * What an independent DKIM verifier ({@link DkimPy}, {@link OpenDkim}) concluded about each DKIM-Signature of a
 * message, top-down, plus the verifier's raw output for failure messages.
 *
 * @param verifier   which verifier, e.g. "dkimpy" or "opendkim"
 * @param signatures one entry per DKIM-Signature header field, in message order; empty for an unsigned message
 * @param output     everything the verifier printed (results, DNS lookups, errors)
 */
public record DkimVerifyResult(String verifier, List<Signature> signatures, String output) {
    public DkimVerifyResult {
        signatures = List.copyOf(signatures);
    }

    /**
     * One signature's outcome.
     *
     * @param index     0 for the topmost DKIM-Signature
     * @param domain    its d= tag ("" if unreadable)
     * @param selector  its s= tag ("" if unreadable)
     * @param algorithm its a= tag, e.g. "rsa-sha256" or "ed25519-sha256" ("" if unreadable)
     * @param result    "pass", "fail", or the verifier's other result word (opendkim: "neutral", "permerror",
     *                  "temperror", "policy")
     * @param error     why it did not pass, in the verifier's words ("" when it passed)
     */
    public record Signature(int index, String domain, String selector, String algorithm, String result, String error) {
        public boolean passed() {
            return "pass".equals(result);
        }
    }

    /** At least one signature, and every one passed. */
    public boolean allPassed() {
        return !signatures.isEmpty() && signatures.stream().allMatch(Signature::passed);
    }

    /** At least one signature passed. */
    public boolean anyPassed() {
        return signatures.stream().anyMatch(Signature::passed);
    }

    /** The first signature with this d= and s= (case-insensitive). */
    public Optional<Signature> signature(String domain, String selector) {
        return signatures.stream()
            .filter(signature -> signature.domain().equalsIgnoreCase(domain) && signature.selector().equalsIgnoreCase(selector))
            .findFirst();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(verifier).append(": ");
        if (signatures.isEmpty()) {
            text.append("no DKIM signature");
        }
        for (Signature signature : signatures) {
            text.append("\n  [").append(signature.index()).append("] d=").append(signature.domain())
                .append(" s=").append(signature.selector()).append(" a=").append(signature.algorithm())
                .append(": ").append(signature.result());
            if (!signature.error().isEmpty()) {
                text.append(" (").append(signature.error()).append(')');
            }
        }
        return text.append("\noutput:\n").append(output).toString();
    }
}
