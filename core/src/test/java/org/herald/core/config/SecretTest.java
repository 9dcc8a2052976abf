package org.herald.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class SecretTest {
    @TempDir
    Path directory;

    @Test
    void revealsItsValue() {
        assertThat(Secret.of("s3cret").reveal()).isEqualTo("s3cret");
    }

    @Test
    void toStringNeverShowsTheValue() {
        assertThat(Secret.of("s3cret").toString()).isEqualTo("*****").doesNotContain("s3cret");
        assertThat(String.valueOf(Secret.of("s3cret"))).doesNotContain("s3cret");
    }

    @Test
    void equalityFollowsTheValue() {
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).hasSameHashCodeAs(Secret.of("a"));
        assertThat(Secret.of("a")).isNotEqualTo(Secret.of("b"));
        assertThat(Secret.of("a")).isNotEqualTo("a");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void readsTheEnvironmentVariableNamedByPrefixEnv() {
        Element element = element("<e passwordEnv=\"RELAY_PW\"/>");

        assertThat(Secret.fromAttributes(file, element, "password", Map.of("RELAY_PW", "from-env")))
            .contains(Secret.of("from-env"));
    }

    @Test
    void anUnsetEnvironmentVariableIsAnErrorNamingIt() {
        Element element = element("<e passwordEnv=\"RELAY_PW\"/>");

        assertThatThrownBy(() -> Secret.fromAttributes(file, element, "password", Map.of("OTHER", "x")))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                assertThat(e.file()).isEqualTo("conf/test.xml");
                assertThat(e.element()).isEqualTo("<e>");
                assertThat(e.problem()).contains("passwordEnv", "RELAY_PW", "not set");
                assertThat(e.fix()).contains("export RELAY_PW", "passwordFile");
            });
    }

    @Test
    void anEmptyEnvironmentVariableCountsAsUnset() {
        Element element = element("<e passwordEnv=\"RELAY_PW\"/>");

        assertThatThrownBy(() -> Secret.fromAttributes(file, element, "password", Map.of("RELAY_PW", "")))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageContaining("RELAY_PW");
    }

    @Test
    void readsAndStripsTheFileNamedByPrefixFile() throws Exception {
        Path secretFile = directory.resolve("pw");
        Files.writeString(secretFile, "  from-file\n", StandardCharsets.UTF_8);
        Element element = element("<e passwordFile=\"" + secretFile + "\"/>");

        assertThat(Secret.fromAttributes(file, element, "password", Map.of())).contains(Secret.of("from-file"));
    }

    @Test
    void aMissingFileIsAnErrorNamingIt() {
        Path missing = directory.resolve("absent");
        Element element = element("<e passwordFile=\"" + missing + "\"/>");

        assertThatThrownBy(() -> Secret.fromAttributes(file, element, "password", Map.of()))
            .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                assertThat(e.problem()).contains("passwordFile", missing.toString(), "cannot be read");
                assertThat(e.fix()).contains("passwordFile");
            });
    }

    @Test
    void readsTheInlineValueLast() {
        Element element = element("<e password=\"inline\"/>");

        assertThat(Secret.fromAttributes(file, element, "password", Map.of())).contains(Secret.of("inline"));
    }

    @Test
    void environmentWinsOverFileAndInline() throws Exception {
        Path secretFile = directory.resolve("pw");
        Files.writeString(secretFile, "from-file");
        Element element = element("<e passwordEnv=\"PW\" passwordFile=\"" + secretFile + "\" password=\"inline\"/>");

        assertThat(Secret.fromAttributes(file, element, "password", Map.of("PW", "from-env"))).contains(Secret.of("from-env"));
    }

    @Test
    void fileWinsOverInline() throws Exception {
        Path secretFile = directory.resolve("pw");
        Files.writeString(secretFile, "from-file");
        Element element = element("<e passwordFile=\"" + secretFile + "\" password=\"inline\"/>");

        assertThat(Secret.fromAttributes(file, element, "password", Map.of())).contains(Secret.of("from-file"));
    }

    @Test
    void noAttributeMeansNoSecret() {
        Element element = element("<e/>");

        assertThat(Secret.fromAttributes(file, element, "password", Map.of("PW", "x"))).isEmpty();
    }

    @Test
    void usesThePrefixGiven() {
        Element element = element("<e keyEnv=\"K\" passwordEnv=\"P\"/>");

        assertThat(Secret.fromAttributes(file, element, "key", Map.of("K", "k", "P", "p"))).contains(Secret.of("k"));
    }

    private XmlConfigFile file;

    private Element element(String xml) {
        file = XmlConfigFile.parse("<root>" + xml + "</root>", "conf/test.xml", "root");
        return file.children(file.root(), "e").get(0);
    }
}
