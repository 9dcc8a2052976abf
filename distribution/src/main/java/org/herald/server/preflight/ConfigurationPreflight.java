package org.herald.server.preflight;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.commons.configuration2.convert.PropertyConverter;
import org.apache.commons.configuration2.ex.ConversionException;
import org.herald.core.config.InvalidConfigurationException;
import org.herald.core.config.XmlConfigFile;
import org.herald.server.layout.HeraldLayout;
import org.herald.server.tls.TlsKeystoreReference;
import org.w3c.dom.Element;

/**
 * Checks run before James is assembled, so that the usual mistakes end start-up with one line naming the file,
 * the element and the fix instead of a Guice stack trace: a conf file that is not well-formed XML, a missing file
 * Herald relies on, and a WebAdmin exposed beyond loopback without authentication.
 */
public final class ConfigurationPreflight {
    /** Files James would silently treat as empty (disabling WebAdmin, say) if they were missing. */
    static final List<String> REQUIRED_FILES = List.of("smtpserver.xml", "mailetcontainer.xml", "webadmin.properties",
        "domainlist.xml", "usersrepository.xml", "mailrepositorystore.xml", "recipientrewritetable.xml");
    /**
     * James's DNS configuration, which Herald no longer reads (conf/dns.xml is the server's only DNS configuration):
     * left in place it would silently stop applying, so the resolvers it names would no longer be used.
     */
    static final String RETIRED_DNS_FILE = "dnsservice.xml";

    private final HeraldLayout layout;

    public ConfigurationPreflight(HeraldLayout layout) {
        this.layout = layout;
    }

    /** Runs every check; returns the TLS keystores the SMTP listeners expect. */
    public List<TlsKeystoreReference> check() {
        if (!Files.isDirectory(layout.confDirectory())) {
            throw new InvalidConfigurationException(layout.confDirectory().toString(), "the configuration directory",
                "does not exist", "start Herald from its installation directory, or pass -Dherald.conf=/path/to/conf");
        }
        for (String required : REQUIRED_FILES) {
            if (!Files.exists(layout.confFile(required))) {
                throw new InvalidConfigurationException("conf/" + required, "the whole file", "is missing",
                    "restore it from the Herald distribution's conf/ directory");
            }
        }
        if (Files.exists(layout.confFile(RETIRED_DNS_FILE))) {
            throw new InvalidConfigurationException("conf/" + RETIRED_DNS_FILE, "the whole file",
                "is no longer read: Herald's resolvers, timeouts and cache are configured in conf/dns.xml",
                "move its <servers><server> addresses to <resolver address=\"...\"/> elements of conf/dns.xml, then delete conf/"
                    + RETIRED_DNS_FILE);
        }
        checkXmlWellFormed();
        checkWebAdminExposure();
        return tlsKeystores();
    }

    private void checkXmlWellFormed() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.confDirectory(), "*.xml")) {
            for (Path file : files) {
                XmlConfigFile.read(file, "conf/" + file.getFileName());
            }
        } catch (IOException e) {
            throw new InvalidConfigurationException(layout.confDirectory().toString(), "the configuration directory",
                "cannot be listed (" + e.getMessage() + ")", "make it readable by the user running Herald");
        }
    }

    private void checkWebAdminExposure() {
        Properties webadmin = new Properties();
        try (Reader reader = Files.newBufferedReader(layout.confFile("webadmin.properties"))) {
            webadmin.load(reader);
        } catch (IOException e) {
            throw new InvalidConfigurationException("conf/webadmin.properties", "the whole file",
                "cannot be read (" + e.getMessage() + ")", "make it readable by the user running Herald");
        }
        if (!booleanProperty(webadmin, "enabled")) {
            return;
        }
        String host = webadmin.getProperty("host", "localhost").trim();
        boolean jwt = booleanProperty(webadmin, "jwt.enabled");
        if (jwt && webadmin.getProperty("jwt.publickeypem.url", "").isBlank()) {
            throw new InvalidConfigurationException("conf/webadmin.properties", "jwt.enabled=true",
                "has no key to verify tokens with", "set jwt.publickeypem.url to your JWT public key, e.g. file://conf/jwt_publickey");
        }
        if (!jwt && !isLoopback(host)) {
            throw new InvalidConfigurationException("conf/webadmin.properties", "host=" + host,
                "exposes WebAdmin (full control of the server) beyond loopback without authentication",
                "bind host=127.0.0.1, or set jwt.enabled=true with jwt.publickeypem.url pointing at your JWT public key");
        }
    }

    /**
     * Reads a flag as James does (commons-configuration: true, yes, on, y, t, 1 in any case), so that a WebAdmin James
     * starts with enabled=yes is checked too. Both default to false in James.
     */
    private static boolean booleanProperty(Properties properties, String name) {
        String raw = properties.getProperty(name, "false").trim();
        try {
            return PropertyConverter.toBoolean(raw);
        } catch (ConversionException e) {
            throw new InvalidConfigurationException("conf/webadmin.properties", name + "=" + raw, "is not true or false",
                "set " + name + " to true or false");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private List<TlsKeystoreReference> tlsKeystores() {
        XmlConfigFile smtp = XmlConfigFile.read(layout.confFile("smtpserver.xml"), "conf/smtpserver.xml");
        List<TlsKeystoreReference> references = new ArrayList<>();
        for (Element server : smtp.children(smtp.root(), "smtpserver")) {
            if (!smtp.booleanAttribute(server, "enabled", true)) {
                continue;
            }
            for (Element tls : smtp.children(server, "tls")) {
                boolean used = smtp.booleanAttribute(tls, "socketTLS", false) || smtp.booleanAttribute(tls, "startTLS", false);
                if (!used) {
                    continue;
                }
                String keystore = text(smtp, tls, "keystore");
                String secret = text(smtp, tls, "secret");
                references.add(new TlsKeystoreReference(keystore, secret));
            }
        }
        return references;
    }

    private static String text(XmlConfigFile file, Element parent, String child) {
        return file.optionalChild(parent, child)
            .map(element -> element.getTextContent().trim())
            .filter(value -> !value.isEmpty())
            .orElseThrow(() -> file.error(parent, "enables TLS but has no <" + child + ">",
                "add <" + child + "> (see the comments in conf/smtpserver.xml)"));
    }
}
