package org.herald.mailets;

import javax.mail.MessagingException;

import org.apache.mailet.base.GenericMailet;

/**
 * The {@code firstAttempt} init parameter of the delivery mailets: {@code immediate} (the spool thread makes the first
 * attempt; only mail that must wait is queued) or {@code queued} (every mail goes through the queue first).
 */
final class FirstAttempt {
    private FirstAttempt() {
    }

    /** Whether the first attempt is made at once; the parameter defaults to {@code immediate}. */
    static boolean isImmediate(GenericMailet mailet) throws MessagingException {
        String value = mailet.getInitParameter("firstAttempt", "immediate");
        switch (value.strip()) {
            case "immediate":
                return true;
            case "queued":
                return false;
            default:
                throw new MessagingException("conf/mailetcontainer.xml: mailet " + mailet.getMailetName() + ": <firstAttempt>" + value
                    + "</firstAttempt> is neither immediate nor queued — fix: immediate (the default: delivered at once, "
                    + "queued only for a retry) or queued");
        }
    }
}
