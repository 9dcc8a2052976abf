package org.herald.core.warmup.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class FieldBlocksTest {
    @Test
    void blocksAreSeparatedByBlankOrWhitespaceOnlyLines() {
        List<FieldBlock> blocks = FieldBlocks.parse("A: 1\nB: 2\n\nC: 3\n   \nD: 4\n\n\n");

        assertThat(blocks).extracting(block -> block.fields().size()).containsExactly(2, 1, 1);
        assertThat(blocks.get(2).first("d")).contains("4");
    }

    @Test
    void anyLineEndingAndFoldingWithSpacesOrTabs() {
        List<FieldBlock> blocks = FieldBlocks.parse("A: one\r\n two\r\nB:\tx\r\tY\rC :  spaced  \n");

        assertThat(blocks).singleElement().satisfies(block -> {
            assertThat(block.first("A")).contains("one two");
            assertThat(block.first("b")).contains("x\tY");
            assertThat(block.first("C")).as("space before the colon").contains("spaced");
        });
    }

    @Test
    void linesThatAreNotFieldsAreSkipped() {
        List<FieldBlock> blocks = FieldBlocks.parse("garbage without colon\nNot a name: x\n: empty name\nA: 1\n"
            + " continuation of A\n");

        assertThat(blocks).singleElement().satisfies(block -> {
            assertThat(block.fields()).extracting(ReportField::name).containsExactly("A");
            assertThat(block.first("A")).contains("1 continuation of A");
        });
    }

    @Test
    void repeatedFieldsAndEmptyValues() {
        FieldBlock block = FieldBlocks.parse("R: a\nR:\nR: b\n").get(0);

        assertThat(block.all("r")).containsExactly("a", "b");
        assertThat(block.has("R")).isTrue();
        assertThat(block.first("missing")).isEmpty();
    }

    @Test
    void headerStopsAtTheFirstBlankLine() {
        FieldBlock header = FieldBlocks.header("From: a\r\nMessage-ID: <1@x>\r\n\r\nMessage-ID: <body@x>\r\n"
            .getBytes(StandardCharsets.UTF_8));

        assertThat(header.all("Message-ID")).containsExactly("<1@x>");
        assertThat(FieldBlocks.header("\r\nMessage-ID: <body@x>\r\n".getBytes(StandardCharsets.UTF_8)).fields())
            .isEmpty();
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        byte[] latin1 = "To: jos\u00e9@example.net\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(FieldBlocks.parse(latin1).get(0).first("To")).contains("jos\uFFFD@example.net");
    }
}
