package org.herald.core.greylist;

import java.util.Arrays;
import java.util.Optional;

/** What a greylist whitelist entry names; {@link #pathLabel()} is its segment in the WebAdmin routes. */
public enum WhitelistKind {
    /** A client network in CIDR notation, IPv4 or IPv6; a bare address means that one host. */
    NETWORK("networks"),
    /** A client whose PTR name is this domain or below it. */
    RDNS_DOMAIN("rdns-domains"),
    /** An envelope sender: a full address, or {@code @domain} for the domain and its subdomains. */
    SENDER("senders"),
    /** A recipient: a full address, {@code localpart@} (that local part at any domain) or {@code @domain}. */
    RECIPIENT("recipients");

    private final String pathLabel;

    WhitelistKind(String pathLabel) {
        this.pathLabel = pathLabel;
    }

    public String pathLabel() {
        return pathLabel;
    }

    public static Optional<WhitelistKind> fromPathLabel(String label) {
        return Arrays.stream(values()).filter(kind -> kind.pathLabel.equals(label)).findFirst();
    }
}
