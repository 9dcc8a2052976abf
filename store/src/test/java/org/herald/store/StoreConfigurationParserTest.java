package org.herald.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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

class StoreConfigurationParserTest {
    private static final String FILE = "conf/store.xml";
    private static final Map<String, String> ENV = Map.of("HERALD_PG_PASSWORD", "from-env");
    private static final String URL = "jdbc:postgresql://db.example.net:5432/herald";

    @TempDir
    Path temp;
    private Path dataDirectory;
    private ListAppender<ILoggingEvent> log;

    @BeforeEach
    void captureLog() {
        dataDirectory = temp.resolve("var");
        log = new ListAppender<>();
        log.start();
        parserLogger().addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        parserLogger().detachAppender(log);
    }

    private static Logger parserLogger() {
        return (Logger) LoggerFactory.getLogger(StoreConfigurationParser.class);
    }

    private StoreConfiguration parse(String xml) {
        return StoreConfigurationParser.parse(xml, FILE, dataDirectory, ENV);
    }

    private static String postgres(String attributes) {
        return "<store><postgresql url=\"" + URL + "\" user=\"herald\" " + attributes + "/></store>";
    }

    @Test
    void anAbsentFileMeansEmbeddedInTheDataDirectory() {
        StoreConfiguration configuration = StoreConfigurationParser.parse(temp.resolve("conf/store.xml"), dataDirectory, ENV);

        assertThat(configuration).isEqualTo(new StoreConfiguration.Embedded(dataDirectory.resolve("store")));
    }

    @Test
    void anEmptyStoreElementMeansEmbeddedInTheDataDirectory() {
        assertThat(parse("<store/>")).isEqualTo(new StoreConfiguration.Embedded(dataDirectory.resolve("store")));
        assertThat(parse("<store><embedded/></store>")).isEqualTo(new StoreConfiguration.Embedded(dataDirectory.resolve("store")));
    }

    @Test
    void aRelativeEmbeddedDirectoryIsBelowTheDataDirectory() {
        assertThat(parse("<store><embedded directory=\"state/h2\"/></store>"))
            .isEqualTo(new StoreConfiguration.Embedded(dataDirectory.resolve("state/h2")));
    }

    @Test
    void anAbsoluteEmbeddedDirectoryIsKept() {
        assertThat(parse("<store><embedded directory=\"/srv/herald-store\"/></store>"))
            .isEqualTo(new StoreConfiguration.Embedded(Path.of("/srv/herald-store")));
    }

    @Test
    void postgresWithThePasswordFromTheEnvironment() {
        StoreConfiguration configuration = parse(postgres("passwordEnv=\"HERALD_PG_PASSWORD\" poolSize=\"25\""));

        assertThat(configuration).isEqualTo(new StoreConfiguration.Postgres(URL, "herald", Secret.of("from-env"), 25));
        assertThat(configuration.toString()).doesNotContain("from-env");
        assertThat(log.list).isEmpty();
    }

    @Test
    void postgresWithThePasswordFromAFileAndTheDefaultPoolSize() throws Exception {
        Path passwordFile = temp.resolve("pg-password");
        Files.writeString(passwordFile, "from-file\n");

        StoreConfiguration configuration = parse(postgres("passwordFile=\"" + passwordFile + "\""));

        assertThat(configuration).isEqualTo(new StoreConfiguration.Postgres(URL, "herald", Secret.of("from-file"), 10));
    }

    @Test
    void anInlinePasswordWorksButLogsAWarning() {
        StoreConfiguration configuration = parse(postgres("password=\"inline\""));

        assertThat(configuration).isEqualTo(new StoreConfiguration.Postgres(URL, "herald", Secret.of("inline"), 10));
        assertThat(log.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel().toString()).isEqualTo("WARN");
            assertThat(event.getFormattedMessage())
                .startsWith("conf/store.xml: <postgresql>: the password is written inline")
                .contains("passwordEnv")
                .doesNotContain("\"inline\"");
        });
    }

    @Test
    void readsARealFileAndNamesItConfStoreXml() throws Exception {
        Path conf = Files.createDirectories(temp.resolve("conf"));
        Files.writeString(conf.resolve("store.xml"), postgres("poolSize=\"abc\" passwordEnv=\"HERALD_PG_PASSWORD\""));

        assertThatThrownBy(() -> StoreConfigurationParser.parse(conf.resolve("store.xml"), dataDirectory, ENV))
            .hasMessageStartingWith("conf/store.xml: <postgresql>: ");
    }

    @Test
    void loadReadsStoreXmlFromTheConfDirectory() throws Exception {
        Path conf = Files.createDirectories(temp.resolve("conf"));
        Files.writeString(conf.resolve("store.xml"), "<store><embedded directory=\"db\"/></store>");

        assertThat(StoreConfigurationParser.load(conf, dataDirectory))
            .isEqualTo(new StoreConfiguration.Embedded(dataDirectory.resolve("db")));
        assertThat(StoreConfigurationParser.load(temp.resolve("elsewhere"), dataDirectory))
            .isEqualTo(StoreConfiguration.Embedded.defaultIn(dataDirectory));
    }

    @Test
    void aPoolSizeThatIsNotANumber() {
        assertThatThrownBy(() -> parse(postgres("passwordEnv=\"HERALD_PG_PASSWORD\" poolSize=\"abc\"")))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessage("conf/store.xml: <postgresql>: poolSize \"abc\" is not a whole number — fix: use a number from 1 to 200");
    }

    @Test
    void aPoolSizeOutOfRange() {
        assertThatThrownBy(() -> parse(postgres("passwordEnv=\"HERALD_PG_PASSWORD\" poolSize=\"0\"")))
            .hasMessageStartingWith("conf/store.xml: <postgresql>: poolSize 0 is out of range — fix: use a number from 1 to 200");
        assertThatThrownBy(() -> parse(postgres("passwordEnv=\"HERALD_PG_PASSWORD\" poolSize=\"201\"")))
            .hasMessageContaining("poolSize 201 is out of range");
    }

    @Test
    void malformedXmlNamesTheLine() {
        assertThatThrownBy(() -> parse("<store>\n  <embedded directory=\"x\">\n</store>"))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageStartingWith("conf/store.xml: line 3")
            .hasMessageContaining("is not well-formed XML");
    }

    @Test
    void aWrongRootElement() {
        assertThatThrownBy(() -> parse("<stores/>"))
            .hasMessageContaining("conf/store.xml: <stores>: is not the expected root element");
    }

    @Test
    void embeddedAndPostgresqlTogether() {
        assertThatThrownBy(() -> parse("<store><embedded/><postgresql url=\"" + URL + "\" user=\"u\" password=\"p\"/></store>"))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessage("conf/store.xml: <store>: names both <embedded> and <postgresql> — fix: keep only one: "
                + "<embedded> for a store private to this node, <postgresql> for one shared between nodes");
    }

    @Test
    void twoPostgresqlElements() {
        String element = "<postgresql url=\"" + URL + "\" user=\"u\" password=\"p\"/>";
        assertThatThrownBy(() -> parse("<store>" + element + element + "</store>"))
            .hasMessageContaining("<postgresql>: appears more than once");
    }

    @Test
    void anUnknownElement() {
        assertThatThrownBy(() -> parse("<store><mysql/></store>"))
            .hasMessageStartingWith("conf/store.xml: <mysql>: is not a known element here");
    }

    @Test
    void anUnknownAttributeIsATypoNotADefault() {
        assertThatThrownBy(() -> parse(postgres("pasword=\"p\"")))
            .hasMessageStartingWith("conf/store.xml: <postgresql>: has an unknown attribute pasword");
        assertThatThrownBy(() -> parse("<store><embedded dir=\"x\"/></store>"))
            .hasMessageStartingWith("conf/store.xml: <embedded>: has an unknown attribute dir");
    }

    @Test
    void anUnsetEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> parse(postgres("passwordEnv=\"HERALD_PG_PASSWORD_TYPO\"")))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageContaining("conf/store.xml: <postgresql>: passwordEnv names the environment variable "
                + "HERALD_PG_PASSWORD_TYPO, which is not set")
            .hasMessageContaining("export HERALD_PG_PASSWORD_TYPO");
    }

    @Test
    void anUnreadablePasswordFileIsNamed() {
        Path missing = temp.resolve("missing-password");
        assertThatThrownBy(() -> parse(postgres("passwordFile=\"" + missing + "\"")))
            .hasMessageContaining("<postgresql>: passwordFile " + missing + " cannot be read");
    }

    @Test
    void aPasswordIsRequired() {
        assertThatThrownBy(() -> parse(postgres("")))
            .hasMessageStartingWith("conf/store.xml: <postgresql>: has no password — fix: set passwordEnv=");
    }

    @Test
    void onlyOnePasswordSource() {
        assertThatThrownBy(() -> parse(postgres("passwordEnv=\"HERALD_PG_PASSWORD\" password=\"inline\"")))
            .hasMessageContaining("gives the password more than once (passwordEnv, password)");
    }

    @Test
    void urlAndUserAreRequiredAndTheUrlMustBePostgres() {
        assertThatThrownBy(() -> parse("<store><postgresql user=\"u\" password=\"p\"/></store>"))
            .hasMessageContaining("<postgresql>: lacks the required attribute url");
        assertThatThrownBy(() -> parse("<store><postgresql url=\"" + URL + "\" password=\"p\"/></store>"))
            .hasMessageContaining("<postgresql>: lacks the required attribute user");
        assertThatThrownBy(() -> parse("<store><postgresql url=\"jdbc:mysql://db/herald\" user=\"u\" password=\"p\"/></store>"))
            .hasMessageContaining("url \"jdbc:mysql://db/herald\" is not a PostgreSQL JDBC URL");
    }

    @Test
    void anEmptyEmbeddedDirectory() {
        assertThatThrownBy(() -> parse("<store><embedded directory=\"  \"/></store>"))
            .hasMessageStartingWith("conf/store.xml: <embedded>: directory is empty");
    }
}
