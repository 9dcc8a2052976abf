package org.herald.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DkimTagListTest {
    @Test
    void readsTagsInOrderWithoutSurroundingWhitespace() {
        DkimTagList tags = DkimTagList.parse(" v=1;  a = rsa-sha256 ;\r\n\tc=relaxed/relaxed; d=example.com");

        assertThat(tags.tags()).extracting(DkimTagList.Tag::name).containsExactly("v", "a", "c", "d");
        assertThat(tags.get("a")).contains("rsa-sha256");
        assertThat(tags.get("c")).contains("relaxed/relaxed");
        assertThat(tags.get("d")).contains("example.com");
        assertThat(tags.get("x")).isEmpty();
    }

    @Test
    void aTrailingSemicolonAndEmptyValuesAreAllowed() {
        DkimTagList tags = DkimTagList.parse("v=DKIM1; p=;");

        assertThat(tags.get("p")).contains("");
        assertThat(tags.tags()).hasSize(2);
    }

    @Test
    void foldedValuesKeepInnerWhitespaceAndCompactRemovesIt() {
        DkimTagList tags = DkimTagList.parse("b=abc\r\n def \t ghi; h=from\r\n : to");

        assertThat(tags.get("b")).contains("abc\r\n def \t ghi");
        assertThat(tags.tag("b").orElseThrow().compactValue()).isEqualTo("abcdefghi");
        assertThat(tags.tag("h").orElseThrow().compactValue()).isEqualTo("from:to");
    }

    @Test
    void tagNamesAreCaseSensitive() {
        DkimTagList tags = DkimTagList.parse("a=1; A=2");

        assertThat(tags.get("a")).contains("1");
        assertThat(tags.get("A")).contains("2");
    }

    @Test
    void aDuplicateTagIsAnError() {
        assertThatThrownBy(() -> DkimTagList.parse("v=1; d=a.example; d=b.example"))
            .isInstanceOf(DkimSyntaxException.class).hasMessage("duplicate tag d=");
    }

    @Test
    void aTagWithoutEqualsIsAnError() {
        assertThatThrownBy(() -> DkimTagList.parse("v=1; garbage; d=a.example"))
            .isInstanceOf(DkimSyntaxException.class).hasMessage("tag without '=': \"garbage\"");
    }

    @Test
    void tagNamesMustStartWithALetter() {
        assertThatThrownBy(() -> DkimTagList.parse("1v=1"))
            .isInstanceOf(DkimSyntaxException.class).hasMessage("invalid tag name \"1v\"");
        assertThatThrownBy(() -> DkimTagList.parse("=1"))
            .isInstanceOf(DkimSyntaxException.class).hasMessage("invalid tag name \"\"");
    }

    @Test
    void withoutValueCutsOnlyTheValueAndTheWhitespaceBeforeIt() {
        String text = " v=1; b= abc\r\n\tdef ; bh=xyz;\r\n\tb2=keep";
        DkimTagList tags = DkimTagList.parse(text);

        assertThat(tags.withoutValue("b")).isEqualTo(" v=1; b= ; bh=xyz;\r\n\tb2=keep");
        assertThat(tags.withoutValue("q")).isEqualTo(text);
    }

    @Test
    void anEmptyListHasNoTags() {
        assertThat(DkimTagList.parse("").tags()).isEmpty();
        assertThat(DkimTagList.parse(" ;\r\n ").tags()).isEmpty();
    }
}
