package org.herald.core.dkim.keys;

/** No key with that selector for that domain. */
public final class DkimKeyNotFoundException extends RuntimeException {
    public DkimKeyNotFoundException(String domain, String selector) {
        super("The domain " + domain + " has no DKIM key with selector " + selector);
    }
}
