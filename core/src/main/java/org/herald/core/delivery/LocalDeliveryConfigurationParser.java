package org.herald.core.delivery;

import java.nio.file.Path;
import java.util.Optional;

import org.herald.core.config.XmlConfigFile;
import org.w3c.dom.Element;

/** Reads conf/local-delivery.xml (documented in that file). */
public final class LocalDeliveryConfigurationParser {
    public static final String FILE_NAME = "local-delivery.xml";
    private static final String DISPLAY_NAME = "conf/" + FILE_NAME;

    public LocalDeliveryConfiguration parse(Path confDirectory) {
        return XmlConfigFile.readIfPresent(confDirectory.resolve(FILE_NAME), DISPLAY_NAME, "localDelivery")
            .map(this::parse)
            .orElse(LocalDeliveryConfiguration.DEFAULT);
    }

    public LocalDeliveryConfiguration parse(String xml) {
        return parse(XmlConfigFile.parse(xml, DISPLAY_NAME, "localDelivery"));
    }

    private LocalDeliveryConfiguration parse(XmlConfigFile file) {
        file.allowOnlyChildren(file.root(), "downstream", "repository");
        Optional<Downstream> downstream = file.optionalChild(file.root(), "downstream").map(element -> downstream(file, element));
        String repository = file.optionalChild(file.root(), "repository")
            .map(element -> repository(file, element))
            .orElse(LocalDeliveryConfiguration.DEFAULT_REPOSITORY);
        return new LocalDeliveryConfiguration(downstream, repository);
    }

    private Downstream downstream(XmlConfigFile file, Element element) {
        String protocol = file.attribute(element, "protocol").orElse("smtp");
        if (!protocol.equals("smtp")) {
            throw file.error(element, "protocol \"" + protocol + "\" is not supported",
                "use protocol=\"smtp\" (point it at the mailbox server's SMTP or submission listener); LMTP is not supported yet");
        }
        String host = file.requiredAttribute(element, "host", "set host to the mailbox server's host name or IP address");
        int port = file.intAttribute(element, "port", 25, 1, 65535);
        return new Downstream(host, port);
    }

    private String repository(XmlConfigFile file, Element element) {
        String url = file.requiredAttribute(element, "url", "set url to a file:// repository such as file://var/mail/inbox/");
        if (!url.startsWith("file://")) {
            throw file.error(element, "url \"" + url + "\" is not a file repository", "use a file:// URL such as file://var/mail/inbox/");
        }
        return url.endsWith("/") ? url : url + "/";
    }
}
