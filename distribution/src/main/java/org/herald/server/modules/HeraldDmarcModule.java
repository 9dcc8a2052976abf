package org.herald.server.modules;

import java.util.Random;

import org.herald.core.dmarc.DmarcConfiguration;
import org.herald.core.dmarc.DmarcEvaluator;
import org.herald.core.dmarc.DmarcRecordDiscovery;
import org.herald.core.dmarc.OrganizationalDomains;
import org.herald.core.dns.TxtLookup;
import org.herald.core.store.DmarcEvaluationStore;
import org.herald.store.HeraldDataSource;
import org.herald.store.JdbcDmarcEvaluationStore;
import org.herald.webadmin.DmarcRoutes;
import org.apache.james.webadmin.Routes;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;

/**
 * DMARC (conf/dmarc.xml): the evaluator the DATA-time hook (org.herald.smtp.InboundAuthenticationHook, declared in
 * smtpserver.xml) asks, over Herald's cached TXT lookups, the store of evaluations for the aggregate reports, and the
 * routes reading the reports others send about Herald's domains (kept where HeraldDmarcReportStoreModule says).
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
}
