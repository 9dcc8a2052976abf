package org.herald.core.greylist;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.herald.core.dns.DnsLookupException;
import org.herald.core.dns.PtrLookup;
import org.herald.core.store.AutoWhitelistStore;
import org.herald.core.store.GreylistTripletStore;
import org.herald.core.store.GreylistWhitelistStore;

/**
 * Decides, for one RCPT TO, whether the mail passes or is deferred until the sender retries: the greylisting of
 * Postgrey and James's {@code AbstractGreylistHandler}, over stores shared by every node.
 *
 * <p>Checks run cheapest first: disabled; the whitelist of conf/greylist.xml (recipient, sender, network — no I/O);
 * the whitelist added over WebAdmin (a snapshot re-read every few seconds); the client's PTR names, but only when some
 * rDNS domain is whitelisted (one DNS lookup); the triplet (one read, one write); and, only when the triplet alone
 * would be deferred, the auto-whitelisted client network (one read). A triplet
 * passes once it is retried between {@code firstSeen + delay} and {@code firstSeen + retryWindow}, and from then on
 * for as long as it keeps being seen within the record lifetime.
 *
 * <p>Failures are not handled here: store exceptions and {@link DnsLookupException} propagate, so the caller (the
 * RCPT hook's guard, which also enforces the decision deadline) can accept the mail, count the failure and feed the
 * breaker, instead of this class silently guessing.
 *
 * <p>The PTR names come unverified from the reverse zone, which the owner of the client's addresses controls: an
 * rDNS whitelist entry trusts that owner. Prefer network entries for senders that publish their ranges.
 *
 * <p>Safe for concurrent use; two nodes deciding on the same new triplet at once both defer (the second insert finds
 * the first's record and re-reads it).
 */
public final class GreylistPolicy {
    /** How stale an auto-whitelisted network's lastSeen may get before a pass refreshes it (saves a write per mail). */
    private static final Duration MAX_TOUCH_INTERVAL = Duration.ofDays(1);
    static final Duration STORED_WHITELIST_REFRESH = Duration.ofSeconds(5);

    private final GreylistConfiguration configuration;
    private final Whitelist configured;
    private final GreylistTripletStore triplets;
    private final GreylistWhitelistStore whitelistStore;
    private final AutoWhitelistStore autoWhitelist;
    private final PtrLookup rdns;
    private final Clock clock;
    private final Duration touchInterval;
    private volatile StoredWhitelist storedWhitelist;

    public GreylistPolicy(GreylistConfiguration configuration, GreylistTripletStore triplets, GreylistWhitelistStore whitelistStore,
                          AutoWhitelistStore autoWhitelist, PtrLookup rdns, Clock clock) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.configured = new Whitelist(configuration.whitelist());
        this.triplets = Objects.requireNonNull(triplets, "triplets");
        this.whitelistStore = Objects.requireNonNull(whitelistStore, "whitelistStore");
        this.autoWhitelist = Objects.requireNonNull(autoWhitelist, "autoWhitelist");
        this.rdns = Objects.requireNonNull(rdns, "rdns");
        this.clock = Objects.requireNonNull(clock, "clock");
        Duration halfLifetime = configuration.recordLifetime().dividedBy(2);
        this.touchInterval = halfLifetime.compareTo(MAX_TOUCH_INTERVAL) < 0 ? halfLifetime : MAX_TOUCH_INTERVAL;
    }

    public GreylistConfiguration configuration() {
        return configuration;
    }

    /**
     * @throws DnsLookupException when the PTR lookup for the rDNS whitelist gets no usable answer
     * @throws RuntimeException   whatever a store throws when it cannot be reached
     */
    public GreylistDecision decide(GreylistRequest request) {
        Objects.requireNonNull(request, "request");
        if (!configuration.enabled()) {
            return GreylistDecision.pass(GreylistReason.DISABLED, "greylisting is disabled in conf/greylist.xml");
        }
        String recipient = Triplet.normaliseRecipient(request.recipient());
        String sender = SenderNormalisation.stable(request.sender());
        Optional<GreylistDecision> whitelisted = whitelisted(configured, request.client(), sender, recipient, "conf/greylist.xml");
        if (whitelisted.isPresent()) {
            return whitelisted.get();
        }
        Whitelist added = storedWhitelist();
        whitelisted = whitelisted(added, request.client(), sender, recipient, "WebAdmin");
        if (whitelisted.isPresent()) {
            return whitelisted.get();
        }
        Instant now = clock.instant();
        if (configured.has(WhitelistKind.RDNS_DOMAIN) || added.has(WhitelistKind.RDNS_DOMAIN)) {
            Optional<GreylistDecision> byName = whitelistedByName(request.client(), List.of(configured, added));
            if (byName.isPresent()) {
                return byName.get();
            }
        }
        return decideTriplet(Triplet.of(request, configuration), now);
    }

    /**
     * The whitelist added over WebAdmin, read from the store at most every {@link #STORED_WHITELIST_REFRESH} (how soon
     * another node's change applies here), and at once after {@link #whitelistChanged}: one store query less per RCPT.
     */
    private Whitelist storedWhitelist() {
        Instant now = clock.instant();
        StoredWhitelist current = storedWhitelist;
        if (current == null || !now.isBefore(current.loaded().plus(STORED_WHITELIST_REFRESH))) {
            current = new StoredWhitelist(new Whitelist(whitelistStore.all()), now);
            storedWhitelist = current;
        }
        return current.whitelist();
    }

    /** This node changed the stored whitelist: the next decision reads it again. */
    public void whitelistChanged() {
        storedWhitelist = null;
    }

    private record StoredWhitelist(Whitelist whitelist, Instant loaded) {
    }

    /**
     * A triplet that would be deferred from an auto-whitelisted network passes instead (without being stored). Checked
     * only when the triplet alone would defer, so a known sender costs no auto-whitelist query.
     */
    private Optional<GreylistDecision> autoWhitelisted(String network, Instant now) {
        if (!configuration.autoWhitelistEnabled()) {
            return Optional.empty();
        }
        Optional<AutoWhitelistEntry> auto = autoWhitelist.find(network);
        if (auto.isEmpty() || !auto.get().isWhitelisted(configuration.autoWhitelistAfter())) {
            return Optional.empty();
        }
        if (auto.get().lastSeen().plus(touchInterval).isBefore(now)) {
            autoWhitelist.touch(network, now);
        }
        return Optional.of(GreylistDecision.pass(GreylistReason.AUTO_WHITELISTED,
            network + " is auto-whitelisted after " + auto.get().passes() + " passes"));
    }

    private static Optional<GreylistDecision> whitelisted(Whitelist whitelist, InetAddress client, String sender,
                                                          String recipient, String source) {
        Optional<WhitelistEntry> entry = whitelist.recipient(recipient);
        if (entry.isPresent()) {
            return Optional.of(GreylistDecision.pass(GreylistReason.WHITELISTED_RECIPIENT,
                "recipient " + recipient + " is whitelisted (" + entry.get() + ", " + source + ")"));
        }
        entry = whitelist.sender(sender);
        if (entry.isPresent()) {
            return Optional.of(GreylistDecision.pass(GreylistReason.WHITELISTED_SENDER,
                "sender " + sender + " is whitelisted (" + entry.get() + ", " + source + ")"));
        }
        entry = whitelist.network(client);
        return entry.map(found -> GreylistDecision.pass(GreylistReason.WHITELISTED_NETWORK,
            "client " + Cidr.format(client) + " is whitelisted (" + found + ", " + source + ")"));
    }

    private Optional<GreylistDecision> whitelistedByName(InetAddress client, List<Whitelist> whitelists) {
        for (String name : rdns.hostNames(client)) {
            for (Whitelist whitelist : whitelists) {
                Optional<WhitelistEntry> entry = whitelist.rdnsDomain(name);
                if (entry.isPresent()) {
                    return Optional.of(GreylistDecision.pass(GreylistReason.WHITELISTED_RDNS,
                        "client " + Cidr.format(client) + " is " + name + " (" + entry.get() + ")"));
                }
            }
        }
        return Optional.empty();
    }

    private GreylistDecision decideTriplet(Triplet triplet, Instant now) {
        Optional<GreylistRecord> found = triplets.find(triplet);
        if (found.isPresent() && wouldPass(found.get(), now)) {
            return decideKnown(found.get(), now);
        }
        Optional<GreylistDecision> auto = autoWhitelisted(triplet.clientNetwork(), now);
        if (auto.isPresent()) {
            return auto.get();
        }
        if (found.isEmpty()) {
            if (triplets.insertFirstSight(GreylistRecord.firstSight(triplet, now))) {
                return GreylistDecision.defer(GreylistReason.FIRST_SEEN, configuration.delay(), triplet + ": first seen");
            }
            // Another session or node inserted it between our read and our insert: decide on what it stored.
            found = triplets.find(triplet);
            if (found.isEmpty()) {
                return GreylistDecision.defer(GreylistReason.FIRST_SEEN, configuration.delay(), triplet + ": first seen");
            }
        }
        return decideKnown(found.get(), now);
    }

    /** Whether {@link #decideKnown} lets this record pass now (the auto-whitelist is asked only when it would not). */
    private boolean wouldPass(GreylistRecord record, Instant now) {
        if (record.hasPassed()) {
            return !record.lastSeen().plus(configuration.recordLifetime()).isBefore(now);
        }
        return !now.isBefore(record.firstSeen().plus(configuration.delay()))
            && !now.isAfter(record.firstSeen().plus(configuration.retryWindow()));
    }

    private GreylistDecision decideKnown(GreylistRecord record, Instant now) {
        Triplet triplet = record.triplet();
        if (record.hasPassed()) {
            if (record.lastSeen().plus(configuration.recordLifetime()).isBefore(now)) {
                // Not purged yet, but as good as: a sender silent that long is greylisted afresh.
                return restart(record, now, GreylistReason.FIRST_SEEN, triplet + ": first seen again, unseen since "
                    + record.lastSeen());
            }
            return pass(record, now, GreylistReason.KNOWN_TRIPLET, triplet + ": known since " + record.passed().get());
        }
        Instant passableFrom = record.firstSeen().plus(configuration.delay());
        if (now.isBefore(passableFrom)) {
            Duration remaining = Duration.between(now, passableFrom);
            // Another node's clock may run ahead; never ask for more than one delay.
            Duration retryAfter = remaining.compareTo(configuration.delay()) > 0 ? configuration.delay() : remaining;
            return GreylistDecision.defer(GreylistReason.TOO_EARLY, retryAfter,
                triplet + ": retried " + Duration.between(record.firstSeen(), now).toSeconds() + " s after first sight, "
                    + "before the delay of " + configuration.delay().toSeconds() + " s");
        }
        if (now.isAfter(record.firstSeen().plus(configuration.retryWindow()))) {
            return restart(record, now, GreylistReason.RETRY_WINDOW_EXPIRED,
                triplet + ": not retried within the retry window since " + record.firstSeen() + ", greylisted afresh");
        }
        return pass(record, now, GreylistReason.PASSED_AFTER_DELAY,
            triplet + ": retried " + Duration.between(record.firstSeen(), now).toSeconds() + " s after first sight");
    }

    private GreylistDecision pass(GreylistRecord record, Instant now, GreylistReason reason, String detail) {
        triplets.update(record.passedAt(now));
        // Only a sender that waited out the delay proves it retries like a real MTA; its known triplets add nothing.
        if (configuration.autoWhitelistEnabled() && reason == GreylistReason.PASSED_AFTER_DELAY) {
            autoWhitelist.recordPass(record.triplet().clientNetwork(), now);
        }
        return GreylistDecision.pass(reason, detail);
    }

    private GreylistDecision restart(GreylistRecord record, Instant now, GreylistReason reason, String detail) {
        GreylistRecord fresh = GreylistRecord.firstSight(record.triplet(), now);
        if (!triplets.update(fresh)) {
            triplets.insertFirstSight(fresh);
        }
        return GreylistDecision.defer(reason, configuration.delay(), detail);
    }

    /**
     * Purges triplets and auto-whitelisted networks unseen for the record lifetime; run every purge interval.
     *
     * @return how many records were deleted
     */
    public int purgeExpired() {
        Instant cutoff = clock.instant().minus(configuration.recordLifetime());
        return triplets.deleteUnseenSince(cutoff) + autoWhitelist.deleteUnseenSince(cutoff);
    }

    /** The whitelist in effect: conf/greylist.xml's entries, then those added over WebAdmin. */
    public List<WhitelistEntry> effectiveWhitelist() {
        List<WhitelistEntry> entries = new ArrayList<>(configured.entries());
        whitelistStore.all().stream().filter(entry -> !entries.contains(entry)).forEach(entries::add);
        return List.copyOf(entries);
    }
}
