package org.herald.server.tls;

import java.nio.file.Path;

import org.herald.server.layout.HeraldLayout;

/** A {@code <tls>} block's keystore location and secret, as written in conf/smtpserver.xml. */
public record TlsKeystoreReference(String location, String secret) {
    @Override
    public String toString() {
        return "TlsKeystoreReference[location=" + location + ", secret=*****]";
    }

    public Path resolve(HeraldLayout layout) {
        if (location.startsWith("file://var/")) {
            return layout.dataDirectory().resolve(location.substring("file://var/".length()));
        }
        if (location.startsWith("file://conf/")) {
            return layout.confDirectory().resolve(location.substring("file://conf/".length()));
        }
        if (location.startsWith("file://")) {
            return Path.of(location.substring("file://".length()));
        }
        return layout.home().resolve(location);
    }
}
