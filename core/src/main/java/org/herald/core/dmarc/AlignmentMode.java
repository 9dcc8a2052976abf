package org.herald.core.dmarc;

import java.util.Optional;

/**
 * How closely an authenticated domain (SPF's MAIL FROM domain, a DKIM signature's d=) must match the From domain for
 * DMARC to count it (RFC 7489 §3.1, the adkim= and aspf= tags).
 */
public enum AlignmentMode {
    /** Same organisational domain: mail.example.com aligns with example.com. The default. */
    RELAXED("r"),
    /** The very same domain, compared case-insensitively in its ASCII form. */
    STRICT("s");

    private final String tag;

    AlignmentMode(String tag) {
        this.tag = tag;
    }

    /** "r" or "s", as written in a record and in reports. */
    public String tag() {
        return tag;
    }

    public static Optional<AlignmentMode> fromTag(String tag) {
        for (AlignmentMode mode : values()) {
            if (mode.tag.equalsIgnoreCase(tag.trim())) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code authenticatedDomain} aligns with {@code fromDomain} in this mode. A name that is not a domain
     * name aligns with nothing.
     */
    public boolean aligns(String fromDomain, String authenticatedDomain, OrganizationalDomains organizationalDomains) {
        if (fromDomain.isBlank() || authenticatedDomain.isBlank()) {
            return false;
        }
        try {
            if (this == STRICT) {
                return OrganizationalDomains.canonical(fromDomain).equals(OrganizationalDomains.canonical(authenticatedDomain));
            }
            return organizationalDomains.organizationalDomain(fromDomain)
                .equals(organizationalDomains.organizationalDomain(authenticatedDomain));
        } catch (IllegalArgumentException notADomain) {
            return false;
        }
    }
}
