package org.herald.core.warmup.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.herald.core.dmarc.OrganizationalDomains;

/**
 * The small part of RFC 5322 address syntax that reports need: taking the address out of a field value, its domain,
 * and splitting a {@code To} header into its addresses. Lenient on purpose: what feedback mail carries is often
 * damaged or redacted, and a value that is not an address is kept for the caller to judge rather than refused.
 */
final class MailAddresses {
    private MailAddresses() {
    }

    /**
     * The address in a DSN recipient field, {@code address-type; address} (RFC 3464 §2.3.1–2.3.2):
     * {@code rfc822; user@example.net}, {@code RFC822;<user@example.net>}, {@code utf-8; ...} (RFC 6533). A value
     * without the type is taken whole.
     */
    static String fromTypedField(String value) {
        int semicolon = value.indexOf(';');
        return unwrap(semicolon >= 0 ? value.substring(semicolon + 1) : value);
    }

    /**
     * The address of one mailbox as written in a header or report field: the part in angle brackets if any
     * ({@code "Name" <user@example.net>} → {@code user@example.net}), otherwise the text without comments.
     */
    static String unwrap(String value) {
        String text = HeaderComments.remove(value).strip();
        int open = text.lastIndexOf('<');
        if (open >= 0) {
            int close = text.indexOf('>', open + 1);
            return (close >= 0 ? text.substring(open + 1, close) : text.substring(open + 1)).strip();
        }
        return text;
    }

    /**
     * The canonical domain after the last {@code @}, if it is a domain name with at least two labels (an address
     * literal such as {@code [192.0.2.1]}, a bare label or garbage gives none).
     */
    static Optional<String> domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? Optional.empty() : canonicalDomain(address.substring(at + 1));
    }

    /** {@code name} in canonical form, if it is a domain name with at least two labels. */
    static Optional<String> canonicalDomain(String name) {
        try {
            String domain = OrganizationalDomains.canonical(name);
            return domain.contains(".") ? Optional.of(domain) : Optional.empty();
        } catch (IllegalArgumentException notADomain) {
            return Optional.empty();
        }
    }

    /**
     * The mailboxes of an address-list header ({@code To}, {@code Cc}), each as written: split at commas outside
     * quoted strings, comments and angle brackets; a group's name ({@code undisclosed-recipients:}) and its closing
     * {@code ;} are dropped, so an empty group gives nothing.
     */
    static List<String> list(String headerValue) {
        List<String> entries = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int comment = 0;
        boolean quoted = false;
        boolean angle = false;
        for (int i = 0; i < headerValue.length(); i++) {
            char c = headerValue.charAt(i);
            if (c == '\\' && (quoted || comment > 0) && i + 1 < headerValue.length()) {
                current.append(c).append(headerValue.charAt(++i));
                continue;
            }
            if (comment > 0) {
                comment += c == '(' ? 1 : c == ')' ? -1 : 0;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                comment = 1;
            } else if (!quoted && c == '<') {
                angle = true;
            } else if (!quoted && c == '>') {
                angle = false;
            } else if (!quoted && !angle && (c == ',' || c == ';')) {
                add(entries, current);
                continue;
            } else if (!quoted && !angle && c == ':') {
                // "name:" opens a group; what came before was its display name, not an address.
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        add(entries, current);
        return entries;
    }

    private static void add(List<String> entries, StringBuilder entry) {
        String text = entry.toString().strip();
        if (!HeaderComments.remove(text).isBlank()) {
            entries.add(text);
        }
        entry.setLength(0);
    }
}
