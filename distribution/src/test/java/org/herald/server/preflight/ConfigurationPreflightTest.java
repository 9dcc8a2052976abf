package org.herald.server.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.herald.core.config.InvalidConfigurationException;
import org.herald.server.layout.HeraldLayout;
import org.herald.server.tls.TlsKeystoreReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigurationPreflightTest {
    /** The conf/ directory Herald ships, relative to the distribution module. */
    private static final Path SHIPPED_CONF = Path.of("..", "conf");
    private static final TlsKeystoreReference SHIPPED_KEYSTORE = new TlsKeystoreReference("file://var/tls/keystore.p12", "herald-generated");

    @TempDir
    Path home;

    private HeraldLayout layout;
    private Path conf;

    @BeforeEach
    void copyShippedConf() throws IOException {
        conf = home.resolve("conf");
        Files.createDirectories(conf);
        try (Stream<Path> files = Files.list(SHIPPED_CONF)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, conf.resolve(file.getFileName().toString()));
            }
        }
        layout = new HeraldLayout(home, conf, home.resolve("var"));
    }

    private List<TlsKeystoreReference> check() {
        return new ConfigurationPreflight(layout).check();
    }

    private InvalidConfigurationException failure() {
        try {
            check();
        } catch (InvalidConfigurationException e) {
            assertThat(e.getMessage()).contains(" — fix: ");
            return e;
        }
        throw new AssertionError("expected the preflight to refuse the configuration");
    }

    static List<String> shippedXmlFiles() throws IOException {
        try (Stream<Path> files = Files.list(SHIPPED_CONF)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".xml")).sorted().toList();
        }
    }

    static List<String> requiredFiles() {
        return ConfigurationPreflight.REQUIRED_FILES;
    }

    @Nested
    class ShippedConfiguration {
        @Test
        void passesAndReturnsOneKeystorePerTlsListener() {
            assertThat(check()).containsExactly(SHIPPED_KEYSTORE, SHIPPED_KEYSTORE, SHIPPED_KEYSTORE);
        }

        @Test
        void holdsEveryRequiredFile() {
            assertThat(requiredFiles()).allSatisfy(name -> assertThat(SHIPPED_CONF.resolve(name)).isRegularFile());
        }

        @Test
        void doesNotWriteAnything() throws IOException {
            check();

            assertThat(home.resolve("var")).doesNotExist();
            try (Stream<Path> files = Files.list(conf)) {
                assertThat(files.count()).isEqualTo(countShipped());
            }
        }

        private long countShipped() throws IOException {
            try (Stream<Path> files = Files.list(SHIPPED_CONF)) {
                return files.filter(Files::isRegularFile).count();
            }
        }

        @Test
        void herald_sOwnFilesAreOptional() throws IOException {
            Files.delete(conf.resolve("relays.xml"));
            Files.delete(conf.resolve("local-delivery.xml"));

            assertThat(check()).hasSize(3);
        }
    }

    @Nested
    class MissingFiles {
        @Test
        void aMissingConfDirectoryIsRefused() {
            layout = new HeraldLayout(home, home.resolve("absent"), home.resolve("var"));

            InvalidConfigurationException e = failure();

            assertThat(e.file()).isEqualTo(home.resolve("absent").toString());
            assertThat(e.problem()).isEqualTo("does not exist");
            assertThat(e.fix()).contains("-Dherald.conf=");
        }

        @Test
        void aConfPathThatIsAFileIsRefused() throws IOException {
            Path file = Files.writeString(home.resolve("conf-file"), "");
            layout = new HeraldLayout(home, file, home.resolve("var"));

            assertThat(failure().problem()).isEqualTo("does not exist");
        }

        @ParameterizedTest
        @MethodSource("org.herald.server.preflight.ConfigurationPreflightTest#requiredFiles")
        void aMissingRequiredFileIsRefusedByName(String name) throws IOException {
            Files.delete(conf.resolve(name));

            InvalidConfigurationException e = failure();

            assertThat(e.file()).isEqualTo("conf/" + name);
            assertThat(e.element()).isEqualTo("the whole file");
            assertThat(e.problem()).isEqualTo("is missing");
            assertThat(e.fix()).contains("conf/");
            assertThat(e).hasMessageStartingWith("conf/" + name + ": ");
        }
    }

    @Nested
    class MalformedXml {
        @ParameterizedTest
        @MethodSource("org.herald.server.preflight.ConfigurationPreflightTest#shippedXmlFiles")
        void aTruncatedFileIsRefusedNamingItAndTheLine(String name) throws IOException {
            String text = Files.readString(conf.resolve(name));
            Files.writeString(conf.resolve(name), text.substring(0, text.length() / 2));

            InvalidConfigurationException e = failure();

            assertThat(e.file()).isEqualTo("conf/" + name);
            assertThat(e.element()).matches("line \\d+, column \\d+");
            assertThat(e.problem()).startsWith("is not well-formed XML");
        }

        @Test
        void aTruncatedSmtpserverXmlIsNamedWithTheLine() throws IOException {
            List<String> lines = Files.readAllLines(conf.resolve("smtpserver.xml"));
            int kept = lines.indexOf(lines.stream().filter(line -> line.contains("<jmxName>submission</jmxName>")).findFirst().orElseThrow()) + 1;
            Files.writeString(conf.resolve("smtpserver.xml"), String.join("\n", lines.subList(0, kept)));

            InvalidConfigurationException e = failure();

            assertThat(e.getMessage()).startsWith("conf/smtpserver.xml: line " + kept + ", column ");
            assertThat(e.fix()).isEqualTo("correct the XML syntax at that position");
        }

        @Test
        void aMismatchedTagIsReportedAtItsLine() throws IOException {
            List<String> lines = Files.readAllLines(conf.resolve("smtpserver.xml"));
            int index = lines.indexOf("        <connectionLimit>500</connectionLimit>");
            assertThat(index).isNotNegative();
            lines.set(index, "        <connectionLimit>500</connectionLimt>");
            Files.write(conf.resolve("smtpserver.xml"), lines);

            InvalidConfigurationException e = failure();

            assertThat(e.file()).isEqualTo("conf/smtpserver.xml");
            assertThat(e.element()).startsWith("line " + (index + 1) + ", column ");
        }

        @Test
        void anyXmlFileInConfIsChecked() throws IOException {
            Files.writeString(conf.resolve("extra.xml"), "<extra>\n<unclosed>\n</extra>\n");

            InvalidConfigurationException e = failure();

            assertThat(e.file()).isEqualTo("conf/extra.xml");
            assertThat(e.element()).startsWith("line 3, column ");
        }

        @Test
        void anEmptyXmlFileIsRefused() throws IOException {
            Files.writeString(conf.resolve("domainlist.xml"), "");

            assertThat(failure().file()).isEqualTo("conf/domainlist.xml");
        }

        @Test
        void nonXmlFilesAreNotParsedAsXml() throws IOException {
            Files.writeString(conf.resolve("notes.txt"), "<not xml");

            assertThat(check()).hasSize(3);
        }

        @Test
        void aDoctypeIsRefused() throws IOException {
            Files.writeString(conf.resolve("dns.xml"),
                "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<dns>&e;</dns>\n");

            InvalidConfigurationException e = failure();

            assertThat(e.file()).isEqualTo("conf/dns.xml");
            assertThat(e.element()).startsWith("line 2, column ");
        }

        @Test
        void aLeftoverDnsserviceXmlIsRefusedWithWhereItsSettingsNowLive() throws IOException {
            Files.writeString(conf.resolve("dnsservice.xml"), "<dnsservice><servers><server>192.0.2.53</server></servers></dnsservice>");

            InvalidConfigurationException e = failure();

            assertThat(e.file()).isEqualTo("conf/dnsservice.xml");
            assertThat(e.getMessage()).contains("conf/dns.xml").contains("<resolver address=");
        }
    }

    @Nested
    class WebAdminExposure {
        private void webadmin(String properties) throws IOException {
            Files.writeString(conf.resolve("webadmin.properties"), properties);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.10", "0.0.0.0  "})
        void aNonLoopbackHostWithoutJwtIsRefused(String host) throws IOException {
            webadmin("enabled=true\nhost=" + host + "\nport=8000\njwt.enabled=false\n");

            InvalidConfigurationException e = failure();

            assertThat(e.file()).isEqualTo("conf/webadmin.properties");
            assertThat(e.element()).isEqualTo("host=" + host.trim());
            assertThat(e.problem()).contains("beyond loopback without authentication");
            assertThat(e.fix()).contains("host=127.0.0.1", "jwt.enabled=true");
        }

        @Test
        void aMissingJwtSettingMeansNoJwt() throws IOException {
            webadmin("enabled=true\nhost=0.0.0.0\n");

            assertThat(failure().element()).isEqualTo("host=0.0.0.0");
        }

        @Test
        void aNonLoopbackHostWithJwtPasses() throws IOException {
            webadmin("enabled=true\nhost=0.0.0.0\nport=8000\njwt.enabled=true\njwt.publickeypem.url=file://conf/jwt_publickey\n");

            assertThat(check()).hasSize(3);
        }

        @Test
        void jwtWithoutAPublicKeyIsRefused() throws IOException {
            webadmin("enabled=true\nhost=0.0.0.0\nport=8000\njwt.enabled=true\n");

            assertThat(failure().problem()).isEqualTo("has no key to verify tokens with");
        }

        @Test
        void aDisabledWebAdminMayNameAnyHost() throws IOException {
            webadmin("enabled=false\nhost=0.0.0.0\njwt.enabled=false\n");

            assertThat(check()).hasSize(3);
        }

        @Test
        void withoutEnabledWebAdminIsOffAsInJames() throws IOException {
            webadmin("host=0.0.0.0\n");

            assertThat(check()).hasSize(3);
        }

        @ParameterizedTest
        @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "localhost"})
        void loopbackHostsPassWithoutJwt(String host) throws IOException {
            webadmin("enabled=true\nhost=" + host + "\njwt.enabled=false\n");

            assertThat(check()).hasSize(3);
        }

        @Test
        void theDefaultHostIsLoopback() throws IOException {
            webadmin("enabled=true\nport=8000\n");

            assertThat(check()).hasSize(3);
        }

        @ParameterizedTest
        @ValueSource(strings = {"yes", "on", "TRUE", "True", "1", "y"})
        void enabledIsReadAsJamesReadsIt(String enabled) throws IOException {
            // James reads webadmin.properties with commons-configuration, which takes all of these for true.
            webadmin("enabled=" + enabled + "\nhost=0.0.0.0\njwt.enabled=false\n");

            assertThat(failure().element()).isEqualTo("host=0.0.0.0");
        }

        @ParameterizedTest
        @ValueSource(strings = {"yes", "on", "TRUE", "1"})
        void jwtEnabledIsReadAsJamesReadsIt(String jwt) throws IOException {
            webadmin("enabled=true\nhost=0.0.0.0\njwt.enabled=" + jwt + "\njwt.publickeypem.url=file://conf/jwt_publickey\n");

            assertThat(check()).hasSize(3);
        }

        @Test
        void aValueThatIsNotABooleanIsRefused() throws IOException {
            webadmin("enabled=maybe\nhost=127.0.0.1\n");

            InvalidConfigurationException e = failure();

            assertThat(e.file()).isEqualTo("conf/webadmin.properties");
            assertThat(e.element()).isEqualTo("enabled=maybe");
        }

        @Test
        void anUnreadableFileIsRefused() throws IOException {
            Files.delete(conf.resolve("webadmin.properties"));
            Files.createDirectory(conf.resolve("webadmin.properties"));

            InvalidConfigurationException e = failure();

            assertThat(e.file()).isEqualTo("conf/webadmin.properties");
            assertThat(e.problem()).startsWith("cannot be read");
        }
    }

    @Nested
    class TlsListeners {
        private void replaceInSmtpserver(String from, String to, int count) throws IOException {
            Path file = conf.resolve("smtpserver.xml");
            String text = Files.readString(file);
            String replaced = text;
            for (int i = 0; i < count; i++) {
                int at = replaced.indexOf(from);
                assertThat(at).as("smtpserver.xml contains " + from).isNotNegative();
                replaced = replaced.substring(0, at) + to + replaced.substring(at + from.length());
            }
            Files.writeString(file, replaced);
        }

        @Test
        void aDisabledListenerNeedsNoKeystore() throws IOException {
            replaceInSmtpserver("<smtpserver enabled=\"true\">", "<smtpserver enabled=\"false\">", 1);

            assertThat(check()).hasSize(2);
        }

        @Test
        void aListenerWithoutEnabledIsEnabledAsInJames() throws IOException {
            replaceInSmtpserver("<smtpserver enabled=\"true\">", "<smtpserver>", 3);

            assertThat(check()).hasSize(3);
        }

        @Test
        void aListenerWithTlsOffNeedsNoKeystore() throws IOException {
            replaceInSmtpserver("<tls socketTLS=\"false\" startTLS=\"true\">", "<tls socketTLS=\"false\" startTLS=\"false\">", 2);

            assertThat(check()).containsExactly(SHIPPED_KEYSTORE);
        }

        @Test
        void theKeystoreAndSecretAreReturnedAsWritten() throws IOException {
            replaceInSmtpserver("<keystore>file://var/tls/keystore.p12</keystore>", "<keystore>  file:///etc/herald/mx.p12\n  </keystore>", 1);
            replaceInSmtpserver("<secret>herald-generated</secret>", "<secret>changeit</secret>", 1);

            assertThat(check()).containsExactly(new TlsKeystoreReference("file:///etc/herald/mx.p12", "changeit"), SHIPPED_KEYSTORE,
                SHIPPED_KEYSTORE);
        }

        @Test
        void aTlsListenerWithoutKeystoreIsRefused() throws IOException {
            replaceInSmtpserver("<keystore>file://var/tls/keystore.p12</keystore>", "", 1);

            InvalidConfigurationException e = failure();

            assertThat(e.file()).isEqualTo("conf/smtpserver.xml");
            assertThat(e.element()).isEqualTo("<tls>");
            assertThat(e.problem()).isEqualTo("enables TLS but has no <keystore>");
        }

        @Test
        void aTlsListenerWithAnEmptySecretIsRefused() throws IOException {
            replaceInSmtpserver("<secret>herald-generated</secret>", "<secret> </secret>", 1);

            InvalidConfigurationException e = failure();

            assertThat(e.file()).isEqualTo("conf/smtpserver.xml");
            assertThat(e.problem()).isEqualTo("enables TLS but has no <secret>");
        }

        @Test
        void aBadTlsFlagIsRefused() throws IOException {
            replaceInSmtpserver("startTLS=\"true\"", "startTLS=\"maybe\"", 1);

            InvalidConfigurationException e = failure();

            assertThat(e.file()).isEqualTo("conf/smtpserver.xml");
            assertThat(e.problem()).isEqualTo("startTLS \"maybe\" is not true or false");
        }
    }
}
