package org.herald.server.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.herald.core.config.InvalidConfigurationException;
import org.herald.server.layout.HeraldLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the TLS listeners a certificate on first start when the operator has not configured one, so STARTTLS and
 * implicit TLS work out of the box. Only keystores below the data directory are generated: a missing keystore the
 * operator pointed elsewhere is their mistake to hear about, not to paper over.
 */
public final class SelfSignedKeystores {
    private static final Logger LOGGER = LoggerFactory.getLogger(SelfSignedKeystores.class);
    private static final Duration VALIDITY = Duration.ofDays(825);

    private final HeraldLayout layout;

    public SelfSignedKeystores(HeraldLayout layout) {
        this.layout = layout;
    }

    public void ensure(TlsKeystoreReference reference) {
        // Normalised so that file://var/../conf/x.p12 is not mistaken for a path below the data directory.
        Path keystore = reference.resolve(layout).normalize();
        if (Files.exists(keystore)) {
            return;
        }
        if (!keystore.startsWith(layout.dataDirectory())) {
            throw new InvalidConfigurationException("conf/smtpserver.xml", "<keystore>",
                "names " + keystore + ", which does not exist",
                "create that keystore, or point <keystore> below the data directory (file://var/...) to let Herald generate a self-signed one");
        }
        try {
            generate(keystore, reference.secret());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate a self-signed TLS keystore at " + keystore + ": " + e.getMessage(), e);
        }
        LOGGER.warn("No TLS certificate was configured: generated a self-signed one in {}. Clients will not trust it; "
            + "put a real certificate in that keystore (or point <keystore> in conf/smtpserver.xml at yours).", keystore);
    }

    private static void generate(Path keystore, String secret) throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keyPair = generator.generateKeyPair();
        String hostname = localHostname();
        X500Name subject = new X500Name("CN=" + hostname);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
            new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)),
            subject, keyPair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, hostname), new GeneralName(GeneralName.dNSName, "localhost")}));
        X509Certificate certificate = new JcaX509CertificateConverter()
            .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("herald", keyPair.getPrivate(), secret.toCharArray(), new X509Certificate[] {certificate});
        Files.createDirectories(keystore.getParent());
        Path temporary = keystore.resolveSibling(keystore.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        createOwnerOnly(temporary);
        try (OutputStream out = Files.newOutputStream(temporary)) {
            store.store(out, secret.toCharArray());
        }
        Files.move(temporary, keystore, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Created owner-only before the private key is written, so it is never readable by others, even briefly. */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
