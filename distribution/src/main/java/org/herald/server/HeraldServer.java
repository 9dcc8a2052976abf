package org.herald.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.GuiceJamesServer;
import org.apache.james.NaiveDelegationStoreModule;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.protocols.ProtocolHandlerModule;
import org.apache.james.modules.queue.memory.MemoryMailQueueModule;
import org.apache.james.modules.protocols.SMTPServerModule;
import org.apache.james.modules.server.DataRoutesModules;
import org.apache.james.modules.server.DefaultProcessorsConfigurationProviderModule;
import org.apache.james.modules.server.MailQueueRoutesModule;
import org.apache.james.modules.server.MailRepositoriesRoutesModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.modules.server.RawPostDequeueDecoratorModule;
import org.apache.james.modules.server.TaskManagerModule;
import org.apache.james.modules.server.WebAdminServerModule;
import org.apache.james.adapter.mailbox.UserRepositoryAuthorizator;
import org.apache.james.mailbox.Authorizator;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.herald.core.config.InvalidConfigurationException;
import org.herald.core.delivery.LocalDeliveryConfiguration;
import org.herald.core.delivery.LocalDeliveryConfigurationParser;
import org.herald.core.dkim.keys.DkimConfiguration;
import org.herald.core.dkim.keys.DkimConfigurationParser;
import org.herald.core.dmarc.DmarcConfiguration;
import org.herald.core.dmarc.DmarcConfigurationParser;
import org.herald.core.warmup.WarmupConfiguration;
import org.herald.core.warmup.WarmupConfigurationParser;
import org.herald.core.dns.DnsConfiguration;
import org.herald.core.dns.DnsConfigurationParser;
import org.herald.core.greylist.GreylistConfiguration;
import org.herald.core.greylist.GreylistConfigurationParser;
import org.herald.core.queue.QueueConfiguration;
import org.herald.core.queue.QueueConfigurationParser;
import org.herald.core.relay.RelaysConfiguration;
import org.herald.core.relay.RelaysConfigurationParser;
import org.herald.server.clock.FileOffsetClock;
import org.herald.server.dns.JamesWithoutItsDns;
import org.herald.server.layout.HeraldLayout;
import org.herald.server.modules.HeraldActiveMQQueueModule;
import org.herald.server.modules.HeraldConfigurationModule;
import org.herald.server.modules.HeraldDkimModule;
import org.herald.server.modules.HeraldDmarcModule;
import org.herald.server.modules.HeraldWarmupModule;
import org.herald.server.modules.HeraldDmarcReportStoreModule;
import org.herald.server.modules.HeraldDnsModule;
import org.herald.server.modules.HeraldGreylistModule;
import org.herald.server.modules.HeraldJpaDataModule;
import org.herald.server.modules.HeraldMetricsModule;
import org.herald.server.modules.HeraldQueueModule;
import org.herald.server.modules.HeraldRelayModule;
import org.herald.server.modules.HeraldStoreModule;
import org.herald.server.node.NodeIdentity;
import org.herald.server.preflight.ConfigurationPreflight;
import org.herald.server.tls.SelfSignedKeystores;
import org.herald.server.tls.TlsKeystoreReference;
import org.herald.store.HeraldDataSource;
import org.herald.store.StoreConfiguration;
import org.herald.store.StoreConfigurationParser;
import org.herald.store.opensearch.OpenSearchConfiguration;
import org.herald.store.opensearch.OpenSearchConfigurationParser;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Module;
import com.google.inject.util.Modules;

/**
 * Assembles Herald: James 3.8.1's SMTP server, mailet container and WebAdmin over Herald's durable data and queue
 * modules and Herald's own configuration, which is read and validated before anything starts.
 */
public final class HeraldServer {
    private static final Logger LOGGER = LoggerFactory.getLogger(HeraldServer.class);
    private final GuiceJamesServer james;
    private final HeraldDataSource store;

    private HeraldServer(GuiceJamesServer james, HeraldDataSource store) {
        this.james = james;
        this.store = store;
    }

    public static HeraldServer start(HeraldLayout layout, Map<String, String> environment) throws Exception {
        layout.createDataDirectory();
        List<TlsKeystoreReference> keystores = new ConfigurationPreflight(layout).check();
        RelaysConfiguration relays = new RelaysConfigurationParser(environment).parse(layout.confDirectory());
        LocalDeliveryConfiguration localDelivery = new LocalDeliveryConfigurationParser().parse(layout.confDirectory());
        QueueConfiguration queue = new QueueConfigurationParser().parse(layout.confDirectory());
        StoreConfiguration storeConfiguration = StoreConfigurationParser.load(layout.confDirectory(), layout.dataDirectory());
        DkimConfiguration dkim = new DkimConfigurationParser(environment).parse(layout.confDirectory());
        DnsConfiguration dns = new DnsConfigurationParser().parse(layout.confDirectory());
        GreylistConfiguration greylist = new GreylistConfigurationParser().parse(layout.confDirectory());
        DmarcConfiguration dmarc = new DmarcConfigurationParser().parse(layout.confDirectory());
        WarmupConfiguration warmup = new WarmupConfigurationParser().parse(layout.confDirectory());
        WarmupConfigurationParser.requireKnownIdentities(warmup,
            relays.relays().stream().flatMap(relay -> java.util.stream.Stream.of(relay.name(), relay.identity())).toList());
        Optional<OpenSearchConfiguration> openSearch = OpenSearchConfigurationParser.load(layout.confDirectory(), environment);
        SelfSignedKeystores selfSigned = new SelfSignedKeystores(layout);
        keystores.forEach(selfSigned::ensure);

        HeraldDataSource store = HeraldDataSource.open(storeConfiguration);
        GuiceJamesServer james = JamesWithoutItsDns.forConfiguration(jamesConfiguration(layout))
            .combineWith(jamesModules(layout), queueModule(queue, layout))
            .combineWith(new HeraldConfigurationModule(relays, localDelivery), new HeraldMetricsModule(), new HeraldRelayModule(),
                new HeraldStoreModule(store, NodeIdentity.load(layout.dataDirectory())),
                new HeraldGreylistModule(greylist),
                new HeraldDmarcModule(dmarc),
                new HeraldWarmupModule(warmup),
                HeraldDmarcReportStoreModule.of(openSearch),
                new HeraldDnsModule(dns),
                new HeraldDkimModule(dkim, layout.dataDirectory()));
        String clockFile = System.getProperty(FileOffsetClock.PROPERTY);
        if (clockFile != null) {
            LOGGER.warn("TEST CLOCK: Herald's time is the system time plus the seconds in {} ({} is set); never in production",
                clockFile, FileOffsetClock.PROPERTY);
            james = james.overrideWith(binder -> binder.bind(Clock.class).toInstance(new FileOffsetClock(Path.of(clockFile))));
        }
        try {
            james.start();
        } catch (Throwable e) {
            store.close();
            throw unwrapConfigurationError(e);
        }
        return new HeraldServer(james, store);
    }

    private static Configuration jamesConfiguration(HeraldLayout layout) {
        return new Configuration() {
            @Override
            public ConfigurationPath configurationPath() {
                return new ConfigurationPath(FileSystem.FILE_PROTOCOL_AND_CONF);
            }

            @Override
            public JamesDirectoriesProvider directories() {
                return layout;
            }
        };
    }

    private static Module jamesModules(HeraldLayout layout) {
        return Modules.combine(
            new MailetProcessingModule(),
            new NaiveDelegationStoreModule(),
            new HeraldJpaDataModule(layout),
            new RawPostDequeueDecoratorModule(),
            binder -> binder.bind(Authorizator.class).to(UserRepositoryAuthorizator.class),
            new ProtocolHandlerModule(),
            new SMTPServerModule(),
            new WebAdminServerModule(),
            new DataRoutesModules(),
            new MailRepositoriesRoutesModule(),
            new MailQueueRoutesModule(),
            new NoJwtModule(),
            new DefaultProcessorsConfigurationProviderModule(),
            new TaskManagerModule());
    }

    private static Module queueModule(QueueConfiguration queue, HeraldLayout layout) {
        return switch (queue.implementation()) {
            case ACTIVEMQ -> new HeraldActiveMQQueueModule();
            case HERALD -> new HeraldQueueModule(layout, queue);
            case MEMORY -> {
                LOGGER.warn("conf/queue.xml selects the in-memory queue: mail accepted with 250 is LOST if Herald stops or crashes."
                    + " Use it for benchmarks only.");
                yield new MemoryMailQueueModule();
            }
        };
    }

    private static Exception unwrapConfigurationError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidConfigurationException invalid) {
                return invalid;
            }
        }
        return failure instanceof Exception exception ? exception : new IllegalStateException(failure);
    }

    public void stop() {
        james.stop();
        store.close();
    }

    public boolean isStarted() {
        return james.isStarted();
    }
}
