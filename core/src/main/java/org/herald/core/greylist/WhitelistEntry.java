package org.herald.core.greylist;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One greylist whitelist entry, from conf/greylist.xml or added over WebAdmin. Build it with {@link #parse}, which
 * validates and normalises the value (lower case, canonical network), so the same entry written twice is one entry.
 *
 * @param value the normalised value: {@code 192.0.2.0/24}, {@code google.com}, {@code @partner.example},
 *              {@code bounces@partner.example}, {@code postmaster@}
 */
public record WhitelistEntry(WhitelistKind kind, String value) {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern LOCAL_PART = Pattern.compile("[^\\s@<>]{1,64}");

    public WhitelistEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /**
     * @throws IllegalArgumentException naming the value and what is wrong with it, e.g. "10.0.0.0/33 is not a network:
     *                                  the prefix of an IPv4 network is 0-32"
     */
    public static WhitelistEntry parse(WhitelistKind kind, String value) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("an empty value is not a whitelist entry");
        }
        return new WhitelistEntry(kind, switch (kind) {
            case NETWORK -> Cidr.parse(trimmed).toString();
            case RDNS_DOMAIN -> rdnsDomain(trimmed);
            case SENDER -> sender(trimmed);
            case RECIPIENT -> recipient(trimmed);
        });
    }

    private static String rdnsDomain(String text) {
        String domain = text.toLowerCase(Locale.ROOT);
        if (domain.startsWith("*.") || domain.startsWith(".")) {
            domain = domain.substring(domain.indexOf('.') + 1);
        }
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (!isDomain(domain)) {
            throw new IllegalArgumentException(text + " is not a domain name (write it like google.com)");
        }
        if (domain.indexOf('.') < 0) {
            throw new IllegalArgumentException(text + " is a top-level domain: every client under it would skip "
                + "greylisting; name a domain like google.com");
        }
        return domain;
    }

    private static String sender(String text) {
        String address = text.toLowerCase(Locale.ROOT);
        int at = address.indexOf('@');
        if (at < 0 || at != address.lastIndexOf('@')) {
            throw new IllegalArgumentException(text + " is not a sender: write a full address (bounces@partner.example) "
                + "or @domain (@partner.example)");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (!local.isEmpty() && !LOCAL_PART.matcher(local).matches()) {
            throw new IllegalArgumentException(text + " is not a sender: \"" + local + "\" is not a local part");
        }
        if (!isDomain(domain)) {
            throw new IllegalArgumentException(text + " is not a sender: \"" + domain + "\" is not a domain name");
        }
        return address;
    }

    private static String recipient(String text) {
        String address = text.toLowerCase(Locale.ROOT);
        int at = address.indexOf('@');
        if (at < 0 || at != address.lastIndexOf('@') || address.equals("@")) {
            throw new IllegalArgumentException(text + " is not a recipient: write a full address (sales@example.com), "
                + "localpart@ (postmaster@, at any domain) or @domain");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (!local.isEmpty() && !LOCAL_PART.matcher(local).matches()) {
            throw new IllegalArgumentException(text + " is not a recipient: \"" + local + "\" is not a local part");
        }
        if (!domain.isEmpty() && !isDomain(domain)) {
            throw new IllegalArgumentException(text + " is not a recipient: \"" + domain + "\" is not a domain name");
        }
        return address;
    }

    private static boolean isDomain(String domain) {
        if (domain.isEmpty() || domain.length() > 253) {
            return false;
        }
        for (String label : domain.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** {@code networks 192.0.2.0/24}: what logs and decision details show. */
    @Override
    public String toString() {
        return kind.pathLabel() + " " + value;
    }
}
