package org.herald.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.herald.core.config.InvalidConfigurationException;
import org.herald.core.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class OpenSearchConfigurationParserTest {
    private static final String FILE = "conf/opensearch.xml";
    private static final Map<String, String> ENV = Map.of("HERALD_OPENSEARCH_PASSWORD", "from-env");
    private static final String HOST = "<host url=\"https://search1.example.net:9200\"/>";

    @TempDir
    Path temp;
    private ListAppender<ILoggingEvent> log;

    @BeforeEach
    void captureLog() {
        log = new ListAppender<>();
        log.start();
        parserLogger().addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        parserLogger().detachAppender(log);
    }

    private static Logger parserLogger() {
        return (Logger) LoggerFactory.getLogger(OpenSearchConfigurationParser.class);
    }

    private static Optional<OpenSearchConfiguration> parse(String xml) {
        return OpenSearchConfigurationParser.parse(xml, FILE, ENV);
    }

    private static OpenSearchConfiguration cluster(String xml) {
        return parse(xml).orElseThrow();
    }

    private static void assertRefused(String xml, String element, String problem, String fix) {
        assertThatThrownBy(() -> parse(xml))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                assertThat(e.file()).isEqualTo(FILE);
                assertThat(e.element()).isEqualTo(element);
                assertThat(e.problem()).contains(problem);
                assertThat(e.fix()).contains(fix);
            });
    }

    @Test
    void anAbsentFileOrOneWithoutHostsNamesNoCluster() {
        assertThat(OpenSearchConfigurationParser.parse(temp.resolve("conf/opensearch.xml"), ENV)).isEmpty();
        assertThat(parse("<opensearch/>")).isEmpty();
        assertThat(parse("<opensearch>\n  <!-- <host url=\"http://127.0.0.1:9200\"/> -->\n</opensearch>")).isEmpty();
    }

    @Test
    void oneHostGetsTheDefaults() {
        OpenSearchConfiguration configuration = cluster("<opensearch>" + HOST + "</opensearch>");

        assertThat(configuration).isEqualTo(OpenSearchConfiguration.of(URI.create("https://search1.example.net:9200")));
        assertThat(configuration.indexPrefix()).isEqualTo("herald-dmarc");
        assertThat(configuration.replicas()).isEmpty();
        assertThat(configuration.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(configuration.socketTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(configuration.reportsIndex()).isEqualTo("herald-dmarc-reports");
        assertThat(configuration.recordsIndex()).isEqualTo("herald-dmarc-records");
    }

    @Test
    void everySettingIsRead() {
        OpenSearchConfiguration configuration = cluster("""
            <opensearch indexPrefix="mail.dmarc" replicas="2" connectTimeout="500ms" socketTimeout="30s">
                <host url="https://search1.example.net:9200/"/>
                <host url="http://10.0.0.2:9201"/>
                <credentials username="herald" passwordEnv="HERALD_OPENSEARCH_PASSWORD"/>
            </opensearch>""");

        assertThat(configuration.hosts()).containsExactly(URI.create("https://search1.example.net:9200"), URI.create("http://10.0.0.2:9201"));
        assertThat(configuration.indexPrefix()).isEqualTo("mail.dmarc");
        assertThat(configuration.replicas()).isEqualTo(OptionalInt.of(2));
        assertThat(configuration.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(configuration.socketTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(configuration.credentials()).contains(new OpenSearchConfiguration.Credentials("herald", Secret.of("from-env")));
        assertThat(configuration.toString()).doesNotContain("from-env");
        assertThat(configuration.describe()).isEqualTo("OpenSearch cluster at https://search1.example.net:9200, http://10.0.0.2:9201 "
            + "as herald (indices mail.dmarc-reports, mail.dmarc-records)");
        assertThat(log.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
            .startsWith("conf/opensearch.xml: <credentials>: the password is sent in clear text to the http:// hosts [http://10.0.0.2:9201]");
    }

    @Test
    void replicasAutoIsTheDefault() {
        assertThat(cluster("<opensearch replicas=\"auto\">" + HOST + "</opensearch>").replicas()).isEmpty();
        assertThat(cluster("<opensearch replicas=\"0\">" + HOST + "</opensearch>").replicas()).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void thePasswordComesFromAFileOrInlineWithAWarning() throws Exception {
        Path passwordFile = temp.resolve("opensearch-password");
        Files.writeString(passwordFile, "from-file\n");

        assertThat(cluster("<opensearch>" + HOST + "<credentials username=\"herald\" passwordFile=\"" + passwordFile + "\"/></opensearch>")
            .credentials().orElseThrow().password()).isEqualTo(Secret.of("from-file"));
        assertThat(log.list).isEmpty();
        assertThat(cluster("<opensearch>" + HOST + "<credentials username=\"herald\" password=\"inline\"/></opensearch>")
            .credentials().orElseThrow().password()).isEqualTo(Secret.of("inline"));
        assertThat(log.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
            .startsWith("conf/opensearch.xml: <credentials>: the password is written inline").doesNotContain("\"inline\"");
    }

    @Test
    void aCaFileIsCheckedWhenTheFileIsRead() throws Exception {
        Path ca = TestCertificates.selfSigned(temp).caFile();

        assertThat(cluster("<opensearch>" + HOST + "<tls caFile=\"" + ca + "\"/></opensearch>").caFile()).contains(ca);

        Path notPem = Files.writeString(temp.resolve("not.pem"), "hello");
        assertRefused("<opensearch>" + HOST + "<tls caFile=\"" + notPem + "\"/></opensearch>", "<tls>",
            "caFile " + notPem + " holds no PEM certificate", "-----BEGIN CERTIFICATE-----");
        assertRefused("<opensearch>" + HOST + "<tls caFile=\"" + temp.resolve("absent.pem") + "\"/></opensearch>", "<tls>",
            "caFile " + temp.resolve("absent.pem") + " cannot be read", "readable by the user running Herald");
        assertRefused("<opensearch><host url=\"http://127.0.0.1:9200\"/><tls caFile=\"" + ca + "\"/></opensearch>", "<tls>",
            "caFile is set but no <host> uses https", "https://host:port");
    }

    @Test
    void badHostsAreRefusedWithTheFix() {
        assertRefused("<opensearch><host/></opensearch>", "<host>", "lacks the required attribute url", "https://search.example.net:9200");
        assertRefused("<opensearch><host url=\"search.example.net:9200\"/></opensearch>", "<host>",
            "is not an http or https URL", "https://host:port");
        assertRefused("<opensearch><host url=\"https://search.example.net\"/></opensearch>", "<host>",
            "lacks a host or a port", "OpenSearch listens on 9200");
        assertRefused("<opensearch><host url=\"https://herald:secret@search.example.net:9200\"/></opensearch>", "<host>",
            "carries a user name or password", "<credentials");
        assertRefused("<opensearch><host url=\"https://search.example.net:9200/dmarc\"/></opensearch>", "<host>",
            "has a path, query or fragment", "https://host:port");
        assertRefused("<opensearch><host url=\"https://search.example.net:9200\"/><host url=\"https://search.example.net:9200/\"/></opensearch>",
            "<host>", "names https://search.example.net:9200 twice", "one <host> per node");
        assertRefused("<opensearch><host url=\"https://search.example.net:9200\" port=\"9200\"/></opensearch>", "<host>",
            "has an unknown attribute port", "[url]");
    }

    @Test
    void badSettingsAreRefusedWithTheFix() {
        assertRefused("<opensearch indexPrefix=\"Herald DMARC\">" + HOST + "</opensearch>", "<opensearch>",
            "indexPrefix \"Herald DMARC\" cannot start an OpenSearch index name", "lowercase letters");
        assertRefused("<opensearch indexPrefix=\"_herald\">" + HOST + "</opensearch>", "<opensearch>",
            "cannot start an OpenSearch index name", "starting with a letter or digit");
        assertRefused("<opensearch replicas=\"two\">" + HOST + "</opensearch>", "<opensearch>",
            "replicas \"two\" is neither auto nor a number from 0 to 10", "auto");
        assertRefused("<opensearch socketTimeout=\"ten\">" + HOST + "</opensearch>", "<opensearch>",
            "socketTimeout \"ten\" is not a duration", "30s");
        assertRefused("<opensearch connectTimout=\"2s\">" + HOST + "</opensearch>", "<opensearch>",
            "has an unknown attribute connectTimout", "connectTimeout");
        assertRefused("<opensearch>" + HOST + "<hosts/></opensearch>", "<hosts>", "is not a known element here", "<host>");
        assertRefused("<opensearch indexPrefix=\"dmarc\"></opensearch>", "<opensearch>",
            "has settings but no <host>", "add <host url=");
    }

    @Test
    void badCredentialsAreRefusedWithTheFix() {
        assertRefused("<opensearch>" + HOST + "<credentials passwordEnv=\"HERALD_OPENSEARCH_PASSWORD\"/></opensearch>", "<credentials>",
            "lacks the required attribute username", "username");
        assertRefused("<opensearch>" + HOST + "<credentials username=\"herald\"/></opensearch>", "<credentials>",
            "has no password", "passwordEnv");
        assertRefused("<opensearch>" + HOST + "<credentials username=\"herald\" password=\"a\" passwordEnv=\"HERALD_OPENSEARCH_PASSWORD\"/></opensearch>",
            "<credentials>", "gives the password more than once (passwordEnv, password)", "exactly one");
        assertRefused("<opensearch>" + HOST + "<credentials username=\"herald\" passwordEnv=\"UNSET\"/></opensearch>", "<credentials>",
            "passwordEnv names the environment variable UNSET, which is not set", "export UNSET");
        assertRefused("<opensearch>" + HOST + "<credentials username=\"a\" password=\"b\"/><credentials username=\"a\" password=\"b\"/></opensearch>",
            "<credentials>", "appears more than once", "a single <credentials>");
    }

    @Test
    void aRealFileIsNamedConfOpensearchXml() throws Exception {
        Path conf = Files.createDirectories(temp.resolve("conf"));
        Files.writeString(conf.resolve("opensearch.xml"), "<opensearch><host url=\"ftp://x:21\"/></opensearch>");

        assertThatThrownBy(() -> OpenSearchConfigurationParser.load(conf, ENV))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessage("conf/opensearch.xml: <host>: url \"ftp://x:21\" is not an http or https URL — fix: write it as "
                + "http://host:port or https://host:port, e.g. https://search.example.net:9200");
    }

    @Test
    void theRecordRefusesWhatTheParserWouldNeverBuild() {
        assertThatThrownBy(() -> new OpenSearchConfiguration(List.of(), Optional.empty(), Optional.empty(), "x",
            OptionalInt.empty(), Duration.ofSeconds(1), Duration.ofSeconds(1))).hasMessageContaining("at least one host");
        assertThatThrownBy(() -> OpenSearchConfiguration.of(URI.create("https://a:9200")).withIndexPrefix("A"))
            .hasMessageContaining("not a usable index name prefix");
        assertThatThrownBy(() -> OpenSearchConfiguration.of(URI.create("https://a:9200")).withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
            .hasMessageContaining("timeouts must be positive");
    }
}
