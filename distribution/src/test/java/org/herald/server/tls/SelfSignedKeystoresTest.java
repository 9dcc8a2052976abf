package org.herald.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.herald.core.config.InvalidConfigurationException;
import org.herald.server.layout.HeraldLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedKeystoresTest {
    private static final String SECRET = "herald-generated";
    private static final TlsKeystoreReference SHIPPED = new TlsKeystoreReference("file://var/tls/keystore.p12", SECRET);

    @TempDir
    Path home;

    private HeraldLayout layout;
    private SelfSignedKeystores keystores;

    @BeforeEach
    void setUp() {
        layout = new HeraldLayout(home, home.resolve("conf"), home.resolve("var"));
        keystores = new SelfSignedKeystores(layout);
    }

    private static KeyStore load(Path file, String secret) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, secret.toCharArray());
        }
        return store;
    }

    @Test
    void generatesALoadablePkcs12KeystoreBelowTheDataDirectory() throws Exception {
        keystores.ensure(SHIPPED);

        Path file = home.resolve("var/tls/keystore.p12");
        assertThat(file).isRegularFile();
        KeyStore store = load(file, SECRET);
        assertThat(Collections.list(store.aliases())).hasSize(1);
        String alias = store.aliases().nextElement();
        assertThat(store.isKeyEntry(alias)).isTrue();
    }

    @Test
    void theKeyIsAnRsa2048PrivateKeyMatchingTheCertificate() throws Exception {
        keystores.ensure(SHIPPED);

        KeyStore store = load(home.resolve("var/tls/keystore.p12"), SECRET);
        String alias = store.aliases().nextElement();
        Key key = store.getKey(alias, SECRET.toCharArray());
        X509Certificate certificate = (X509Certificate) store.getCertificate(alias);

        assertThat(key).isInstanceOf(PrivateKey.class).isInstanceOf(RSAPrivateKey.class);
        assertThat(((RSAPrivateKey) key).getModulus().bitLength()).isEqualTo(2048);
        assertThat(certificate.getPublicKey()).isInstanceOf(RSAPublicKey.class);
        assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus()).isEqualTo(((RSAPrivateKey) key).getModulus());
    }

    @Test
    void theCertificateIsASelfSignedX509ValidNow() throws Exception {
        keystores.ensure(SHIPPED);

        KeyStore store = load(home.resolve("var/tls/keystore.p12"), SECRET);
        String alias = store.aliases().nextElement();
        Certificate[] chain = store.getCertificateChain(alias);
        assertThat(chain).hasSize(1);
        assertThat(chain[0]).isInstanceOf(X509Certificate.class);
        X509Certificate certificate = (X509Certificate) chain[0];

        certificate.checkValidity();
        Instant now = Instant.now();
        assertThat(certificate.getNotBefore().toInstant()).isBefore(now);
        assertThat(certificate.getNotAfter().toInstant()).isAfter(now.plus(Duration.ofDays(365)));
        assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
        assertThat(certificate.getSubjectX500Principal().getName()).startsWith("CN=");
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getSigAlgName()).isEqualToIgnoringCase("SHA256withRSA");
    }

    @Test
    void theCertificateNamesLocalhost() throws Exception {
        keystores.ensure(SHIPPED);

        KeyStore store = load(home.resolve("var/tls/keystore.p12"), SECRET);
        X509Certificate certificate = (X509Certificate) store.getCertificate(store.aliases().nextElement());

        assertThat(certificate.getSubjectAlternativeNames())
            .contains(List.of(2, "localhost"));
    }

    @Test
    void theKeystoreIsOnlyReadableByItsOwner() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");

        keystores.ensure(SHIPPED);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("var/tls/keystore.p12"))))
            .isEqualTo("rw-------");
    }

    @Test
    void leavesNoTemporaryFileBehind() throws Exception {
        keystores.ensure(SHIPPED);

        try (Stream<Path> files = Files.list(home.resolve("var/tls"))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("keystore.p12");
        }
    }

    @Test
    void theSecretIsTheOneConfigured() throws Exception {
        keystores.ensure(new TlsKeystoreReference("file://var/tls/other.p12", "s3cret"));

        Path file = home.resolve("var/tls/other.p12");
        assertThat(load(file, "s3cret").size()).isEqualTo(1);
        assertThatThrownBy(() -> load(file, SECRET)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void createsMissingDirectoriesBelowTheDataDirectory() throws Exception {
        keystores.ensure(new TlsKeystoreReference("file://var/a/b/c/keystore.p12", SECRET));

        assertThat(home.resolve("var/a/b/c/keystore.p12")).isRegularFile();
    }

    @Test
    void anAbsoluteLocationBelowTheDataDirectoryIsGenerated() throws Exception {
        Path file = home.resolve("var/tls/absolute.p12");

        keystores.ensure(new TlsKeystoreReference("file://" + file, SECRET));

        assertThat(load(file, SECRET).size()).isEqualTo(1);
    }

    @Test
    void doesNotOverwriteAnExistingKeystore() throws Exception {
        Path file = home.resolve("var/tls/keystore.p12");
        Files.createDirectories(file.getParent());
        byte[] operatorsKeystore = {1, 2, 3, 4};
        Files.write(file, operatorsKeystore);

        keystores.ensure(SHIPPED);

        assertThat(Files.readAllBytes(file)).isEqualTo(operatorsKeystore);
    }

    @Test
    void aSecondEnsureKeepsTheFirstCertificate() throws Exception {
        keystores.ensure(SHIPPED);
        Path file = home.resolve("var/tls/keystore.p12");
        byte[] first = Files.readAllBytes(file);

        keystores.ensure(SHIPPED);
        keystores.ensure(SHIPPED);

        assertThat(Files.readAllBytes(file)).isEqualTo(first);
    }

    @Test
    void anExistingKeystoreOutsideTheDataDirectoryIsLeftAlone() throws Exception {
        Path file = Files.createDirectories(home.resolve("conf")).resolve("keystore.p12");
        Files.write(file, new byte[] {9});

        keystores.ensure(new TlsKeystoreReference("file://conf/keystore.p12", SECRET));

        assertThat(Files.readAllBytes(file)).containsExactly(9);
    }

    @Test
    void refusesAMissingKeystoreOutsideTheDataDirectory() {
        Path elsewhere = home.resolve("elsewhere/keystore.p12");

        assertThatThrownBy(() -> keystores.ensure(new TlsKeystoreReference("file://" + elsewhere, SECRET)))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                assertThat(e.file()).isEqualTo("conf/smtpserver.xml");
                assertThat(e.element()).isEqualTo("<keystore>");
                assertThat(e.problem()).isEqualTo("names " + elsewhere + ", which does not exist");
                assertThat(e.fix()).contains("file://var/");
            });
        assertThat(elsewhere).doesNotExist();
        assertThat(elsewhere.getParent()).doesNotExist();
    }

    @Test
    void refusesAMissingKeystoreInTheConfDirectory() {
        assertThatThrownBy(() -> keystores.ensure(new TlsKeystoreReference("file://conf/keystore.p12", SECRET)))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageContaining(home.resolve("conf/keystore.p12").toString());
        assertThat(home.resolve("conf/keystore.p12")).doesNotExist();
    }

    @Test
    void refusesAMissingKeystoreThatOnlySeemsToBeBelowTheDataDirectory() {
        assertThatThrownBy(() -> keystores.ensure(new TlsKeystoreReference("file://var/../conf/keystore.p12", SECRET)))
            .isInstanceOf(InvalidConfigurationException.class);
        assertThat(home.resolve("conf/keystore.p12")).doesNotExist();
    }

    @Test
    void refusesADataDirectorySiblingSharingItsPrefix() {
        Path sibling = home.resolve("var-old/keystore.p12");

        assertThatThrownBy(() -> keystores.ensure(new TlsKeystoreReference("file://" + sibling, SECRET)))
            .isInstanceOf(InvalidConfigurationException.class);
        assertThat(sibling).doesNotExist();
    }
}
