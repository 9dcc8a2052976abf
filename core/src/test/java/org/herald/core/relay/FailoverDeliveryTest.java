package org.herald.core.relay;

import org.herald.core.breaker.BreakerSettings;
import org.herald.core.breaker.BreakerState;
import org.herald.core.breaker.DependencyBreaker;
import org.herald.core.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.herald.core.outbound.RecipientResult;
import org.junit.jupiter.api.Test;

class FailoverDeliveryTest {
    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    private static final BreakerSettings SETTINGS = new BreakerSettings(2, 100, 10, 10, Duration.ofSeconds(30));

    private final MutableClock clock = new MutableClock(START);
    private final FailoverDelivery failover = new FailoverDelivery();
    private final List<String> calls = new ArrayList<>();
    private final Map<String, Function<String, RecipientResult>> behaviour = new HashMap<>();

    private RelayRuntime relay(String name) {
        Relay relay = Relay.of(name, new Smarthost("127.0.0.1", 25, TlsMode.NONE, false, Optional.empty()));
        return new RelayRuntime(relay, "personal", new DependencyBreaker(name, SETTINGS, clock, transition -> { }), clock);
    }

    private RelayAnswer deliver(RelayRuntime relay, List<String> recipients) {
        calls.add(relay.name() + " " + recipients);
        List<RecipientResult> results = recipients.stream().map(behaviour.get(relay.name())).toList();
        boolean refusedConnection = results.stream().allMatch(result -> result.reply().equals("connection refused"));
        return refusedConnection ? RelayAnswer.relayFailed(results) : RelayAnswer.responded(results);
    }

    private static Function<String, RecipientResult> refusingConnections() {
        return recipient -> RecipientResult.temporaryFailure(recipient, "connection refused");
    }

    private static Function<String, RecipientResult> accepting() {
        return recipient -> RecipientResult.delivered(recipient, "250 ok");
    }

    @Test
    void theFirstRelayTakesTheMailWhenItWorks() throws Exception {
        RelayRuntime primary = relay("primary");
        RelayRuntime backup = relay("backup");
        behaviour.put("primary", accepting());

        FailoverDelivery.Outcome outcome = failover.attempt(List.of(primary, backup), List.of("a@x.example"), this::deliver);

        assertThat(outcome.triedRelays()).containsExactly("primary");
        assertThat(outcome.results()).extracting(RecipientResult::status).containsExactly(RecipientResult.Status.DELIVERED);
        assertThat(primary.activity().deliveredCount()).isEqualTo(1);
        assertThat(backup.activity().deliveredCount()).isZero();
    }

    @Test
    void aFailingRelayPassesTheMailToTheNextInTheSameAttempt() throws Exception {
        RelayRuntime primary = relay("primary");
        RelayRuntime backup = relay("backup");
        behaviour.put("primary", refusingConnections());
        behaviour.put("backup", accepting());

        FailoverDelivery.Outcome outcome = failover.attempt(List.of(primary, backup), List.of("a@x.example", "b@y.example"), this::deliver);

        assertThat(calls).containsExactly("primary [a@x.example, b@y.example]", "backup [a@x.example, b@y.example]");
        assertThat(outcome.triedRelays()).containsExactly("primary", "backup");
        assertThat(outcome.results()).extracting(RecipientResult::status).containsOnly(RecipientResult.Status.DELIVERED);
        assertThat(primary.activity().deferredCount()).isEqualTo(1);
        assertThat(primary.activity().lastError()).map(RelayActivity.LastError::message).contains("connection refused");
    }

    @Test
    void onlyRecipientsStillOpenGoToTheNextRelayAndRefusedOnesStayRefused() throws Exception {
        RelayRuntime primary = relay("primary");
        RelayRuntime backup = relay("backup");
        behaviour.put("primary", recipient -> switch (recipient) {
            case "ok@x.example" -> RecipientResult.delivered(recipient, "250 ok");
            case "gone@x.example" -> RecipientResult.permanentFailure(recipient, "550 no such user");
            default -> RecipientResult.temporaryFailure(recipient, "451 try later");
        });
        behaviour.put("backup", accepting());

        FailoverDelivery.Outcome outcome = failover.attempt(List.of(primary, backup),
            List.of("ok@x.example", "gone@x.example", "later@x.example"), this::deliver);

        assertThat(calls).containsExactly("primary [ok@x.example, gone@x.example, later@x.example]", "backup [later@x.example]");
        assertThat(outcome.results()).extracting(RecipientResult::recipient, RecipientResult::status).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("ok@x.example", RecipientResult.Status.DELIVERED),
            org.assertj.core.groups.Tuple.tuple("gone@x.example", RecipientResult.Status.PERMANENT_FAILURE),
            org.assertj.core.groups.Tuple.tuple("later@x.example", RecipientResult.Status.DELIVERED));
        assertThat(primary.breaker().state()).as("a relay that answered is working").isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void whenEveryRelayFailsTheLastTemporaryAnswerIsKept() throws Exception {
        RelayRuntime primary = relay("primary");
        RelayRuntime backup = relay("backup");
        behaviour.put("primary", refusingConnections());
        behaviour.put("backup", recipient -> RecipientResult.temporaryFailure(recipient, "451 backup busy"));

        FailoverDelivery.Outcome outcome = failover.attempt(List.of(primary, backup), List.of("a@x.example"), this::deliver);

        assertThat(outcome.attempted()).isTrue();
        assertThat(outcome.results()).singleElement().satisfies(result -> {
            assertThat(result.status()).isEqualTo(RecipientResult.Status.TEMPORARY_FAILURE);
            assertThat(result.reply()).isEqualTo("451 backup busy");
        });
    }

    @Test
    void aRelayDeferringOneDestinationAtRcptKeepsItsBreakerClosed() throws Exception {
        RelayRuntime relay = relay("primary");
        behaviour.put("primary", recipient -> RecipientResult.temporaryFailure(recipient, "451 4.4.1 slow.example is unreachable"));

        for (int i = 0; i < 10; i++) {
            failover.attempt(List.of(relay), List.of("user" + i + "@slow.example"), this::deliver);
        }

        assertThat(relay.breaker().state()).as("a relay answering RCPT is working").isEqualTo(BreakerState.CLOSED);
        assertThat(relay.activity().deferredCount()).isEqualTo(10);
    }

    @Test
    void aRelayWithAnOpenBreakerIsSkipped() throws Exception {
        RelayRuntime primary = relay("primary");
        RelayRuntime backup = relay("backup");
        behaviour.put("primary", refusingConnections());
        behaviour.put("backup", accepting());
        failover.attempt(List.of(primary, backup), List.of("a@x.example"), this::deliver);
        failover.attempt(List.of(primary, backup), List.of("b@x.example"), this::deliver);
        assertThat(primary.breaker().state()).isEqualTo(BreakerState.OPEN);
        calls.clear();

        FailoverDelivery.Outcome outcome = failover.attempt(List.of(primary, backup), List.of("c@x.example"), this::deliver);

        assertThat(calls).containsExactly("backup [c@x.example]");
        assertThat(outcome.triedRelays()).containsExactly("backup");
    }

    @Test
    void whenEveryBreakerIsOpenNothingIsTriedAndTheMailWaitsForTheFirstProbe() throws Exception {
        RelayRuntime primary = relay("primary");
        behaviour.put("primary", refusingConnections());
        failover.attempt(List.of(primary), List.of("a@x.example"), this::deliver);
        clock.advance(Duration.ofSeconds(5));
        failover.attempt(List.of(primary), List.of("a@x.example"), this::deliver);
        calls.clear();

        FailoverDelivery.Outcome outcome = failover.attempt(List.of(primary), List.of("a@x.example"), this::deliver);

        assertThat(calls).isEmpty();
        assertThat(outcome.attempted()).isFalse();
        assertThat(outcome.availableAgain()).contains(START.plusSeconds(5 + 30));
        assertThat(outcome.unavailable()).startsWith("no relay of the chain is available: relay primary is open (2 failed attempts in a row");
    }

    @Test
    void anEmptyChainTriesNothing() throws Exception {
        FailoverDelivery.Outcome outcome = failover.attempt(List.of(), List.of("a@x.example"), this::deliver);

        assertThat(outcome.attempted()).isFalse();
        assertThat(outcome.unavailable()).isEqualTo("no relay is routed for this mail");
    }
}
