package org.herald.core.dkim;

/**
 * A tag=value list or a DKIM-Signature header field that breaks the syntax of RFC 6376 §3.2 and §3.5. A verifier
 * reports the signature as permerror with this message as the reason, so messages are short and name the tag.
 */
public final class DkimSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DkimSyntaxException(String message) {
        super(message);
    }
}
