package org.herald.mailets;

import javax.mail.MessagingException;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.mailet.base.GenericMailet;

/** The name Herald gives in EHLO to the next hop: the mailet's {@code heloName}, else the default domain. */
final class HeloName {
    private HeloName() {
    }

    static String of(GenericMailet mailet, DomainList domainList) throws MessagingException {
        String configured = mailet.getInitParameter("heloName");
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        try {
            return domainList.getDefaultDomain().asString();
        } catch (DomainListException e) {
            throw new MessagingException("Cannot read the default domain for EHLO; set the heloName init parameter of " + mailet.getMailetName(), e);
        }
    }
}
