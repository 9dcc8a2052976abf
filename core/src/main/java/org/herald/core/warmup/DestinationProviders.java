package org.herald.core.warmup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.herald.core.dmarc.OrganizationalDomains;

/**
 * Which mailbox provider a recipient domain belongs to: the unit warmup budgets mail by (per sending identity) and
 * reputation signals are counted against. Immutable and safe to share between threads.
 *
 * <h2>Built-in groups</h2>
 * Only providers that receive mail for several domains are grouped: a provider with one domain is already its own
 * provider by the default rule below. {@code brand.*} stands for that label under any ICANN public suffix (see
 * {@link DomainPattern}).
 * <ul>
 *   <li>{@code google}: gmail.com, googlemail.com (Google Workspace customers keep their own domains, which cannot be
 *       recognised by name).</li>
 *   <li>{@code microsoft}: outlook.*, hotmail.*, live.*, msn.com, windowslive.com: Outlook.com consumer mail, one
 *       reputation system (SNDS/JMRP).</li>
 *   <li>{@code yahoo}: yahoo.*, ymail.com, rocketmail.com, aol.*, aim.com: Yahoo has run AOL's mail on its own
 *       platform since 2017.</li>
 *   <li>{@code apple}: icloud.com, me.com, mac.com.</li>
 *   <li>{@code united-internet}: gmx.* (gmx.de, gmx.net, gmx.at, gmx.com…), web.de: GMX and WEB.DE share one
 *       platform.</li>
 *   <li>{@code mail-ru}: mail.ru, inbox.ru, list.ru, bk.ru, internet.ru: VK's Mail.ru domains.</li>
 *   <li>{@code yandex}: yandex.* (yandex.ru, yandex.com, yandex.by…), ya.ru.</li>
 *   <li>{@code zoho}: zoho.*, zohomail.* (zohomail.com, zohomail.eu…).</li>
 *   <li>{@code proton}: proton.me, protonmail.com, protonmail.ch, pm.me.</li>
 *   <li>{@code tencent}: qq.com, foxmail.com.</li>
 *   <li>{@code netease}: 163.com, 126.com, yeah.net.</li>
 * </ul>
 *
 * <h2>Lookup</h2>
 * The recipient domain is canonicalised first (case-insensitive, trailing dot dropped, an internationalised name
 * converted to its A-labels, A-labels taken as given). Then, first match wins:
 * <ol>
 *   <li>the operator's groups: exact domains, then {@code brand.*} patterns. Operator groups win over built-in ones,
 *       so an operator can move {@code aol.com} out of {@code yahoo} by listing it in a group of its own;</li>
 *   <li>the built-in groups, in the same order;</li>
 *   <li>with {@code groupByOrganisationalDomain}: the same lookups for the domain's organisational domain
 *       ({@code mail.example.co.uk} → {@code example.co.uk}), and otherwise that organisational domain itself, so all
 *       subdomains of one organisation share a budget;</li>
 *   <li>otherwise the recipient domain itself.</li>
 * </ol>
 *
 * <h2>Provider names</h2>
 * A provider name is a group name or a canonical domain, so it is made of lower-case ASCII letters, digits, {@code -},
 * {@code _} and {@code .} only (at most 253 characters): usable as is in metric names and labels, URL path segments
 * and file names.
 */
public final class DestinationProviders {
    /** The groups described in the class comment, in that order. */
    public static final List<ProviderGroup> BUILT_IN_GROUPS = List.of(
        ProviderGroup.of("google", "gmail.com", "googlemail.com"),
        ProviderGroup.of("microsoft", "outlook.*", "hotmail.*", "live.*", "msn.com", "windowslive.com"),
        ProviderGroup.of("yahoo", "yahoo.*", "ymail.com", "rocketmail.com", "aol.*", "aim.com"),
        ProviderGroup.of("apple", "icloud.com", "me.com", "mac.com"),
        ProviderGroup.of("united-internet", "gmx.*", "web.de"),
        ProviderGroup.of("mail-ru", "mail.ru", "inbox.ru", "list.ru", "bk.ru", "internet.ru"),
        ProviderGroup.of("yandex", "yandex.*", "ya.ru"),
        ProviderGroup.of("zoho", "zoho.*", "zohomail.*"),
        ProviderGroup.of("proton", "proton.me", "protonmail.com", "protonmail.ch", "pm.me"),
        ProviderGroup.of("tencent", "qq.com", "foxmail.com"),
        ProviderGroup.of("netease", "163.com", "126.com", "yeah.net"));

    private static final DestinationProviders BUILT_IN_ONLY = new DestinationProviders(List.of(), false);

    private final GroupIndex operatorGroups;
    private final GroupIndex builtInGroups;
    private final boolean groupByOrganisationalDomain;
    private final OrganizationalDomains organizationalDomains = new OrganizationalDomains();

    /**
     * @param operatorGroups              the operator's groups; a domain or pattern may appear in only one of them, and
     *                                    group names must differ (a name may equal a built-in one, which merges them)
     * @param groupByOrganisationalDomain whether an ungrouped domain counts as its organisational domain
     * @throws IllegalArgumentException naming the two groups that claim one domain, or a repeated group name
     */
    public DestinationProviders(List<ProviderGroup> operatorGroups, boolean groupByOrganisationalDomain) {
        Objects.requireNonNull(operatorGroups, "operatorGroups");
        this.operatorGroups = new GroupIndex(operatorGroups);
        this.builtInGroups = new GroupIndex(BUILT_IN_GROUPS);
        this.groupByOrganisationalDomain = groupByOrganisationalDomain;
    }

    /** The built-in groups alone, each other domain its own provider. */
    public static DestinationProviders builtInOnly() {
        return BUILT_IN_ONLY;
    }

    /**
     * The provider that receives mail for {@code recipientDomain}.
     *
     * @param recipientDomain the domain part of a recipient address, in any case, with or without a trailing dot
     * @throws IllegalArgumentException when {@code recipientDomain} is not a domain name (an address literal such as
     *                                  {@code [192.0.2.1]}, an address with its local part, an empty string)
     */
    public String providerOf(String recipientDomain) {
        String domain = OrganizationalDomains.canonical(recipientDomain);
        Optional<String> group = groupOf(domain);
        if (group.isPresent()) {
            return group.get();
        }
        if (!groupByOrganisationalDomain) {
            return domain;
        }
        String organisational = organizationalDomains.organizationalDomain(domain);
        return groupOf(organisational).orElse(organisational);
    }

    public boolean groupsByOrganisationalDomain() {
        return groupByOrganisationalDomain;
    }

    private Optional<String> groupOf(String canonicalDomain) {
        Optional<String> brand = DomainPattern.brandLabelOf(canonicalDomain);
        return operatorGroups.find(canonicalDomain, brand).or(() -> builtInGroups.find(canonicalDomain, brand));
    }

    /** One tier of groups indexed for lookup; exact domains are looked up before brand patterns. */
    private static final class GroupIndex {
        private final Map<String, String> byDomain = new HashMap<>();
        private final Map<String, String> byBrand = new HashMap<>();

        GroupIndex(List<ProviderGroup> groups) {
            Map<String, ProviderGroup> byName = new HashMap<>();
            for (ProviderGroup group : groups) {
                if (byName.putIfAbsent(group.name(), group) != null) {
                    throw new IllegalArgumentException("provider group \"" + group.name() + "\" is defined twice");
                }
                for (DomainPattern pattern : group.patterns()) {
                    Map<String, String> index = pattern.anyPublicSuffix() ? byBrand : byDomain;
                    String other = index.putIfAbsent(pattern.name(), group.name());
                    if (other != null) {
                        throw new IllegalArgumentException(pattern + " is in two provider groups, \"" + other
                            + "\" and \"" + group.name() + "\"");
                    }
                }
            }
        }

        Optional<String> find(String canonicalDomain, Optional<String> brand) {
            String exact = byDomain.get(canonicalDomain);
            if (exact != null) {
                return Optional.of(exact);
            }
            return brand.map(byBrand::get);
        }
    }
}
