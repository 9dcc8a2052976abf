package org.herald.mailets.outbound;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.herald.core.relay.TrustStore;

/** TLS sockets that trust the certificates of a relay's configured trust store instead of the JDK's authorities. */
final class TrustStoreSockets {
    private TrustStoreSockets() {
    }

    static SSLSocketFactory socketFactory(TrustStore trustStore) {
        char[] password = trustStore.password().map(secret -> secret.reveal().toCharArray()).orElse(new char[0]);
        try {
            // Reading by file lets the JDK recognise PKCS#12 and JKS alike.
            KeyStore keyStore = KeyStore.getInstance(trustStore.file().toFile(), password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the trust store " + trustStore.file() + ": " + e.getMessage(), e);
        }
    }
}
