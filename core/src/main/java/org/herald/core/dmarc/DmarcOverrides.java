package org.herald.core.dmarc;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.herald.core.dkim.DkimVerification;
import org.herald.core.greylist.Cidr;
import org.herald.core.spf.SpfResult;

/**
 * Local policy that delivers failing mail anyway (RFC 7489 §7.2 override reasons): mail that a known forwarder or a
 * mailing list relays breaks SPF alignment (new envelope) and often DKIM (changed subject or footer) without being
 * forged. A match sets the disposition to none and is reported with its reason type, so the domain owner learns why.
 *
 * <p>A trusted forwarder is recognised by where it connects from, or by a domain it authenticates: its SPF-passing
 * envelope domain or the d= of a passing DKIM signature, that domain or any below it. Only authenticated domains
 * count, so nobody becomes a trusted forwarder by writing its name in MAIL FROM. A mailing list is recognised by its
 * List-Id (RFC 2919), which any sender can write: list only lists whose mail you would deliver anyway.
 *
 * @param trustedForwarderNetworks client networks of trusted forwarders
 * @param trustedForwarderDomains  domains (ASCII, lower case) of trusted forwarders
 * @param mailingListIds           list ids (the part in angle brackets, lower case), e.g. {@code users.lists.example.org}
 */
public record DmarcOverrides(List<Cidr> trustedForwarderNetworks, List<String> trustedForwarderDomains,
                             List<String> mailingListIds) {
    public static final DmarcOverrides NONE = new DmarcOverrides(List.of(), List.of(), List.of());

    public DmarcOverrides {
        trustedForwarderNetworks = List.copyOf(trustedForwarderNetworks);
        trustedForwarderDomains = trustedForwarderDomains.stream().map(OrganizationalDomains::canonical).distinct().toList();
        mailingListIds = mailingListIds.stream().map(DmarcOverrides::listId).distinct().toList();
        if (mailingListIds.contains("")) {
            throw new IllegalArgumentException("a mailing list id cannot be empty");
        }
    }

    /** The first override that applies to this message, networks first, then domains, then the List-Id. */
    public Optional<DmarcOverrideReason> match(DmarcInput input) {
        for (Cidr network : trustedForwarderNetworks) {
            if (network.contains(input.sourceIp())) {
                return Optional.of(new DmarcOverrideReason(DmarcOverrideType.TRUSTED_FORWARDER,
                    "client " + Cidr.format(input.sourceIp()) + " in trusted forwarder network " + network));
            }
        }
        if (input.spf().isPresent() && input.spf().get().result() == SpfResult.PASS) {
            Optional<String> trusted = trustedDomain(input.spf().get().domain());
            if (trusted.isPresent()) {
                return Optional.of(new DmarcOverrideReason(DmarcOverrideType.TRUSTED_FORWARDER,
                    "SPF pass for trusted forwarder domain " + trusted.get()));
            }
        }
        for (DkimVerification signature : input.dkim()) {
            if (signature.passed()) {
                Optional<String> trusted = trustedDomain(signature.domain());
                if (trusted.isPresent()) {
                    return Optional.of(new DmarcOverrideReason(DmarcOverrideType.TRUSTED_FORWARDER,
                        "DKIM pass for trusted forwarder domain " + trusted.get()));
                }
            }
        }
        if (input.listId().isPresent()) {
            String id = listId(input.listId().get());
            if (mailingListIds.contains(id)) {
                return Optional.of(new DmarcOverrideReason(DmarcOverrideType.MAILING_LIST, "mailing list " + id));
            }
        }
        return Optional.empty();
    }

    public boolean isEmpty() {
        return trustedForwarderNetworks.isEmpty() && trustedForwarderDomains.isEmpty() && mailingListIds.isEmpty();
    }

    private Optional<String> trustedDomain(String authenticated) {
        String domain;
        try {
            domain = OrganizationalDomains.canonical(authenticated);
        } catch (IllegalArgumentException notADomain) {
            return Optional.empty();
        }
        return trustedForwarderDomains.stream()
            .filter(trusted -> domain.equals(trusted) || domain.endsWith("." + trusted))
            .findFirst();
    }

    /** The id of a List-Id value: the text in its last angle brackets (RFC 2919 §2), or the whole value, lower case. */
    static String listId(String value) {
        String id = value.strip();
        int open = id.lastIndexOf('<');
        int close = id.lastIndexOf('>');
        if (open >= 0 && close > open) {
            id = id.substring(open + 1, close).strip();
        }
        return id.toLowerCase(Locale.ROOT);
    }
}
