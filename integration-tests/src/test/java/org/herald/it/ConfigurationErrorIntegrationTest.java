package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.herald.it.harness.HeraldProcess;
import org.herald.server.HeraldServerMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken configuration stops start-up with one line naming file, element and fix, and exit status 2. */
class ConfigurationErrorIntegrationTest {
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void aSmarthostPortThatIsNotANumberIsReportedWithFileElementAndFix() {
        HeraldProcess herald = HeraldProcess.builder(work)
            .relaysXml("<relays><smarthost host=\"relay.example\" port=\"abc\" tls=\"starttls\"/></relays>")
            .prepare();

        int exit = herald.startExpectingExit(EXIT_TIMEOUT);

        assertThat(exit).isEqualTo(HeraldServerMain.EXIT_BAD_CONFIGURATION);
        assertThat(herald.log())
            .contains("Herald cannot start: conf/relays.xml: <smarthost host=\"relay.example\">: port \"abc\" is not a number from 1 to 65535")
            .contains("fix: set port to a whole number from 1 to 65535");
        assertNoStackTrace(herald.log());
    }

    @Test
    void malformedJamesXmlIsReportedWithItsLine() {
        HeraldProcess herald = HeraldProcess.builder(work)
            .editConf("smtpserver.xml", text -> text.replaceFirst("</jmxName>", "</jmxNam>"))
            .prepare();

        int exit = herald.startExpectingExit(EXIT_TIMEOUT);

        assertThat(exit).isEqualTo(HeraldServerMain.EXIT_BAD_CONFIGURATION);
        assertThat(herald.log()).containsPattern("Herald cannot start: conf/smtpserver.xml: line \\d+, column \\d+: is not well-formed XML");
        assertNoStackTrace(herald.log());
    }

    @Test
    void aWebAdminExposedBeyondLoopbackWithoutJwtIsRefused() {
        HeraldProcess herald = HeraldProcess.builder(work)
            .editConf("webadmin.properties", text -> text.replace("host=127.0.0.1", "host=0.0.0.0"))
            .prepare();

        int exit = herald.startExpectingExit(EXIT_TIMEOUT);

        assertThat(exit).isEqualTo(HeraldServerMain.EXIT_BAD_CONFIGURATION);
        assertThat(herald.log()).contains("conf/webadmin.properties: host=0.0.0.0: exposes WebAdmin")
            .contains("jwt.enabled=true");
    }

    @Test
    void aMissingConfigurationFileIsNamed() throws Exception {
        HeraldProcess herald = HeraldProcess.builder(work).prepare();
        java.nio.file.Files.delete(herald.home().resolve("conf/webadmin.properties"));

        int exit = herald.startExpectingExit(EXIT_TIMEOUT);

        assertThat(exit).isEqualTo(HeraldServerMain.EXIT_BAD_CONFIGURATION);
        assertThat(herald.log()).contains("conf/webadmin.properties: the whole file: is missing");
    }

    private static void assertNoStackTrace(String log) {
        assertThat(log).doesNotContainPattern("(?m)^\\s+at [a-z]+\\.");
    }
}
