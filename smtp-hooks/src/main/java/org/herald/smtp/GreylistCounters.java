package org.herald.smtp;

import org.herald.core.greylist.GreylistDecision;

/** Which {@code herald_greylist_*} counter a policy decision counts in. */
final class GreylistCounters {
    private GreylistCounters() {
    }

    static String counterFor(GreylistDecision decision) {
        if (!decision.pass()) {
            return "herald_greylist_greylisted";
        }
        return switch (decision.reason()) {
            case PASSED_AFTER_DELAY -> "herald_greylist_passed_after_delay";
            case AUTO_WHITELISTED -> "herald_greylist_auto_whitelisted";
            case KNOWN_TRIPLET -> "herald_greylist_known";
            case DISABLED -> "herald_greylist_disabled";
            default -> "herald_greylist_whitelisted";
        };
    }
}
