package org.herald.core.dmarc;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import com.google.common.net.InternetDomainName;

/**
 * The organisational domain of a domain name (RFC 7489 §3.2): the registered domain one label below its public
 * suffix, so {@code mail.example.co.uk} → {@code example.co.uk}. Relaxed alignment and policy discovery's fallback
 * both rest on it.
 *
 * <p>The public-suffix list is Guava's copy of Mozilla's list (private section included, so
 * {@code someone.github.io} is its own organisation), kept current by upgrading Guava rather than by a file Herald
 * would have to refresh. Names are compared in their ASCII (punycode) form, lower case, without a trailing dot; an
 * internationalised name is converted first, and looked up in both forms because the list holds suffixes in Unicode.
 * A name that is itself a public suffix is its own organisational domain; a name under no known suffix (a private
 * TLD, {@code .test}) falls back to the RFC's default rule, the last two labels.
 */
public final class OrganizationalDomains {
    /** Labels of letters, digits, hyphens and underscores (seen in HELO names and d= values) separated by dots. */
    private static final Pattern ASCII_NAME = Pattern.compile("[a-z0-9_-]{1,63}(\\.[a-z0-9_-]{1,63})*");

    /**
     * The name in the form Herald compares: ASCII (punycode) labels, lower case, no trailing dot.
     *
     * @throws IllegalArgumentException when {@code domain} is not a domain name (empty, empty labels, a label or the
     *                                  whole name too long, characters IDNA refuses)
     */
    public static String canonical(String domain) {
        Objects.requireNonNull(domain, "domain");
        String trimmed = domain.strip();
        if (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("an empty name is not a domain name");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(trimmed, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + domain + "\" is not a domain name: " + e.getMessage());
        }
        if (ascii.length() > 253 || !ASCII_NAME.matcher(ascii).matches()) {
            throw new IllegalArgumentException("\"" + domain + "\" is not a domain name");
        }
        return ascii;
    }

    /**
     * The organisational domain of {@code domain}, in canonical form.
     *
     * @throws IllegalArgumentException when {@code domain} is not a domain name
     */
    public String organizationalDomain(String domain) {
        String ascii = canonical(domain);
        List<String> labels = List.of(ascii.split("\\."));
        int count = organizationalLabelCount(ascii);
        if (count <= 0) {
            count = Math.min(2, labels.size());
        }
        return String.join(".", labels.subList(labels.size() - Math.min(count, labels.size()), labels.size()));
    }

    /** How many trailing labels make the organisational domain per Guava's list; 0 when it does not know the suffix. */
    private static int organizationalLabelCount(String ascii) {
        int count = labelCount(ascii);
        if (count > 0) {
            return count;
        }
        String unicode = IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED);
        return unicode.equals(ascii) ? 0 : labelCount(unicode);
    }

    private static int labelCount(String name) {
        if (!InternetDomainName.isValid(name)) {
            return 0;
        }
        InternetDomainName parsed = InternetDomainName.from(name);
        if (parsed.isPublicSuffix()) {
            return parsed.parts().size();
        }
        if (parsed.isUnderPublicSuffix()) {
            return parsed.topPrivateDomain().parts().size();
        }
        return 0;
    }
}
