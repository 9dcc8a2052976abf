package org.herald.core.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderGroupTest {
    @Test
    void patternsAreReadAsOperatorsWriteThem() {
        ProviderGroup group = ProviderGroup.of("acme", "Acme.Example.", "acme-mail.*", "bücher.example");

        assertThat(group.patterns()).containsExactly(new DomainPattern("acme.example", false),
            new DomainPattern("acme-mail", true), new DomainPattern("xn--bcher-kva.example", false));
        assertThat(group.patterns()).extracting(DomainPattern::toString)
            .containsExactly("acme.example", "acme-mail.*", "xn--bcher-kva.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Google", "", "-dash-first", "with space", "slash/name", "a:b",
        "sixty-four-characters-is-one-too-many-for-a-provider-group-name-x"})
    void namesMustBeSafeInMetricsAndUrls(String name) {
        assertThatThrownBy(() -> ProviderGroup.of(name, "example.com"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("provider group name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.example.com", "mail.*.com", "two.labels.*", ".*", "exa mple.com", "[192.0.2.1]"})
    void patternsOtherThanDomainsAndBrandLabelsAreRefused(String pattern) {
        assertThatThrownBy(() -> ProviderGroup.of("acme", pattern))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("provider group \"acme\": ");
    }

    @Test
    void aGroupNeedsDomainsAndEachOnlyOnce() {
        assertThatThrownBy(() -> ProviderGroup.of("empty", List.of()))
            .hasMessage("provider group \"empty\" has no domains");
        assertThatThrownBy(() -> ProviderGroup.of("twice", "example.com", "EXAMPLE.com"))
            .hasMessage("provider group \"twice\" lists example.com twice");
    }

    @Test
    void brandLabelIsTheFirstLabelOnlyWhenAPublicSuffixFollows() {
        assertThat(DomainPattern.brandLabelOf("hotmail.co.uk")).contains("hotmail");
        assertThat(DomainPattern.brandLabelOf("yahoo.com.br")).contains("yahoo");
        assertThat(DomainPattern.brandLabelOf("hotmail.blogspot.com")).isEmpty();
        assertThat(DomainPattern.brandLabelOf("mail.hotmail.com")).isEmpty();
        assertThat(DomainPattern.brandLabelOf("localhost")).isEmpty();
    }
}
