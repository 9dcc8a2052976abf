package org.herald.smtp;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.herald.core.greylist.GreylistDecision;
import org.herald.core.greylist.GreylistGuard;
import org.herald.core.greylist.GreylistRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Greylisting at RCPT time (conf/greylist.xml). Authenticated sessions and clients allowed to relay are never
 * greylisted. A first-seen triplet gets {@code 451 4.7.1} with the time to wait; once the delay has passed, the retry
 * is accepted. When the store or DNS fails or is slow, {@link GreylistGuard} accepts the mail and says so: counted as
 * {@code herald_greylist_failed_open}, logged at most every 10 seconds, and the breaker state is in {@code GET /greylist}.
 *
 * <p>Metrics: {@code herald_greylist_greylisted}, {@code herald_greylist_passed_after_delay},
 * {@code herald_greylist_known}, {@code herald_greylist_whitelisted}, {@code herald_greylist_auto_whitelisted},
 * {@code herald_greylist_failed_open}, {@code herald_greylist_skipped_breaker_open}.
 */
public class GreylistHook implements RcptHook {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.herald.greylist");
    private static final long FAIL_OPEN_LOG_INTERVAL_MILLIS = 10_000;

    private final GreylistGuard guard;
    private final MetricFactory metrics;
    private final AtomicLong lastFailOpenLog = new AtomicLong();

    @Inject
    public GreylistHook(GreylistGuard guard, MetricFactory metrics) {
        this.guard = guard;
        this.metrics = metrics;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (session.getUsername() != null || session.isRelayingAllowed()) {
            return HookResult.DECLINED;
        }
        InetAddress client = session.getRemoteAddress().getAddress();
        String from = sender.asOptional().map(MailAddress::asString).orElse("");
        GreylistGuard.Verdict verdict = guard.decide(new GreylistRequest(client, from, rcpt.asString()));
        if (verdict instanceof GreylistGuard.Verdict.FailedOpen failedOpen) {
            failedOpen(failedOpen, client);
            return HookResult.DECLINED;
        }
        GreylistDecision decision = ((GreylistGuard.Verdict.Decided) verdict).decision();
        metrics.generate(GreylistCounters.counterFor(decision)).increment();
        if (decision.pass()) {
            return HookResult.DECLINED;
        }
        long seconds = decision.retryAfter().map(wait -> Math.max(1, wait.toSeconds())).orElse(guard.deadline().toSeconds());
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.denySoft())
            .smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
            .smtpDescription("4.7.1 Greylisted: this server has not seen this sender, recipient and network together "
                + "recently; please retry in " + seconds + " seconds")
            .build();
    }

    private void failedOpen(GreylistGuard.Verdict.FailedOpen failedOpen, InetAddress client) {
        metrics.generate(failedOpen.breakerOpen() ? "herald_greylist_skipped_breaker_open" : "herald_greylist_failed_open").increment();
        long now = System.currentTimeMillis();
        long last = lastFailOpenLog.get();
        if (now - last >= FAIL_OPEN_LOG_INTERVAL_MILLIS && lastFailOpenLog.compareAndSet(last, now)) {
            LOGGER.warn("Greylisting failed open (mail from {} accepted without greylisting): {}", client.getHostAddress(),
                failedOpen.why());
        }
    }
}
