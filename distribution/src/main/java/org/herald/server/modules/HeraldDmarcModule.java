package org.herald.server.modules;

import java.time.Clock;
import java.util.Random;
import java.util.function.Supplier;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.mailet.MailetContext;

import org.herald.core.dmarc.DmarcConfiguration;
import org.herald.core.dmarc.DmarcEvaluator;
import org.herald.core.dmarc.DmarcRecordDiscovery;
import org.herald.core.dmarc.OrganizationalDomains;
import org.herald.core.dmarc.outgoing.OutgoingReportPlanner;
import org.herald.core.dmarc.outgoing.OutgoingReporting;
import org.herald.core.dmarc.report.ExternalReportAuthorization;
import org.herald.core.dns.TxtLookup;
import org.herald.core.store.DmarcOutgoingReportLog;
import org.herald.mailets.dmarc.MailetContextReportMailer;
import org.herald.server.dmarc.DmarcReportOutcomes;
import org.herald.server.dmarc.DmarcReportSchedule;
import org.herald.store.JdbcDmarcOutgoingReportLog;
import org.herald.core.store.DmarcEvaluationStore;
import org.herald.store.HeraldDataSource;
import org.herald.store.JdbcDmarcEvaluationStore;
import org.herald.webadmin.DmarcRoutes;
import org.apache.james.webadmin.Routes;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.common.base.Suppliers;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * DMARC (conf/dmarc.xml): the evaluator the DATA-time hook (org.herald.smtp.InboundAuthenticationHook, declared in
 * smtpserver.xml) asks, over Herald's cached TXT lookups, the store of evaluations for the aggregate reports, and the
 * routes reading the reports others send about Herald's domains (kept where HeraldDmarcReportStoreModule says), and
 * the daily aggregate reports Herald sends (conf/dmarc.xml {@code <reports>}, /dmarc/reports/outgoing).
 */
public class HeraldDmarcModule extends AbstractModule {
    private final DmarcConfiguration configuration;

    public HeraldDmarcModule(DmarcConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected void configure() {
        bind(DmarcConfiguration.class).toInstance(configuration);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(DmarcRoutes.class);
    }

    @Provides
    @Singleton
    DmarcEvaluator evaluator(TxtLookup txt) {
        OrganizationalDomains organizationalDomains = new OrganizationalDomains();
        // java.util.Random is thread-safe; pct= sampling needs no cryptographic randomness.
        return new DmarcEvaluator(new DmarcRecordDiscovery(txt, organizationalDomains), organizationalDomains, new Random(),
            configuration.overrides());
    }

    @Provides
    @Singleton
    DmarcEvaluationStore evaluations(HeraldDataSource store) {
        return new JdbcDmarcEvaluationStore(store);
    }

    @Provides
    @Singleton
    DmarcOutgoingReportLog outgoingLog(HeraldDataSource store) {
        return new JdbcDmarcOutgoingReportLog(store);
    }

    @Provides
    @Singleton
    OutgoingReporting outgoingReports(DmarcEvaluationStore evaluations, DmarcOutgoingReportLog log, TxtLookup txt,
                                      DomainList domains, MailetContext mailetContext, MetricFactory metrics, Clock clock) {
        OrganizationalDomains organizationalDomains = new OrganizationalDomains();
        ExternalReportAuthorization authorization = new ExternalReportAuthorization(txt, (policyDomain, ruaDomain) ->
            organizationalDomains.organizationalDomain(policyDomain).equals(organizationalDomains.organizationalDomain(ruaDomain)));
        // The default domain is read from the domain list, which James configures after the injector is built.
        Supplier<OutgoingReportPlanner> planner = Suppliers.memoize(() ->
            new OutgoingReportPlanner(evaluations, authorization, configuration.reporting().settings(defaultDomain(domains))));
        return new OutgoingReporting(evaluations, log, new MailetContextReportMailer(mailetContext, clock), planner::get,
            configuration.reporting().delay(), configuration.reporting().catchUpDays(), clock, new DmarcReportOutcomes(metrics));
    }

    private static String defaultDomain(DomainList domains) {
        try {
            return domains.getDefaultDomain().asString();
        } catch (DomainListException e) {
            throw new IllegalStateException("The default domain is needed to name Herald in DMARC reports: " + e.getMessage(), e);
        }
    }

    @Provides
    @Singleton
    DmarcReportSchedule reportSchedule(OutgoingReporting reporting, DmarcEvaluationStore evaluations, Clock clock) {
        return new DmarcReportSchedule(reporting, evaluations, configuration.reporting(), clock);
    }

    @ProvidesIntoSet
    InitializationOperation startReportSchedule(DmarcReportSchedule schedule) {
        return InitilizationOperationBuilder
            .forClass(DmarcReportSchedule.class)
            .init(schedule::start);
    }
}
