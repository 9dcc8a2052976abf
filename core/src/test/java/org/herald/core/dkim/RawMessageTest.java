package org.herald.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RawMessageTest {
    @Test
    void keepsFieldsByteForByteAndFindsTheBody() {
        String message = "From: a@example.com\r\nSubject: folded\r\n\tover two lines\r\nTo: b@example.com\r\n\r\nBody\r\n";

        RawMessage split = RawMessage.split(bytes(message));

        assertThat(split.headers()).extracting(HeaderField::name).containsExactly("from", "subject", "to");
        assertThat(split.headers()).extracting(HeaderField::toString)
            .containsExactly("From: a@example.com\r\n", "Subject: folded\r\n\tover two lines\r\n", "To: b@example.com\r\n");
        assertThat(split.bodyOffset()).isEqualTo(message.indexOf("Body"));
        assertThat(split.headers().get(1).valueText()).isEqualTo(" folded\r\n\tover two lines");
    }

    @Test
    void acceptsBareLineFeeds() {
        String message = "From: a@example.com\nSubject: x\n y\n\nBody\n";

        RawMessage split = RawMessage.split(bytes(message));

        assertThat(split.headers()).extracting(HeaderField::toString).containsExactly("From: a@example.com\n", "Subject: x\n y\n");
        assertThat(split.bodyOffset()).isEqualTo(message.indexOf("Body"));
    }

    @Test
    void aMessageWithoutEmptyLineIsAllHeader() {
        String message = "From: a@example.com\r\nSubject: no body";

        RawMessage split = RawMessage.split(bytes(message));

        assertThat(split.headers()).extracting(HeaderField::toString).containsExactly("From: a@example.com\r\n", "Subject: no body");
        assertThat(split.bodyOffset()).isEqualTo(message.length());
        assertThat(split.headers().get(1).valueText()).isEqualTo(" no body");
    }

    @Test
    void namesAreLowerCasedWithoutWhitespaceBeforeTheColon() {
        RawMessage split = RawMessage.split(bytes("DKIM-Signature : v=1\r\nX-NoColon\r\n\r\n"));

        assertThat(split.headers()).extracting(HeaderField::name).containsExactly("dkim-signature", "x-nocolon");
        assertThat(split.headers().get(1).colon()).isEqualTo(-1);
    }

    @Test
    void aMessageStartingWithAnEmptyLineHasNoHeaders() {
        RawMessage split = RawMessage.split(bytes("\r\nBody"));

        assertThat(split.headers()).isEmpty();
        assertThat(split.bodyOffset()).isEqualTo(2);
    }

    @Test
    void replacesTheValueOfAField() {
        HeaderField field = RawMessage.split(bytes("DKIM-Signature: v=1; b=abc\r\n\r\n")).headers().get(0);

        assertThat(new String(field.withValue(" v=1; b="), StandardCharsets.ISO_8859_1)).isEqualTo("DKIM-Signature: v=1; b=");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
