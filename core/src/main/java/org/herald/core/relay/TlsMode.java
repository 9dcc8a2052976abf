package org.herald.core.relay;

/** How Herald secures its connection to a relay. */
public enum TlsMode {
    /** Plain SMTP; only sensible on loopback or a trusted network. */
    NONE,
    /** Plain connect, then STARTTLS is required before AUTH and the mail (submission, usually port 587). */
    STARTTLS,
    /** TLS from the first byte (SMTPS, usually port 465). */
    IMPLICIT
}
