package org.herald.core.relay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.herald.core.outbound.RecipientResult;

/**
 * One delivery attempt through a failover chain: each relay in order whose breaker lets the attempt through gets the
 * recipients that are still open (not yet accepted, not refused for good); a relay that fails or answers 4xx passes
 * them to the next one. Relays with an open breaker are skipped. Only the chain's own relays are ever used, so a
 * stream whose relays are all down waits instead of borrowing another stream's relay.
 */
public final class FailoverDelivery {
    /** Sends the mail to one relay; one result per recipient; never throws for what the relay or network did. */
    @FunctionalInterface
    public interface RelayClient {
        RelayAnswer deliver(RelayRuntime relay, List<String> recipients) throws InterruptedException;
    }

    /**
     * @param results        one result per recipient (empty when no relay was tried)
     * @param triedRelays    the relays that got the mail, in order
     * @param availableAgain when no relay could be tried: when the first breaker lets a probe through
     * @param unavailable    when no relay could be tried: why, for the log and the mail's error
     */
    public record Outcome(List<RecipientResult> results, List<String> triedRelays, Optional<Instant> availableAgain, String unavailable) {
        public boolean attempted() {
            return !triedRelays.isEmpty();
        }
    }

    public Outcome attempt(List<RelayRuntime> chain, List<String> recipients, RelayClient client) throws InterruptedException {
        Map<String, RecipientResult> open = new LinkedHashMap<>();
        List<RecipientResult> settled = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        List<String> pending = recipients;
        Optional<Instant> availableAgain = Optional.empty();
        StringBuilder unavailable = new StringBuilder();
        for (RelayRuntime relay : chain) {
            if (pending.isEmpty()) {
                break;
            }
            if (!relay.breaker().tryAcquire()) {
                Optional<Instant> until = relay.breaker().openUntil();
                if (availableAgain.isEmpty() || until.isPresent() && until.get().isBefore(availableAgain.get())) {
                    availableAgain = until;
                }
                unavailable.append(unavailable.length() == 0 ? "" : "; ").append("relay ").append(relay.name())
                    .append(" is ").append(relay.breaker().state().name().toLowerCase().replace('_', '-'))
                    .append(" (").append(relay.breaker().reason()).append(')');
                continue;
            }
            RelayAnswer answer;
            relay.activity().begin();
            try {
                answer = client.deliver(relay, pending);
            } catch (InterruptedException | RuntimeException e) {
                relay.breaker().release();
                throw e;
            } finally {
                relay.activity().end();
            }
            relay.record(answer);
            tried.add(relay.name());
            List<String> stillOpen = new ArrayList<>();
            for (RecipientResult result : answer.results()) {
                if (result.status() == RecipientResult.Status.TEMPORARY_FAILURE) {
                    open.put(result.recipient(), result);
                    stillOpen.add(result.recipient());
                } else {
                    open.remove(result.recipient());
                    settled.add(result);
                }
            }
            pending = stillOpen;
        }
        if (tried.isEmpty()) {
            String why = chain.isEmpty() ? "no relay is routed for this mail" : "no relay of the chain is available: " + unavailable;
            return new Outcome(List.of(), List.of(), availableAgain, why);
        }
        settled.addAll(open.values());
        return new Outcome(settled, tried, Optional.empty(), "");
    }
}
