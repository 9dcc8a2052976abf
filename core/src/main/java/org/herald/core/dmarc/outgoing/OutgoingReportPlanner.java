package org.herald.core.dmarc.outgoing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.herald.core.dmarc.DmarcEvaluationRow;
import org.herald.core.dmarc.DmarcReportUri;
import org.herald.core.dmarc.report.AggregateReport;
import org.herald.core.dmarc.report.AggregateReportBuilder;
import org.herald.core.dmarc.report.AggregateReportWriter;
import org.herald.core.dmarc.report.DestinationAuthorization;
import org.herald.core.dmarc.report.ExternalReportAuthorization;
import org.herald.core.dmarc.report.ReportFileName;
import org.herald.core.dmarc.report.ReportSubject;
import org.herald.core.store.DmarcEvaluationStore;

/**
 * Decides, for one reporting period (a UTC day), which aggregate reports Herald sends and to whom — responsibly: only
 * to {@code mailto:} rua addresses; an address in another organisation only if it published the RFC 7489 §7.1
 * authorisation record; never more than the address's {@code !size}; never to excluded domains; never more than the
 * daily budget; nothing at all when switched off. Every domain not sent to is reported with the reason, for the
 * operator's list of what was skipped.
 */
public final class OutgoingReportPlanner {
    private static final Duration PERIOD = Duration.ofDays(1);

    private final DmarcEvaluationStore evaluations;
    private final ExternalReportAuthorization authorization;
    private final OutgoingReportSettings settings;
    private final AggregateReportWriter writer = new AggregateReportWriter();

    public OutgoingReportPlanner(DmarcEvaluationStore evaluations, ExternalReportAuthorization authorization,
                                 OutgoingReportSettings settings) {
        this.evaluations = Objects.requireNonNull(evaluations, "evaluations");
        this.authorization = Objects.requireNonNull(authorization, "authorization");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** @param periodStart the UTC day to report on; only its own rows are read */
    public List<OutgoingReportDecision> plan(Instant periodStart) {
        Instant end = periodStart.plus(PERIOD);
        List<OutgoingReportDecision> decisions = new ArrayList<>();
        int sent = 0;
        for (String domain : evaluations.policyDomainsWithRows(periodStart, end)) {
            OutgoingReportDecision decision = decide(domain, periodStart, end, sent >= settings.dailyBudget());
            if (decision instanceof OutgoingReportDecision.Send) {
                sent++;
            }
            decisions.add(decision);
        }
        return decisions;
    }

    /** One domain, e.g. for {@code POST /dmarc/reports/outgoing?domain=&date=}. */
    public OutgoingReportDecision plan(String policyDomain, Instant periodStart) {
        return plan(policyDomain, periodStart, false);
    }

    /** One domain of a run that keeps its own count: {@code budgetSpent} when the day's budget is used up. */
    public OutgoingReportDecision plan(String policyDomain, Instant periodStart, boolean budgetSpent) {
        return decide(policyDomain.toLowerCase(Locale.ROOT), periodStart, periodStart.plus(PERIOD), budgetSpent);
    }

    public OutgoingReportSettings settings() {
        return settings;
    }

    private OutgoingReportDecision decide(String domain, Instant begin, Instant end, boolean overBudget) {
        if (!settings.enabled()) {
            return new OutgoingReportDecision.Skipped(domain, "sending aggregate reports is switched off");
        }
        if (!settings.orgName().contains(".")) {
            // Reports from postmaster@localhost would be thrown away by every receiver, and name no one to ask.
            return new OutgoingReportDecision.Skipped(domain, "Herald has no domain name to report as (\"" + settings.orgName()
                + "\"): set orgName and email of <reports> in conf/dmarc.xml, or defaultDomain in conf/domainlist.xml");
        }
        if (settings.excludes(domain)) {
            return new OutgoingReportDecision.Skipped(domain, "excluded by configuration");
        }
        List<DmarcEvaluationRow> rows = evaluations.forPolicyDomainAndPeriod(domain, begin, end);
        if (rows.isEmpty()) {
            return new OutgoingReportDecision.Skipped(domain, "no message from " + domain + " was evaluated that day");
        }
        List<DmarcReportUri> rua = rows.get(rows.size() - 1).published().rua();
        if (rua.isEmpty()) {
            return new OutgoingReportDecision.Skipped(domain, "its DMARC record asks for no aggregate reports (no rua=)");
        }
        String reportId = settings.orgName() + "!" + domain + "!" + begin.getEpochSecond();
        AggregateReport report = new AggregateReportBuilder(settings.orgName(), settings.email()).build(rows, begin, end, reportId);
        byte[] gzipped = writer.gzipped(report);
        List<String> recipients = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (DmarcReportUri uri : rua) {
            if (!uri.isMailto()) {
                skipped.add(uri + ": only mailto: destinations are supported");
                continue;
            }
            String address = uri.uri().getSchemeSpecificPart();
            String ruaDomain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            DestinationAuthorization authorised = authorization.check(domain, ruaDomain);
            if (!authorised.authorised()) {
                skipped.add(address + ": " + authorised.reason());
            } else if (uri.maxBytes().isPresent() && gzipped.length > uri.maxBytes().get()) {
                skipped.add(address + ": the report (" + gzipped.length + " bytes) exceeds its !size of " + uri.maxBytes().get());
            } else {
                recipients.add(address);
            }
        }
        if (recipients.isEmpty()) {
            return new OutgoingReportDecision.Skipped(domain, "no usable rua= address: " + String.join("; ", skipped));
        }
        if (overBudget) {
            return new OutgoingReportDecision.Skipped(domain, "the daily budget of " + settings.dailyBudget() + " reports is spent");
        }
        return new OutgoingReportDecision.Send(domain, recipients, skipped, report, gzipped,
            ReportFileName.of(settings.orgName(), domain, begin, end).gzipped(), ReportSubject.of(domain, settings.orgName(), reportId));
    }
}
