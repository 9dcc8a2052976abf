package org.herald.mailets;

import javax.mail.MessagingException;

import org.apache.mailet.base.GenericMailet;

/** The {@code deliveryThreads} init parameter: how many mails a delivery mailet hands on at once. */
final class DeliveryThreads {
    private DeliveryThreads() {
    }

    static int parse(GenericMailet mailet, String value) throws MessagingException {
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1 && threads <= 256) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MessagingException("conf/mailetcontainer.xml: mailet " + mailet.getMailetName() + ": <deliveryThreads>"
            + value + "</deliveryThreads> is not a number from 1 to 256 — fix: give the number of mails delivered at once, e.g. 8");
    }
}
