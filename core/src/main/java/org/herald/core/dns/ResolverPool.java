package org.herald.core.dns;

import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.herald.core.breaker.BreakerState;
import org.herald.core.breaker.BreakerTransition;
import org.herald.core.breaker.DependencyBreaker;
import org.herald.core.config.DurationText;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Herald's DNS: the resolvers of conf/dns.xml, each with its health and circuit breaker, behind one answer cache.
 *
 * <p>A lookup is answered from the cache when allowed ({@link CachePolicy}); otherwise it asks the healthiest resolver
 * first (up, then being probed, then down; the configured order among equals) and moves on to the next on a timeout,
 * a network error, SERVFAIL or REFUSED, all within the lookup budget
 * ({@code lookupTimeout}). Resolvers that did not answer at all are asked again in up to {@code retries} further
 * rounds. A resolver that gave no answer {@code markDownAfter} times in a row is marked down (its breaker opens) and
 * skipped; {@link #recoveryCheck()}, run periodically, asks a down resolver the cheap recovery query once its
 * recovery interval is over and brings it back when it answers. When every resolver is down a lookup still asks them
 * (failing without asking helps no one), without changing their state: only a recovery check brings one back. SERVFAIL
 * moves the lookup on but does not count towards marking a resolver down: it answered, and the fault is often the
 * queried domain's.
 *
 * <p>Failures short of marking a resolver down, and latency, do not reorder resolvers: a resolver moved back gets no
 * queries to prove itself with, so one lost packet or one slow cold-cache recursion would demote the preferred
 * resolver for good. The breaker is the one judge; latency and failures are shown to the operator.
 *
 * <p>dnsjava's {@link Resolver} is the seam: production uses a {@link SimpleResolver} per address; tests pass fakes
 * that answer, time out or fail at will and move a test clock.
 */
public final class ResolverPool implements RecordLookup {

    /** One resolver the pool asks: its name as shown ({@code 127.0.0.1:53}) and the dnsjava resolver sending to it. */
    public record Upstream(String name, Resolver resolver) {
        public Upstream {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(resolver, "resolver");
        }
    }

    private enum Outcome {
        /** NOERROR or NXDOMAIN: a usable answer. */
        ANSWER,
        /** SERVFAIL: the resolver is alive but could not answer; another may. */
        SERVER_FAILURE,
        /** REFUSED or another error code: the resolver will not serve this question. */
        REJECTED,
        /** Timeout or network error: nothing came back. */
        NO_ANSWER
    }

    private record Attempt(Outcome outcome, Message response, long latencyMillis, String problem) {
    }

    private static final class Member {
        final int index;
        final String name;
        final Resolver resolver;
        final DependencyBreaker breaker;
        final ResolverHealth health = new ResolverHealth();

        Member(int index, Upstream upstream, DependencyBreaker breaker) {
            this.index = index;
            this.name = upstream.name();
            this.resolver = upstream.resolver();
            this.breaker = breaker;
        }
    }

    /** A member's state at the moment a lookup orders them: sorting must not see values change under it. */
    private record Ranked(Member member, int stateRank) {
        static final Comparator<Ranked> HEALTHIEST_FIRST = Comparator.comparingInt(Ranked::stateRank)
            .thenComparingInt(ranked -> ranked.member().index);
    }

    private final List<Member> members;
    private final DnsConfiguration configuration;
    private final Clock clock;
    private final DnsCache cache;
    private final Name recoveryName;

    /** The pool over conf/dns.xml's resolvers, or the system's (/etc/resolv.conf) when it lists none. */
    public static ResolverPool create(DnsConfiguration configuration, Clock clock, Consumer<BreakerTransition> transitions) {
        List<InetSocketAddress> addresses = configuration.resolvers().isEmpty()
            ? ResolverConfig.getCurrentConfig().servers()
            : configuration.resolvers();
        if (addresses.isEmpty()) {
            addresses = List.of(new InetSocketAddress("127.0.0.1", SimpleResolver.DEFAULT_PORT));
        }
        List<Upstream> upstreams = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            SimpleResolver resolver = new SimpleResolver(address);
            resolver.setTimeout(configuration.timeout());
            upstreams.add(new Upstream(name(address), resolver));
        }
        return new ResolverPool(upstreams, configuration, clock, transitions);
    }

    /**
     * @param upstreams     the resolvers, in the configured order (the order among equally healthy ones)
     * @param configuration timeouts, retries, cache and health settings ({@code resolvers} is not read here)
     * @param transitions   told once per resolver marked down or back up (for the log)
     */
    public ResolverPool(List<Upstream> upstreams, DnsConfiguration configuration, Clock clock, Consumer<BreakerTransition> transitions) {
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("a resolver pool needs at least one resolver");
        }
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(transitions, "transitions");
        this.cache = new DnsCache(configuration.cache(), clock);
        this.recoveryName = RecordLookup.absoluteName(configuration.health().recoveryQuery());
        List<Member> list = new ArrayList<>();
        for (Upstream upstream : upstreams) {
            DependencyBreaker breaker = new DependencyBreaker("DNS resolver " + upstream.name(),
                configuration.health().breakerSettings(), clock, transitions);
            list.add(new Member(list.size(), upstream, breaker));
        }
        this.members = List.copyOf(list);
    }

    /** {@code 127.0.0.1:53}, {@code [::1]:53}. */
    public static String name(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    @Override
    public DnsAnswer lookup(Name name, int type, CachePolicy policy) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policy, "policy");
        if (policy == CachePolicy.USE) {
            Optional<DnsAnswer> cached = cache.get(name, type);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        Instant deadline = clock.instant().plus(configuration.lookupTimeout());
        List<String> problems = new ArrayList<>();
        List<Member> ranked = ranked();
        List<Member> candidates = ranked;
        boolean asked = false;
        for (int round = 0; round <= configuration.retries() && !candidates.isEmpty(); round++) {
            List<Member> silent = new ArrayList<>();
            for (Member member : candidates) {
                Duration remaining = Duration.between(clock.instant(), deadline);
                if (remaining.isNegative() || remaining.isZero()) {
                    throw failure(name, type, problems, "lookup budget of " + DurationText.format(configuration.lookupTimeout()) + " spent");
                }
                if (!member.breaker.tryAcquire()) {
                    continue;
                }
                asked = true;
                Attempt attempt = ask(member, query, min(configuration.timeout(), remaining));
                record(member, attempt, name, type);
                if (attempt.outcome() == Outcome.ANSWER) {
                    return answer(name, type, attempt, member);
                }
                problems.add(member.name + ": " + attempt.problem());
                if (attempt.outcome() == Outcome.NO_ANSWER) {
                    silent.add(member);
                }
            }
            candidates = silent;
        }
        if (!asked) {
            return lastResort(name, type, query, deadline, ranked);
        }
        throw failure(name, type, problems, null);
    }

    /** Every resolver is down: ask them anyway, in order, without touching their breakers. */
    private DnsAnswer lastResort(Name name, int type, Message query, Instant deadline, List<Member> ranked) {
        List<String> problems = new ArrayList<>();
        for (Member member : ranked) {
            if (member.breaker.state() == BreakerState.FORCED_OPEN) {
                continue;
            }
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                break;
            }
            Attempt attempt = ask(member, query, min(configuration.timeout(), remaining));
            recordHealth(member, attempt);
            if (attempt.outcome() == Outcome.ANSWER) {
                return answer(name, type, attempt, member);
            }
            problems.add(member.name + " (down): " + attempt.problem());
        }
        throw failure(name, type, problems, "every resolver is marked down");
    }

    private DnsAnswer answer(Name name, int type, Attempt attempt, Member member) {
        DnsAnswer answer = DnsAnswer.fromResponse(name, type, attempt.response(), member.name);
        cache.put(answer);
        return answer;
    }

    private DnsLookupException failure(Name name, int type, List<String> problems, String why) {
        StringBuilder message = new StringBuilder("no usable DNS answer for ").append(DnsAnswer.describe(name, type));
        if (why != null) {
            message.append(" (").append(why).append(')');
        }
        if (!problems.isEmpty()) {
            message.append(": ").append(String.join("; ", problems));
        }
        return new DnsLookupException(message.toString());
    }

    private List<Member> ranked() {
        return members.stream()
            .map(member -> new Ranked(member, stateRank(member.breaker.state())))
            .sorted(Ranked.HEALTHIEST_FIRST)
            .map(Ranked::member)
            .toList();
    }

    private static int stateRank(BreakerState state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
            case FORCED_OPEN -> 3;
        };
    }

    private Attempt ask(Member member, Message query, Duration wait) {
        Instant start = clock.instant();
        CompletableFuture<Message> future;
        try {
            future = member.resolver.sendAsync(query.clone()).toCompletableFuture();
        } catch (RuntimeException e) {
            return new Attempt(Outcome.NO_ANSWER, null, 0, "could not send: " + e);
        }
        try {
            Message response = future.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
            long latency = Math.max(0, Duration.between(start, clock.instant()).toMillis());
            int rcode = response.getRcode();
            if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                return new Attempt(Outcome.ANSWER, response, latency, "");
            }
            Outcome outcome = rcode == Rcode.SERVFAIL ? Outcome.SERVER_FAILURE : Outcome.REJECTED;
            return new Attempt(outcome, response, latency, "answered " + Rcode.string(rcode));
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Attempt(Outcome.NO_ANSWER, null, 0, "no answer within " + DurationText.format(wait));
        } catch (ExecutionException e) {
            return new Attempt(Outcome.NO_ANSWER, null, 0, describe(e.getCause(), wait));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DnsLookupException("interrupted while waiting for DNS resolver " + member.name, e);
        }
    }

    private static String describe(Throwable cause, Duration wait) {
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        if (cause instanceof SocketTimeoutException || message.toLowerCase(Locale.ROOT).contains("timed out")) {
            return "no answer within " + DurationText.format(wait);
        }
        if (cause instanceof PortUnreachableException) {
            return "port unreachable (no DNS server listens there)";
        }
        return message.isEmpty() ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + message;
    }

    private void record(Member member, Attempt attempt, Name name, int type) {
        recordHealth(member, attempt);
        switch (attempt.outcome()) {
            case ANSWER, SERVER_FAILURE -> member.breaker.recordSuccess();
            default -> member.breaker.recordFailure(attempt.problem() + " (" + DnsAnswer.describe(name, type) + ")");
        }
    }

    private void recordHealth(Member member, Attempt attempt) {
        Instant now = clock.instant();
        switch (attempt.outcome()) {
            case ANSWER -> member.health.answered(attempt.latencyMillis());
            case SERVER_FAILURE, REJECTED -> member.health.answeredBadly(attempt.latencyMillis(), attempt.problem(), now);
            default -> member.health.failed(attempt.problem(), now);
        }
    }

    /**
     * Asks each down resolver whose recovery interval is over the recovery query ({@code <health recoveryQuery>}, type
     * NS); NOERROR or NXDOMAIN brings it back up, anything else keeps it down for another interval. Meant to run
     * every second or so; does nothing for resolvers that are up or not yet due.
     */
    public void recoveryCheck() {
        Message probe = Message.newQuery(Record.newRecord(recoveryName, Type.NS, DClass.IN));
        for (Member member : members) {
            if (member.breaker.state() != BreakerState.OPEN) {
                continue;
            }
            Optional<Instant> until = member.breaker.openUntil();
            if (until.isPresent() && clock.instant().isBefore(until.get()) || !member.breaker.tryAcquire()) {
                continue;
            }
            Attempt attempt = ask(member, probe, configuration.timeout());
            recordHealth(member, attempt);
            if (attempt.outcome() == Outcome.ANSWER) {
                member.breaker.recordSuccess();
            } else {
                member.breaker.recordFailure("recovery query " + DnsAnswer.describe(recoveryName, Type.NS) + ": " + attempt.problem());
            }
        }
    }

    /** Each resolver's state and counters, in the configured order. */
    public List<ResolverStatus> resolvers() {
        return members.stream().map(member -> new ResolverStatus(member.name, member.breaker.state(), member.breaker.since(),
            member.breaker.reason(), member.breaker.openUntil(), member.health.queries(), member.health.failures(),
            member.health.consecutiveFailures(), member.health.latencyAverageMillis(), member.health.lastError())).toList();
    }

    public DnsCacheStats cacheStats() {
        return cache.stats();
    }

    /** Forgets every cached answer (an operator who has just changed records upstream). */
    public void clearCache() {
        cache.clear();
    }

    public DnsConfiguration configuration() {
        return configuration;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
