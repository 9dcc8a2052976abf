package org.herald.server.dns;

import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.IsStartedProbe;
import org.apache.james.modules.CommonServicesModule;
import org.apache.james.modules.IsStartedProbeModule;
import org.apache.james.modules.server.DNSServiceModule;
import org.apache.james.server.core.configuration.Configuration;

import com.google.inject.Module;
import com.google.inject.spi.Element;
import com.google.inject.spi.ElementSource;
import com.google.inject.spi.Elements;
import com.google.inject.util.Modules;

/**
 * James's {@link GuiceJamesServer} without James's own DNS service, so that conf/dns.xml is the server's only DNS
 * configuration.
 *
 * <p>{@code GuiceJamesServer.forConfiguration} installs {@code CommonServicesModule}, which installs
 * {@code DNSServiceModule}: it binds {@code DNSService} to {@code DNSJavaService} and, at start, configures that from
 * conf/dnsservice.xml (missing file: start-up fails). Overriding the {@code DNSService} binding alone would leave that
 * start-up step in place, because Guice cannot override a {@code @ProvidesIntoSet} element. So this builds the same
 * server from {@code CommonServicesModule}'s bindings minus the ones {@code DNSServiceModule} recorded, and
 * {@code HeraldDnsModule} binds {@code DNSService} to {@link PooledDnsService}.
 */
public final class JamesWithoutItsDns extends GuiceJamesServer {
    private JamesWithoutItsDns(IsStartedProbe probe, Module module) {
        super(probe, module);
    }

    /** What {@code GuiceJamesServer.forConfiguration(configuration)} gives, without {@code DNSServiceModule}. */
    public static GuiceJamesServer forConfiguration(Configuration configuration) {
        IsStartedProbe probe = new IsStartedProbe();
        return new JamesWithoutItsDns(probe, Modules.combine(
            new IsStartedProbeModule(probe),
            without(new CommonServicesModule(configuration), DNSServiceModule.class)));
    }

    /** {@code module}'s bindings except those recorded while {@code removed} was being configured. */
    static Module without(Module module, Class<? extends Module> removed) {
        List<Element> elements = Elements.getElements(module);
        List<Element> kept = elements.stream().filter(element -> !recordedBy(element, removed)).toList();
        if (kept.size() == elements.size()) {
            throw new IllegalStateException(module.getClass().getName() + " no longer installs " + removed.getName()
                + ": James's DNS wiring changed, revisit " + JamesWithoutItsDns.class.getName());
        }
        return Elements.getModule(kept);
    }

    private static boolean recordedBy(Element element, Class<? extends Module> module) {
        return element.getSource() instanceof ElementSource source && source.getModuleClassNames().contains(module.getName());
    }
}
