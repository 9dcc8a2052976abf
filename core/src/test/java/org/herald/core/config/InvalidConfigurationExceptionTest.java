package org.herald.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InvalidConfigurationExceptionTest {
    @Test
    void messageNamesFileElementProblemAndFix() {
        InvalidConfigurationException e = new InvalidConfigurationException("conf/relays.xml", "<smarthost host=\"relay.example\">",
            "port \"abc\" is not a number", "set port to a number");

        assertThat(e).hasMessage("conf/relays.xml: <smarthost host=\"relay.example\">: port \"abc\" is not a number — fix: set port to a number");
    }

    @Test
    void exposesEachPart() {
        InvalidConfigurationException e = new InvalidConfigurationException("f", "e", "p", "x");

        assertThat(e.file()).isEqualTo("f");
        assertThat(e.element()).isEqualTo("e");
        assertThat(e.problem()).isEqualTo("p");
        assertThat(e.fix()).isEqualTo("x");
    }

    @Test
    void isARuntimeExceptionWithoutCause() {
        InvalidConfigurationException e = new InvalidConfigurationException("f", "e", "p", "x");

        assertThat(e).isInstanceOf(RuntimeException.class).hasNoCause();
    }

    @Test
    void refusesNullParts() {
        assertThatThrownBy(() -> new InvalidConfigurationException(null, "e", "p", "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new InvalidConfigurationException("f", null, "p", "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new InvalidConfigurationException("f", "e", null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new InvalidConfigurationException("f", "e", "p", null)).isInstanceOf(NullPointerException.class);
    }
}
