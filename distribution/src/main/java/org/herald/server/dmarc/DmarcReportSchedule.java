package org.herald.server.dmarc;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.annotation.PreDestroy;

import org.apache.james.lifecycle.api.Startable;
import org.herald.core.dmarc.DmarcReportingConfiguration;
import org.herald.core.dmarc.outgoing.OutgoingReportEntry;
import org.herald.core.dmarc.outgoing.OutgoingReporting;
import org.herald.core.store.DmarcEvaluationStore;
import org.herald.server.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily aggregate reports (conf/dmarc.xml {@code <reports>}): every check interval, the reports of finished UTC
 * days that are due and not yet decided go out, and evaluations older than {@code keepEvaluations} are deleted.
 */
public final class DmarcReportSchedule implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.herald.dmarc");
    /** Soon after start, so a server that was down over midnight catches up without waiting a whole interval. */
    private static final Duration FIRST_RUN = Duration.ofSeconds(20);

    private final OutgoingReporting reporting;
    private final DmarcEvaluationStore evaluations;
    private final DmarcReportingConfiguration configuration;
    private final Clock clock;
    private final PeriodicTask task;

    public DmarcReportSchedule(OutgoingReporting reporting, DmarcEvaluationStore evaluations,
                               DmarcReportingConfiguration configuration, Clock clock) {
        this.reporting = reporting;
        this.evaluations = evaluations;
        this.configuration = configuration;
        this.clock = clock;
        this.task = new PeriodicTask("herald-dmarc-reports", "DMARC report run", configuration.checkInterval(), this::run, LOGGER);
    }

    public synchronized void start() {
        LOGGER.info("DMARC aggregate reports: {}; due {} after each UTC day, checked every {}",
            configuration.enabled() ? "sent (daily budget " + configuration.dailyBudget() + ")" : "switched off",
            configuration.delay(), configuration.checkInterval());
        task.start(FIRST_RUN.compareTo(configuration.checkInterval()) < 0 ? FIRST_RUN : configuration.checkInterval());
    }

    private void run() {
        List<OutgoingReportEntry> decided = reporting.runDue();
        if (!decided.isEmpty()) {
            LOGGER.info("DMARC report run: {} report(s) decided", decided.size());
        }
        int deleted = evaluations.deleteBefore(clock.instant().minus(configuration.keepEvaluations()));
        if (deleted > 0) {
            LOGGER.info("DMARC: deleted {} evaluation row(s) older than {}", deleted, configuration.keepEvaluations());
        }
    }

    @PreDestroy
    public synchronized void stop() {
        task.stop();
    }
}
