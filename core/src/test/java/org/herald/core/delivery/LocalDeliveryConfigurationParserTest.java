package org.herald.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.herald.core.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalDeliveryConfigurationParserTest {
    private static final String FILE = "conf/local-delivery.xml";

    private final LocalDeliveryConfigurationParser parser = new LocalDeliveryConfigurationParser();

    private static String localDelivery(String body) {
        return "<?xml version=\"1.0\"?>\n<localDelivery>\n" + body + "\n</localDelivery>\n";
    }

    private InvalidConfigurationException failure(String xml) {
        try {
            parser.parse(xml);
        } catch (InvalidConfigurationException e) {
            assertThat(e.file()).isEqualTo(FILE);
            assertThat(e.getMessage()).startsWith(FILE + ": ").contains(" — fix: ");
            return e;
        }
        throw new AssertionError("expected an InvalidConfigurationException for " + xml);
    }

    @Test
    void theDefaultKeepsMailInTheInboxRepository() {
        assertThat(LocalDeliveryConfiguration.DEFAULT.downstream()).isEmpty();
        assertThat(LocalDeliveryConfiguration.DEFAULT.repositoryUrl()).isEqualTo("file://var/mail/inbox/");
        assertThat(LocalDeliveryConfiguration.DEFAULT_REPOSITORY).isEqualTo("file://var/mail/inbox/");
    }

    @Test
    void anEmptyRootGivesTheDefault() {
        assertThat(parser.parse("<localDelivery/>")).isEqualTo(LocalDeliveryConfiguration.DEFAULT);
        assertThat(parser.parse(localDelivery("<!-- <downstream host=\"dovecot\"/> -->"))).isEqualTo(LocalDeliveryConfiguration.DEFAULT);
    }

    @Test
    void anAbsentFileGivesTheDefault(@TempDir Path conf) {
        assertThat(parser.parse(conf)).isEqualTo(LocalDeliveryConfiguration.DEFAULT);
    }

    @Test
    void aPresentFileIsRead(@TempDir Path conf) throws Exception {
        Files.writeString(conf.resolve("local-delivery.xml"), localDelivery("<downstream host=\"dovecot.internal\" port=\"2525\"/>"));

        assertThat(parser.parse(conf).downstream()).contains(new Downstream("dovecot.internal", 2525));
    }

    @Test
    void aDownstreamDefaultsToPort25() {
        LocalDeliveryConfiguration configuration = parser.parse(localDelivery("<downstream host=\"dovecot.internal\"/>"));

        assertThat(configuration.downstream()).contains(new Downstream("dovecot.internal", 25));
        assertThat(configuration.downstream().orElseThrow().address()).isEqualTo("dovecot.internal:25");
        assertThat(configuration.repositoryUrl()).isEqualTo(LocalDeliveryConfiguration.DEFAULT_REPOSITORY);
    }

    @Test
    void aDownstreamTakesHostAndPort() {
        LocalDeliveryConfiguration configuration = parser.parse(localDelivery("<downstream host=\" 10.0.0.5 \" port=\"587\" protocol=\"smtp\"/>"));

        assertThat(configuration.downstream()).contains(new Downstream("10.0.0.5", 587));
    }

    @Test
    void aDownstreamAndARepositoryMayBothBeGiven() {
        LocalDeliveryConfiguration configuration = parser.parse(
            localDelivery("<repository url=\"file://var/mail/kept/\"/>\n<downstream host=\"dovecot.internal\"/>"));

        assertThat(configuration).isEqualTo(
            new LocalDeliveryConfiguration(Optional.of(new Downstream("dovecot.internal", 25)), "file://var/mail/kept/"));
    }

    @Test
    void lmtpIsRefusedWithAClearMessage() {
        InvalidConfigurationException e = failure(localDelivery("<downstream host=\"dovecot.internal\" port=\"24\" protocol=\"lmtp\"/>"));

        assertThat(e.element()).isEqualTo("<downstream host=\"dovecot.internal\">");
        assertThat(e.problem()).isEqualTo("protocol \"lmtp\" is not supported");
        assertThat(e.fix()).contains("protocol=\"smtp\"", "LMTP is not supported yet");
        assertThat(e).hasMessageStartingWith("conf/local-delivery.xml: <downstream host=\"dovecot.internal\">: protocol \"lmtp\" is not supported — fix: use protocol=\"smtp\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LMTP", "SMTP", "smtps", "", "esmtp"})
    void anyProtocolButSmtpIsRefused(String protocol) {
        InvalidConfigurationException e = failure(localDelivery("<downstream host=\"dovecot.internal\" protocol=\"" + protocol + "\"/>"));

        assertThat(e.problem()).isEqualTo("protocol \"" + protocol + "\" is not supported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<downstream/>", "<downstream host=\"\"/>", "<downstream port=\"25\"/>"})
    void aDownstreamNeedsAHost(String element) {
        InvalidConfigurationException e = failure(localDelivery(element));

        assertThat(e.element()).startsWith("<downstream");
        assertThat(e.problem()).isEqualTo("lacks the required attribute host");
        assertThat(e.fix()).isEqualTo("set host to the mailbox server's host name or IP address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "70000", "-25", ""})
    void aBadDownstreamPortIsRefused(String port) {
        InvalidConfigurationException e = failure(localDelivery("<downstream host=\"dovecot.internal\" port=\"" + port + "\"/>"));

        assertThat(e.element()).isEqualTo("<downstream host=\"dovecot.internal\">");
        assertThat(e.problem()).isEqualTo("port \"" + port + "\" is not a number from 1 to 65535");
    }

    @ParameterizedTest
    @CsvSource({"file://var/mail/inbox/, file://var/mail/inbox/", "file://var/mail/inbox, file://var/mail/inbox/",
        "file://var/mail/other, file://var/mail/other/", "file:///srv/mail/inbox, file:///srv/mail/inbox/"})
    void theRepositoryUrlAlwaysEndsWithASlash(String url, String normalised) {
        assertThat(parser.parse(localDelivery("<repository url=\"" + url + "\"/>")).repositoryUrl()).isEqualTo(normalised);
    }

    @Test
    void theRepositoryUrlIsTrimmed() {
        assertThat(parser.parse(localDelivery("<repository url=\"  file://var/mail/inbox  \"/>")).repositoryUrl())
            .isEqualTo("file://var/mail/inbox/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cassandra://var/mail/inbox/", "memory://var/mail/inbox/", "http://example.com/inbox/", "var/mail/inbox/",
        "/var/mail/inbox/", "file:/var/mail/inbox/", "FILE://var/mail/inbox/"})
    void aNonFileRepositoryIsRefused(String url) {
        InvalidConfigurationException e = failure(localDelivery("<repository url=\"" + url + "\"/>"));

        assertThat(e.element()).isEqualTo("<repository>");
        assertThat(e.problem()).isEqualTo("url \"" + url + "\" is not a file repository");
        assertThat(e.fix()).contains("file://var/mail/inbox/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<repository/>", "<repository url=\"\"/>", "<repository path=\"file://var/mail/inbox/\"/>"})
    void aRepositoryNeedsAUrl(String element) {
        InvalidConfigurationException e = failure(localDelivery(element));

        assertThat(e.problem()).isEqualTo("lacks the required attribute url");
    }

    @Test
    void malformedXmlNamesLineAndColumn() {
        InvalidConfigurationException e = failure("<localDelivery>\n  <downstream host=\"dovecot\">\n</localDelivery>");

        assertThat(e.element()).matches("line 3, column \\d+");
        assertThat(e.problem()).startsWith("is not well-formed XML");
    }

    @Test
    void theWrongRootIsRefused() {
        InvalidConfigurationException e = failure("<local-delivery/>");

        assertThat(e.element()).isEqualTo("<local-delivery>");
        assertThat(e.fix()).contains("<localDelivery>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<downsteam host=\"dovecot\"/>", "<repositories/>", "<mailbox/>"})
    void anUnknownElementIsRefused(String element) {
        InvalidConfigurationException e = failure(localDelivery(element));

        assertThat(e.problem()).isEqualTo("is not a known element here");
        assertThat(e.fix()).isEqualTo("use one of [<downstream>, <repository>] or remove it");
    }

    @Test
    void aDuplicatedDownstreamIsRefused() {
        InvalidConfigurationException e = failure(localDelivery("<downstream host=\"a\"/><downstream host=\"b\"/>"));

        assertThat(e.element()).isEqualTo("<downstream host=\"b\">");
        assertThat(e.problem()).isEqualTo("appears more than once");
    }

    @Test
    void aDuplicatedRepositoryIsRefused() {
        assertThat(failure(localDelivery("<repository url=\"file://var/a/\"/><repository url=\"file://var/b/\"/>")).problem())
            .isEqualTo("appears more than once");
    }

    @Test
    void recordsRefuseNulls() {
        assertThatThrownBy(() -> new LocalDeliveryConfiguration(null, "file://var/x/")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LocalDeliveryConfiguration(Optional.empty(), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Downstream(null, 25)).isInstanceOf(NullPointerException.class);
    }
}
