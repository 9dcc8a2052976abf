package org.herald.core.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationProvidersTest {
    private final DestinationProviders builtIn = DestinationProviders.builtInOnly();

    @ParameterizedTest
    @CsvSource({
        "gmail.com, google",
        "googlemail.com, google",
        "outlook.com, microsoft",
        "hotmail.com, microsoft",
        "hotmail.co.uk, microsoft",
        "hotmail.fr, microsoft",
        "live.com, microsoft",
        "live.co.uk, microsoft",
        "msn.com, microsoft",
        "windowslive.com, microsoft",
        "yahoo.com, yahoo",
        "yahoo.co.uk, yahoo",
        "yahoo.fr, yahoo",
        "yahoo.com.br, yahoo",
        "ymail.com, yahoo",
        "rocketmail.com, yahoo",
        "aol.com, yahoo",
        "icloud.com, apple",
        "me.com, apple",
        "mac.com, apple",
        "gmx.de, united-internet",
        "gmx.net, united-internet",
        "web.de, united-internet",
        "mail.ru, mail-ru",
        "bk.ru, mail-ru",
        "yandex.ru, yandex",
        "yandex.com, yandex",
        "ya.ru, yandex",
        "zoho.com, zoho",
        "zohomail.eu, zoho",
        "proton.me, proton",
        "protonmail.com, proton",
        "pm.me, proton",
        "qq.com, tencent",
        "163.com, netease",
    })
    void builtInGroups(String domain, String provider) {
        assertThat(builtIn.providerOf(domain)).isEqualTo(provider);
    }

    @Test
    void anyDomainOutsideTheGroupsIsItsOwnProvider() {
        assertThat(builtIn.providerOf("example.com")).isEqualTo("example.com");
        assertThat(builtIn.providerOf("mail.example.co.uk")).isEqualTo("mail.example.co.uk");
    }

    @Test
    void caseAndTrailingDotDoNotMatter() {
        assertThat(builtIn.providerOf("GMail.COM.")).isEqualTo("google");
        assertThat(builtIn.providerOf(" Hotmail.Co.UK ")).isEqualTo("microsoft");
        assertThat(builtIn.providerOf("Example.COM.")).isEqualTo("example.com");
    }

    @Test
    void internationalisedDomainsAreNamedByTheirALabels() {
        assertThat(builtIn.providerOf("xn--bcher-kva.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(builtIn.providerOf("bücher.example")).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void brandPatternsNeedAnIcannPublicSuffixAfterTheLabel() {
        assertThat(builtIn.providerOf("hotmail.example"))
            .as(".example is not a public suffix").isEqualTo("hotmail.example");
        assertThat(builtIn.providerOf("hotmail.blogspot.com"))
            .as("blogspot.com is in the private section: someone's blog").isEqualTo("hotmail.blogspot.com");
        assertThat(builtIn.providerOf("hotmail.example.com"))
            .as("example.com is a registered domain, not a suffix").isEqualTo("hotmail.example.com");
        assertThat(builtIn.providerOf("eu.hotmail.com")).as("a subdomain is not the brand").isEqualTo("eu.hotmail.com");
        assertThat(builtIn.providerOf("myhotmail.com")).isEqualTo("myhotmail.com");
    }

    @Test
    void operatorGroupsWinOverBuiltInOnes() {
        DestinationProviders providers = new DestinationProviders(List.of(
            ProviderGroup.of("aol", "aol.com"),
            ProviderGroup.of("acme", "acme.example", "acme-mail.*", "hotmail.fr")), false);

        assertThat(providers.providerOf("aol.com")).isEqualTo("aol");
        assertThat(providers.providerOf("hotmail.fr")).isEqualTo("acme");
        assertThat(providers.providerOf("hotmail.de")).as("the rest of the built-in group stays").isEqualTo("microsoft");
        assertThat(providers.providerOf("acme-mail.co.uk")).isEqualTo("acme");
        assertThat(providers.providerOf("acme.example")).isEqualTo("acme");
        assertThat(providers.providerOf("yahoo.com")).isEqualTo("yahoo");
    }

    @Test
    void anOperatorGroupNamedLikeABuiltInOneAddsDomainsToIt() {
        DestinationProviders providers = new DestinationProviders(
            List.of(ProviderGroup.of("google", "workspace-customer.example")), false);

        assertThat(providers.providerOf("workspace-customer.example")).isEqualTo("google");
        assertThat(providers.providerOf("gmail.com")).isEqualTo("google");
    }

    @Test
    void anOperatorBrandPatternWinsOverABuiltInExactDomain() {
        DestinationProviders providers = new DestinationProviders(List.of(ProviderGroup.of("legacy", "msn.*")), false);

        assertThat(providers.providerOf("msn.com")).isEqualTo("legacy");
    }

    @Test
    void groupingByOrganisationalDomain() {
        DestinationProviders providers = new DestinationProviders(List.of(), true);

        assertThat(providers.providerOf("mail.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(providers.providerOf("a.b.example.com")).isEqualTo("example.com");
        assertThat(providers.providerOf("example.com")).isEqualTo("example.com");
        assertThat(providers.providerOf("eu.hotmail.com"))
            .as("the organisational domain is looked up in the groups too").isEqualTo("microsoft");
        assertThat(providers.providerOf("gmail.com")).isEqualTo("google");
        assertThat(providers.groupsByOrganisationalDomain()).isTrue();
        assertThat(builtIn.groupsByOrganisationalDomain()).isFalse();
    }

    @Test
    void everyProviderNameIsSafeInMetricNamesAndUrls() {
        DestinationProviders providers = new DestinationProviders(List.of(), true);
        for (String domain : List.of("gmail.com", "Example.COM.", "bücher.example", "under_score.example",
            "sub.domain.example.org", "yahoo.co.jp")) {
            assertThat(providers.providerOf(domain)).matches("[a-z0-9._-]{1,253}");
            assertThat(builtIn.providerOf(domain)).matches("[a-z0-9._-]{1,253}");
        }
        for (ProviderGroup group : DestinationProviders.BUILT_IN_GROUPS) {
            assertThat(group.name()).matches("[a-z0-9._-]{1,63}");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "user@gmail.com", "[192.0.2.1]", "exa mple.com", "a..b"})
    void somethingThatIsNotADomainIsRefused(String notADomain) {
        assertThatThrownBy(() -> builtIn.providerOf(notADomain)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoOperatorGroupsCannotClaimOneDomain() {
        assertThatThrownBy(() -> new DestinationProviders(List.of(
            ProviderGroup.of("a", "shared.example"), ProviderGroup.of("b", "Shared.Example.")), false))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("shared.example is in two provider groups, \"a\" and \"b\"");
        assertThatThrownBy(() -> new DestinationProviders(List.of(
            ProviderGroup.of("a", "brand.*"), ProviderGroup.of("b", "brand.*")), false))
            .hasMessage("brand.* is in two provider groups, \"a\" and \"b\"");
    }

    @Test
    void operatorGroupNamesMustDiffer() {
        assertThatThrownBy(() -> new DestinationProviders(List.of(
            ProviderGroup.of("a", "one.example"), ProviderGroup.of("a", "two.example")), false))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("provider group \"a\" is defined twice");
    }
}
