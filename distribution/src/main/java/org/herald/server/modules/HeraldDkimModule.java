package org.herald.server.modules;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.webadmin.Routes;
import org.herald.core.dkim.DkimSignatureEngine;
import org.herald.core.dkim.DkimSigner;
import org.herald.core.dkim.DkimVerifier;
import org.herald.core.dkim.keys.DkimConfiguration;
import org.herald.core.dkim.keys.DkimKeyEvent;
import org.herald.core.dkim.keys.DkimKeyLifecycle;
import org.herald.core.dkim.keys.KeyEncryptionKeyFile;
import org.herald.core.dkim.keys.PrivateKeySealer;
import org.herald.core.dkim.keys.PublishedKeyCheck;
import org.herald.core.dkim.keys.SigningKeyCache;
import org.herald.core.dns.TxtLookup;
import org.herald.core.store.DkimKeyStore;
import org.herald.server.dkim.DkimKeyMaintenance;
import org.herald.store.HeraldDataSource;
import org.herald.store.JdbcDkimKeyStore;
import org.herald.webadmin.DkimRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.google.inject.name.Named;

/**
 * DKIM: the key store and lifecycle (conf/dkim.xml), its periodic DNS pass, the signer and the DKIM verifier the mailets
 * use, and the /dkim routes. DNS (TXT lookups, SPF) comes from {@link HeraldDnsModule}: the key pre-check takes its
 * cache-bypassing TXT lookup, verification the cached one.
 */
public class HeraldDkimModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.herald.dkim");
    /** Where the generated key-encryption key lives, under the data directory, when conf/dkim.xml gives none. */
    public static final String GENERATED_KEY_FILE = "dkim/key-encryption.key";

    private final DkimConfiguration configuration;
    private final Path dataDirectory;

    public HeraldDkimModule(DkimConfiguration configuration, Path dataDirectory) {
        this.configuration = configuration;
        this.dataDirectory = dataDirectory;
    }

    @Override
    protected void configure() {
        bind(DkimConfiguration.class).toInstance(configuration);
        bind(DkimRoutes.DefaultDkimAlgorithms.class).toInstance(new DkimRoutes.DefaultDkimAlgorithms(configuration.algorithms()));
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(DkimRoutes.class);
    }

    @Provides
    @Singleton
    DkimKeyStore keyStore(HeraldDataSource store) {
        return new JdbcDkimKeyStore(store);
    }

    @Provides
    @Singleton
    PrivateKeySealer sealer() throws IOException {
        PrivateKeySealer sealer;
        if (configuration.keyEncryptionKey().isPresent()) {
            sealer = new PrivateKeySealer(Base64.getDecoder().decode(configuration.keyEncryptionKey().get().reveal().strip()));
            LOGGER.info("DKIM private keys sealed with the key of conf/dkim.xml (fingerprint {})", sealer.fingerprint());
        } else {
            Path file = dataDirectory.resolve(GENERATED_KEY_FILE);
            sealer = new PrivateKeySealer(KeyEncryptionKeyFile.loadOrCreate(file));
            LOGGER.info("DKIM private keys sealed with the generated key {} (fingerprint {}): back it up with the store; "
                + "nodes sharing a store need the same key (conf/dkim.xml <privateKeyEncryption>)", file, sealer.fingerprint());
        }
        return sealer;
    }

    @Provides
    @Singleton
    DkimKeyLifecycle lifecycle(DkimKeyStore store, @Named(HeraldDnsModule.FRESH_TXT) TxtLookup txt, PrivateKeySealer sealer, Clock clock,
                               Provider<SigningKeyCache> cache) {
        return new DkimKeyLifecycle(store, new PublishedKeyCheck(txt, clock), sealer, configuration.naming(),
            configuration.overlap(), clock, new SecureRandom(), event -> {
                log(event);
                cache.get().invalidate(event.key().domain());
            });
    }

    private static void log(DkimKeyEvent event) {
        LOGGER.info("DKIM {} selector {} ({}): {}", event.key().domain(), event.key().selector(),
            event.key().algorithm().tag(), event.what());
    }

    @Provides
    @Singleton
    SigningKeyCache signingKeys(DkimKeyLifecycle lifecycle, Clock clock) {
        return new SigningKeyCache(lifecycle::signingKeys, configuration.keyRefresh(), clock);
    }

    @Provides
    @Singleton
    DkimSigner signer(Clock clock) {
        DkimSignatureEngine engine = signatureEngine(configuration.signingProvider());
        LOGGER.info("DKIM signatures (RSA and Ed25519) through {} (conf/dkim.xml <signing provider>)", engine.implementation());
        return new DkimSigner(clock, engine);
    }

    private static DkimSignatureEngine signatureEngine(DkimConfiguration.SigningProvider choice) {
        if (choice == DkimConfiguration.SigningProvider.JAVA) {
            return DkimSignatureEngine.pureJava();
        }
        Throwable loadingError = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
        if (loadingError != null) {
            LOGGER.warn("DKIM: Amazon Corretto Crypto Provider's native library does not load on this machine ({}); DKIM "
                + "signs through pure Java: RSA about 4x slower, Ed25519 about 2x", loadingError.toString());
            return DkimSignatureEngine.pureJava();
        }
        return DkimSignatureEngine.withProvider(AmazonCorrettoCryptoProvider.INSTANCE, LOGGER::warn);
    }

    @Provides
    @Singleton
    DkimVerifier verifier(TxtLookup txt, Clock clock) {
        return new DkimVerifier(txt, clock, configuration.maxSignatures());
    }

    @Provides
    @Singleton
    DkimKeyMaintenance maintenance(DkimKeyLifecycle lifecycle) {
        return new DkimKeyMaintenance(lifecycle, configuration.dnsCheckInterval());
    }

    @ProvidesIntoSet
    InitializationOperation startKeyMaintenance(DkimKeyMaintenance maintenance) {
        return InitilizationOperationBuilder
            .forClass(DkimKeyMaintenance.class)
            .init(maintenance::start);
    }
}
