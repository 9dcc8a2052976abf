package org.herald.core.dkim.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.herald.core.config.InvalidConfigurationException;
import org.herald.core.dkim.DkimAlgorithm;
import org.junit.jupiter.api.Test;

class DkimConfigurationParserTest {
    private static final String KEY = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
    private final DkimConfigurationParser parser = new DkimConfigurationParser(Map.of("HERALD_DKIM_KEK", KEY));

    @Test
    void anEmptyFileMeansTheDefaults() {
        assertThat(parser.parse("<dkim/>")).isEqualTo(DkimConfiguration.DEFAULT);
    }

    @Test
    void readsEveryElement() {
        DkimConfiguration configuration = parser.parse("""
            <dkim>
              <keys selectorPattern="mail{yyyy}{alg}" algorithms="ed25519-sha256" overlap="3d" dnsCheckInterval="1m" refresh="5s"/>
              <privateKeyEncryption keyEnv="HERALD_DKIM_KEK"/>
              <verification authservId="mx.example.com" maxSignatures="3"/>
              <signing provider="java"/>
            </dkim>""");

        assertThat(configuration.naming().pattern()).isEqualTo("mail{yyyy}{alg}");
        assertThat(configuration.algorithms()).isEqualTo(Set.of(DkimAlgorithm.ED25519_SHA256));
        assertThat(configuration.overlap()).isEqualTo(Duration.ofDays(3));
        assertThat(configuration.dnsCheckInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(configuration.keyRefresh()).isEqualTo(Duration.ofSeconds(5));
        assertThat(configuration.keyEncryptionKey().orElseThrow().reveal()).isEqualTo(KEY);
        assertThat(configuration.authservId()).isEqualTo(Optional.of("mx.example.com"));
        assertThat(configuration.maxSignatures()).isEqualTo(3);
        assertThat(configuration.signingProvider()).isEqualTo(DkimConfiguration.SigningProvider.JAVA);
        assertThat(DkimConfiguration.DEFAULT.signingProvider()).isEqualTo(DkimConfiguration.SigningProvider.AUTO);
    }

    @Test
    void mistakesNameTheFileTheElementAndTheFix() {
        assertThatThrownBy(() -> parser.parse("<dkim><keys algorithms=\"rsa-sha1\"/></dkim>"))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageContaining("conf/dkim.xml").hasMessageContaining("<keys>").hasMessageContaining("rsa-sha1")
            .hasMessageContaining("ed25519-sha256");
        assertThatThrownBy(() -> parser.parse("<dkim><keys overlap=\"soon\"/></dkim>")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> parser.parse("<dkim><keys selectorPattern=\"s{yyyy}\"/></dkim>")).hasMessageContaining("{alg}");
        assertThatThrownBy(() -> parser.parse("<dkim><privateKeyEncryption key=\"short\"/></dkim>"))
            .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> parser.parse("<dkim><privateKeyEncryption keyEnv=\"NOT_SET\"/></dkim>"))
            .hasMessageContaining("NOT_SET");
        assertThatThrownBy(() -> parser.parse("<dkim><signer/></dkim>")).hasMessageContaining("is not a known element");
        assertThatThrownBy(() -> parser.parse("<dkim><signing provider=\"openssl\"/></dkim>"))
            .hasMessageContaining("<signing>").hasMessageContaining("openssl").hasMessageContaining("use auto");
    }
}
