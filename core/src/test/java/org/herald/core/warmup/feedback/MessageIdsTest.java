package org.herald.core.warmup.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageIdsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<abc@example.org>|<abc@example.org>",
        "  <abc@example.org>  |<abc@example.org>",
        "<abc@example.org> (sent by Herald)|<abc@example.org>",
        "(comment) <abc@example.org>|<abc@example.org>",
        "8787KJKJ3K4J3K4J3K4J3.mail@example.net|<8787KJKJ3K4J3K4J3K4J3.mail@example.net>",
        "<AbC.123@Example.ORG>|<AbC.123@Example.ORG>",
        "<first@example.org> <second@example.org>|<first@example.org>",
    })
    void canonicalForm(String value, String canonical) {
        assertThat(MessageIds.canonical(value)).contains(canonical);
    }

    @Test
    void foldingIsRemoved() {
        assertThat(MessageIds.canonical("\r\n\t<abc@example.org>")).contains("<abc@example.org>");
        assertThat(MessageIds.canonical("<abc@\r\n example.org>")).contains("<abc@example.org>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "(only a comment)", "<>", "<abc@example.org"})
    void noMessageId(String value) {
        assertThat(MessageIds.canonical(value)).isEmpty();
    }
}
