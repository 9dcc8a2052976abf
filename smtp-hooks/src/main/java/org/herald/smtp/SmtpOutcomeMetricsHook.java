package org.herald.smtp;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.Hook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookResultHook;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.SendMailHandler;

/**
 * Counts, per SMTP listener, mails accepted into the queue and commands refused (5xx or 4xx), as
 * {@code herald_smtp_accepted_<listener>} and {@code herald_smtp_rejected_<listener>}. It only observes: the result
 * it is given is the result it returns. The listener name comes from the handler's {@code <listener>} element.
 */
public class SmtpOutcomeMetricsHook implements HookResultHook {
    private final MetricFactory metricFactory;
    private Metric accepted;
    private Metric rejected;

    @Inject
    public SmtpOutcomeMetricsHook(MetricFactory metricFactory) {
        this.metricFactory = metricFactory;
    }

    @Override
    public void init(Configuration config) {
        String listener = config.getString("listener", "smtp").replaceAll("[^A-Za-z0-9_]", "_");
        accepted = metricFactory.generate("herald_smtp_accepted_" + listener);
        rejected = metricFactory.generate("herald_smtp_rejected_" + listener);
    }

    @Override
    public HookResult onHookResult(SMTPSession session, HookResult result, long executionTime, Hook hook) {
        HookReturnCode.Action action = result.getResult().getAction();
        if (action == HookReturnCode.Action.DENY || action == HookReturnCode.Action.DENYSOFT) {
            rejected.increment();
        } else if (action == HookReturnCode.Action.OK && hook instanceof SendMailHandler) {
            accepted.increment();
        }
        return result;
    }
}
