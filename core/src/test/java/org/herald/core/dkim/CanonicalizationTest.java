package org.herald.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class CanonicalizationTest {
    /** RFC 6376 §3.4.5, with its &lt;SP&gt;, &lt;HTAB&gt; and &lt;CRLF&gt; written out. */
    private static final String RFC_EXAMPLE = "A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n";

    @Test
    void relaxedMatchesTheExampleOfRfc6376() {
        RawMessage message = RawMessage.split(bytes(RFC_EXAMPLE));

        assertThat(text(HeaderCanonicalization.RELAXED.canonicalize(message.headers().get(0)))).isEqualTo("a:X\r\n");
        assertThat(text(HeaderCanonicalization.RELAXED.canonicalize(message.headers().get(1)))).isEqualTo("b:Y Z\r\n");
        assertThat(body(BodyCanonicalization.RELAXED, RFC_EXAMPLE)).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void simpleMatchesTheExampleOfRfc6376() {
        RawMessage message = RawMessage.split(bytes(RFC_EXAMPLE));

        assertThat(text(HeaderCanonicalization.SIMPLE.canonicalize(message.headers().get(0)))).isEqualTo("A: X\r\n");
        assertThat(text(HeaderCanonicalization.SIMPLE.canonicalize(message.headers().get(1)))).isEqualTo("B : Y\t\r\n\tZ  \r\n");
        assertThat(body(BodyCanonicalization.SIMPLE, RFC_EXAMPLE)).isEqualTo(" C \r\nD \t E\r\n");
    }

    @Test
    void anEmptyBodyIsEmptyWhenRelaxedAndOneCrlfWhenSimple() {
        for (String message : new String[] {"A: b\r\n\r\n", "A: b\r\n", "A: b\r\n\r\n\r\n\r\n", "A: b\r\n\r\n \t \r\n\t\r\n"}) {
            assertThat(body(BodyCanonicalization.RELAXED, message)).as(message).isEmpty();
        }
        assertThat(body(BodyCanonicalization.SIMPLE, "A: b\r\n\r\n")).isEqualTo("\r\n");
        assertThat(body(BodyCanonicalization.SIMPLE, "A: b\r\n\r\n\r\n\r\n")).isEqualTo("\r\n");
        assertThat(body(BodyCanonicalization.SIMPLE, "A: b\r\n")).isEqualTo("\r\n");
        assertThat(body(BodyCanonicalization.SIMPLE, "A: b\r\n\r\n \r\n")).isEqualTo(" \r\n");
    }

    @Test
    void aLastLineWithoutLineBreakGetsACrlf() {
        assertThat(body(BodyCanonicalization.RELAXED, "A: b\r\n\r\nfirst\r\nlast  ")).isEqualTo("first\r\nlast\r\n");
        assertThat(body(BodyCanonicalization.SIMPLE, "A: b\r\n\r\nfirst\r\nlast  ")).isEqualTo("first\r\nlast  \r\n");
    }

    @Test
    void bareLineFeedsCountAsCrlf() {
        assertThat(body(BodyCanonicalization.SIMPLE, "A: b\n\nline\n\nend\n\n")).isEqualTo("line\r\n\r\nend\r\n");
        assertThat(body(BodyCanonicalization.RELAXED, "A: b\n\nline \n\nend\n\n")).isEqualTo("line\r\n\r\nend\r\n");
        RawMessage folded = RawMessage.split(bytes("Subject: a\n b\n\n"));
        assertThat(text(HeaderCanonicalization.SIMPLE.canonicalize(folded.headers().get(0)))).isEqualTo("Subject: a\r\n b\r\n");
        assertThat(text(HeaderCanonicalization.RELAXED.canonicalize(folded.headers().get(0)))).isEqualTo("subject:a b\r\n");
    }

    @Test
    void emptyLinesInsideTheBodyStay() {
        assertThat(body(BodyCanonicalization.RELAXED, "A: b\r\n\r\n\r\none\r\n \r\n\r\ntwo\r\n")).isEqualTo("\r\none\r\n\r\n\r\ntwo\r\n");
    }

    @Test
    void eightBitBytesPassThroughUnchanged() {
        byte[] message = "A: b\r\n\r\nGrüße  日本\r\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        BodyCanonicalization.RELAXED.canonicalize(message, RawMessage.split(message).bodyOffset(), out::write);

        assertThat(out.toByteArray()).isEqualTo("Grüße 日本\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void relaxedHeadersLowerCaseTheNameOnlyAndTrimAroundTheColon() {
        RawMessage message = RawMessage.split(bytes("SUBJECT \t:  Mixed CASE\tvalue \r\n\r\n"));

        assertThat(text(HeaderCanonicalization.RELAXED.canonicalize(message.headers().get(0)))).isEqualTo("subject:Mixed CASE value\r\n");
    }

    @Test
    void theSignatureFieldIsCanonicalizedWithoutItsFinalCrlf() {
        byte[] field = bytes("DKIM-Signature: v=1;\r\n\tb=");

        assertThat(text(HeaderCanonicalization.RELAXED.canonicalizeSignatureField(field))).isEqualTo("dkim-signature:v=1; b=");
        assertThat(text(HeaderCanonicalization.SIMPLE.canonicalizeSignatureField(field))).isEqualTo("DKIM-Signature: v=1;\r\n\tb=");
    }

    @Test
    void bodyHashesTheWholeBodyOrItsFirstLBytes() {
        RawMessage message = RawMessage.split(bytes("A: b\r\n\r\nHello  world\r\n\r\n"));

        BodyHash whole = BodyHash.compute(BodyCanonicalization.RELAXED, message, BodyHash.WHOLE_BODY);
        BodyHash limited = BodyHash.compute(BodyCanonicalization.RELAXED, message, 5);

        assertThat(whole.canonicalLength()).isEqualTo("Hello world\r\n".length());
        assertThat(whole.hash()).isEqualTo(Sha256.of(bytes("Hello world\r\n")));
        assertThat(limited.hash()).isEqualTo(Sha256.of(bytes("Hello")));
        assertThat(limited.canonicalLength()).isEqualTo(whole.canonicalLength());
    }

    @Test
    void theRelaxedEmptyBodyHashIsTheHashOfNothing() {
        BodyHash empty = BodyHash.compute(BodyCanonicalization.RELAXED, RawMessage.split(bytes("A: b\r\n\r\n")), BodyHash.WHOLE_BODY);

        assertThat(Base64.getEncoder().encodeToString(empty.hash())).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    private static String body(BodyCanonicalization canonicalization, String message) {
        byte[] bytes = bytes(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        canonicalization.canonicalize(bytes, RawMessage.split(bytes).bodyOffset(), out::write);
        return text(out.toByteArray());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
