package org.herald.core.greylist;

import java.util.Locale;

/** Why a recipient passed or was deferred; {@link #label()} names it in metrics, logs and WebAdmin. */
public enum GreylistReason {
    DISABLED(true),
    WHITELISTED_RECIPIENT(true),
    WHITELISTED_SENDER(true),
    WHITELISTED_NETWORK(true),
    AUTO_WHITELISTED(true),
    WHITELISTED_RDNS(true),
    PASSED_AFTER_DELAY(true),
    KNOWN_TRIPLET(true),
    FIRST_SEEN(false),
    TOO_EARLY(false),
    RETRY_WINDOW_EXPIRED(false);

    private final boolean passes;

    GreylistReason(boolean passes) {
        this.passes = passes;
    }

    /** Whether a decision for this reason lets the recipient through. */
    public boolean passes() {
        return passes;
    }

    /** {@code whitelisted-recipient}, {@code first-seen}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
