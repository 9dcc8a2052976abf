package org.herald.core.warmup;

import java.net.IDN;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.herald.core.dmarc.OrganizationalDomains;

import com.google.common.net.InternetDomainName;

/**
 * One entry of a {@link ProviderGroup}: either an exact domain ({@code gmail.com}) or a brand label followed by any
 * public suffix ({@code hotmail.*}, matching {@code hotmail.com}, {@code hotmail.co.uk}, {@code hotmail.fr}…).
 *
 * <p>"Any public suffix" means a suffix of the ICANN section of the public-suffix list (Guava's copy), not of its
 * private section: {@code blogspot.com} is a public suffix there, and {@code hotmail.blogspot.com} is somebody's blog,
 * not Microsoft. Subdomains never match ({@code eu.hotmail.com} is not {@code hotmail.*}); with
 * {@code groupByOrganisationalDomain} a subdomain is looked up again as its organisational domain.
 *
 * @param name            the domain in canonical form (ASCII, lower case, no trailing dot), or the brand label alone
 * @param anyPublicSuffix whether {@code name} is a label to be followed by any public suffix
 */
public record DomainPattern(String name, boolean anyPublicSuffix) {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public DomainPattern {
        Objects.requireNonNull(name, "name");
        if (anyPublicSuffix) {
            if (!LABEL.matcher(name).matches()) {
                throw new IllegalArgumentException("\"" + name + ".*\": the part before .* must be one DNS label "
                    + "(letters, digits, hyphens)");
            }
        } else if (!OrganizationalDomains.canonical(name).equals(name)) {
            throw new IllegalArgumentException("\"" + name + "\" is not a domain in canonical form (ASCII, lower case, "
                + "no trailing dot); use DomainPattern.parse");
        }
    }

    /**
     * A pattern as an operator writes it: {@code example.com}, {@code Example.COM.}, an internationalised name, or
     * {@code brand.*}.
     *
     * @throws IllegalArgumentException naming the text when it is neither a domain nor {@code label.*}
     */
    public static DomainPattern parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        if (trimmed.endsWith(".*")) {
            String label = IDN.toASCII(trimmed.substring(0, trimmed.length() - 2), IDN.ALLOW_UNASSIGNED)
                .toLowerCase(Locale.ROOT);
            return new DomainPattern(label, true);
        }
        if (trimmed.contains("*")) {
            throw new IllegalArgumentException("\"" + text + "\": a wildcard is only allowed as \"label.*\" (that label "
                + "under any public suffix)");
        }
        return new DomainPattern(OrganizationalDomains.canonical(trimmed), false);
    }

    /**
     * The brand label of {@code canonicalDomain} when it is one label followed by a public suffix
     * ({@code hotmail.co.uk} → {@code hotmail}), the form {@code label.*} patterns match.
     */
    static Optional<String> brandLabelOf(String canonicalDomain) {
        int dot = canonicalDomain.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String rest = canonicalDomain.substring(dot + 1);
        return isRegistrySuffix(rest) ? Optional.of(canonicalDomain.substring(0, dot)) : Optional.empty();
    }

    /** The list holds internationalised suffixes in Unicode, so an A-label suffix is looked up in both forms. */
    private static boolean isRegistrySuffix(String asciiName) {
        if (isRegistrySuffixAsGiven(asciiName)) {
            return true;
        }
        String unicode = IDN.toUnicode(asciiName, IDN.ALLOW_UNASSIGNED);
        return !unicode.equals(asciiName) && isRegistrySuffixAsGiven(unicode);
    }

    private static boolean isRegistrySuffixAsGiven(String name) {
        return InternetDomainName.isValid(name) && InternetDomainName.from(name).isRegistrySuffix();
    }

    /** As an operator would write it: {@code gmail.com} or {@code hotmail.*}. */
    @Override
    public String toString() {
        return anyPublicSuffix ? name + ".*" : name;
    }
}
