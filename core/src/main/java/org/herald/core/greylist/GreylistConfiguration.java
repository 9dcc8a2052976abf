package org.herald.core.greylist;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.herald.core.breaker.BreakerSettings;

/**
 * conf/greylist.xml, parsed once (documented in that file).
 *
 * @param enabled            false: every mail passes (reason DISABLED), nothing is stored
 * @param delay              how long a new triplet is deferred; senders usually retry after 200-300 s
 * @param retryWindow        a triplet not retried within this time after its first sight starts over
 * @param recordLifetime     triplets and auto-whitelisted networks unseen this long are purged
 * @param ipv4Prefix         client addresses are masked to this many bits: big senders retry from another address of
 *                           a pool
 * @param ipv6Prefix         the same for IPv6
 * @param autoWhitelistAfter passes from one client network after which the network skips greylisting; 0 turns it off
 * @param decisionDeadline   how long the RCPT hook waits for a decision before accepting the mail (fail open)
 * @param breaker            when the greylist store and DNS are given up on, and greylisting skipped
 * @param purgeInterval      how often expired records are purged
 * @param whitelist          the static whitelist; by default the recipients {@code postmaster@} and {@code abuse@}
 */
public record GreylistConfiguration(
    boolean enabled,
    Duration delay,
    Duration retryWindow,
    Duration recordLifetime,
    int ipv4Prefix,
    int ipv6Prefix,
    int autoWhitelistAfter,
    Duration decisionDeadline,
    BreakerSettings breaker,
    Duration purgeInterval,
    List<WhitelistEntry> whitelist) {

    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(180);
    public static final Duration DEFAULT_RETRY_WINDOW = Duration.ofDays(2);
    public static final Duration DEFAULT_RECORD_LIFETIME = Duration.ofDays(35);
    public static final int DEFAULT_IPV4_PREFIX = 24;
    public static final int DEFAULT_IPV6_PREFIX = 64;
    public static final int DEFAULT_AUTO_WHITELIST_AFTER = 5;
    public static final Duration DEFAULT_DECISION_DEADLINE = Duration.ofMillis(200);
    /** Stricter than the relays' breaker: the store sits on the SMTP path, so give it up quickly and probe sooner. */
    public static final BreakerSettings DEFAULT_BREAKER = new BreakerSettings(5, 50, 20, 10, Duration.ofSeconds(30));
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofHours(1);
    /** RFC 5321 and RFC 2142 addresses that must always reach a human, even from a fresh sender. */
    public static final List<WhitelistEntry> DEFAULT_WHITELIST = List.of(
        WhitelistEntry.parse(WhitelistKind.RECIPIENT, "postmaster@"),
        WhitelistEntry.parse(WhitelistKind.RECIPIENT, "abuse@"));

    public static final GreylistConfiguration DEFAULT = new GreylistConfiguration(true, DEFAULT_DELAY, DEFAULT_RETRY_WINDOW,
        DEFAULT_RECORD_LIFETIME, DEFAULT_IPV4_PREFIX, DEFAULT_IPV6_PREFIX, DEFAULT_AUTO_WHITELIST_AFTER,
        DEFAULT_DECISION_DEADLINE, DEFAULT_BREAKER, DEFAULT_PURGE_INTERVAL, DEFAULT_WHITELIST);

    public GreylistConfiguration {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(retryWindow, "retryWindow");
        Objects.requireNonNull(recordLifetime, "recordLifetime");
        Objects.requireNonNull(decisionDeadline, "decisionDeadline");
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(purgeInterval, "purgeInterval");
        whitelist = List.copyOf(whitelist);
        requirePositive(delay, "delay");
        requirePositive(decisionDeadline, "decisionDeadline");
        requirePositive(purgeInterval, "purgeInterval");
        if (retryWindow.compareTo(delay) <= 0) {
            throw new IllegalArgumentException("retryWindow " + retryWindow + " must be longer than delay " + delay);
        }
        if (recordLifetime.compareTo(retryWindow) < 0) {
            throw new IllegalArgumentException("recordLifetime " + recordLifetime + " must be at least retryWindow " + retryWindow);
        }
        if (ipv4Prefix < 0 || ipv4Prefix > 32) {
            throw new IllegalArgumentException("ipv4Prefix must be 0-32, not " + ipv4Prefix);
        }
        if (ipv6Prefix < 0 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("ipv6Prefix must be 0-128, not " + ipv6Prefix);
        }
        if (autoWhitelistAfter < 0) {
            throw new IllegalArgumentException("autoWhitelistAfter must not be negative");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
    }

    public boolean autoWhitelistEnabled() {
        return autoWhitelistAfter > 0;
    }
}
