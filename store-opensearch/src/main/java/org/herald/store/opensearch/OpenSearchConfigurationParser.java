package org.herald.store.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.herald.core.config.Secret;
import org.herald.core.config.XmlConfigFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * Reads {@code conf/opensearch.xml}:
 *
 * <pre>{@code
 * <opensearch indexPrefix="herald-dmarc" replicas="auto" connectTimeout="2s" socketTimeout="10s">
 *   <host url="https://search1.example.net:9200"/>
 *   <host url="https://search2.example.net:9200"/>
 *   <credentials username="herald" passwordEnv="HERALD_OPENSEARCH_PASSWORD"/>
 *   <tls caFile="/etc/herald/opensearch-ca.pem"/>
 * </opensearch>
 * }</pre>
 *
 * <p>An absent file, or one without a {@code <host>}, names no cluster: {@link Optional#empty()}, and the DMARC reports
 * stay in the state store. The password comes from exactly one of {@code passwordEnv}, {@code passwordFile} or
 * {@code password} (inline, logs a warning).
 */
public final class OpenSearchConfigurationParser {
    public static final String FILE_NAME = "opensearch.xml";
    public static final String ROOT = "opensearch";
    private static final Logger LOGGER = LoggerFactory.getLogger(OpenSearchConfigurationParser.class);
    private static final Set<String> ROOT_ATTRIBUTES = Set.of("indexPrefix", "replicas", "connectTimeout", "socketTimeout");
    private static final Set<String> CREDENTIALS_ATTRIBUTES = Set.of("username", "password", "passwordEnv", "passwordFile");
    private static final int MAX_REPLICAS = 10;

    private OpenSearchConfigurationParser() {
    }

    /** Reads {@code <confDirectory>/opensearch.xml}, resolving {@code passwordEnv} in {@code environment}. */
    public static Optional<OpenSearchConfiguration> load(Path confDirectory, Map<String, String> environment) {
        return parse(confDirectory.resolve(FILE_NAME), environment);
    }

    /** Reads {@code file}, resolving {@code passwordEnv} in {@code environment}; an absent file names no cluster. */
    public static Optional<OpenSearchConfiguration> parse(Path file, Map<String, String> environment) {
        return XmlConfigFile.readIfPresent(file, displayName(file), ROOT).flatMap(config -> parse(config, environment));
    }

    /** Parses XML text; {@code fileName} (e.g. "conf/opensearch.xml") only names the file in error messages. */
    public static Optional<OpenSearchConfiguration> parse(String xml, String fileName, Map<String, String> environment) {
        return parse(XmlConfigFile.parse(xml, fileName, ROOT), environment);
    }

    private static Optional<OpenSearchConfiguration> parse(XmlConfigFile file, Map<String, String> environment) {
        Element root = file.root();
        file.allowOnlyChildren(root, "host", "credentials", "tls");
        allowOnlyAttributes(file, root, ROOT_ATTRIBUTES);
        List<Element> hostElements = file.children(root, "host");
        Optional<Element> credentialsElement = file.optionalChild(root, "credentials");
        Optional<Element> tlsElement = file.optionalChild(root, "tls");
        if (hostElements.isEmpty()) {
            if (root.getAttributes().getLength() > 0 || credentialsElement.isPresent() || tlsElement.isPresent()) {
                throw file.error(root, "has settings but no <host>, so names no cluster",
                    "add <host url=\"https://search.example.net:9200\"/> to keep DMARC reports in OpenSearch, or remove the "
                        + "settings to keep them in the state store");
            }
            return Optional.empty();
        }
        List<URI> hosts = new ArrayList<>();
        for (Element host : hostElements) {
            URI url = host(file, host);
            if (hosts.contains(url)) {
                throw file.error(host, "names " + url + " twice", "keep one <host> per node");
            }
            hosts.add(url);
        }
        String prefix = file.attribute(root, "indexPrefix").orElse(OpenSearchConfiguration.DEFAULT_INDEX_PREFIX);
        if (!OpenSearchConfiguration.INDEX_PREFIX.matcher(prefix).matches()) {
            throw file.error(root, "indexPrefix \"" + prefix + "\" cannot start an OpenSearch index name",
                "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit (default "
                    + OpenSearchConfiguration.DEFAULT_INDEX_PREFIX + ")");
        }
        OptionalInt replicas = replicas(file, root);
        Duration connectTimeout = file.durationAttribute(root, "connectTimeout", OpenSearchConfiguration.DEFAULT_CONNECT_TIMEOUT);
        Duration socketTimeout = file.durationAttribute(root, "socketTimeout", OpenSearchConfiguration.DEFAULT_SOCKET_TIMEOUT);
        Optional<OpenSearchConfiguration.Credentials> credentials = credentialsElement.map(element -> credentials(file, element, environment));
        if (credentials.isPresent() && hosts.stream().anyMatch(url -> url.getScheme().equals("http"))) {
            LOGGER.warn("{}: <credentials>: the password is sent in clear text to the http:// hosts {} — use https:// hosts",
                file.displayName(), hosts.stream().filter(url -> url.getScheme().equals("http")).toList());
        }
        Optional<Path> caFile = tlsElement.map(element -> caFile(file, element, hosts));
        return Optional.of(new OpenSearchConfiguration(hosts, credentials, caFile, prefix, replicas, connectTimeout, socketTimeout));
    }

    private static URI host(XmlConfigFile file, Element element) {
        allowOnlyAttributes(file, element, Set.of("url"));
        String raw = file.requiredAttribute(element, "url", "write url=\"https://search.example.net:9200\"");
        String fix = "write it as http://host:port or https://host:port, e.g. https://search.example.net:9200";
        URI url;
        try {
            url = new URI(raw);
        } catch (URISyntaxException e) {
            throw file.error(element, "url \"" + raw + "\" is not a URL (" + e.getReason() + ")", fix);
        }
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw file.error(element, "url \"" + raw + "\" is not an http or https URL", fix);
        }
        if (url.getRawUserInfo() != null) {
            throw file.error(element, "url \"" + raw + "\" carries a user name or password",
                "remove it from the URL and put it in <credentials username=\"...\" passwordEnv=\"...\"/>");
        }
        if (url.getHost() == null || url.getPort() < 0) {
            throw file.error(element, "url \"" + raw + "\" lacks a host or a port", fix + " (OpenSearch listens on 9200 by default)");
        }
        if (!(url.getRawPath() == null || url.getRawPath().isEmpty() || url.getRawPath().equals("/"))
            || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw file.error(element, "url \"" + raw + "\" has a path, query or fragment", fix);
        }
        return URI.create(url.getScheme() + "://" + url.getRawAuthority());
    }

    private static OptionalInt replicas(XmlConfigFile file, Element root) {
        Optional<String> raw = file.attribute(root, "replicas");
        if (raw.isEmpty() || raw.get().equals("auto")) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= 0 && value <= MAX_REPLICAS) {
                return OptionalInt.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw file.error(root, "replicas \"" + raw.get() + "\" is neither auto nor a number from 0 to " + MAX_REPLICAS,
            "write auto (the default: one replica once the cluster has two nodes, none on one node) or a number of replicas");
    }

    private static OpenSearchConfiguration.Credentials credentials(XmlConfigFile file, Element element, Map<String, String> environment) {
        allowOnlyAttributes(file, element, CREDENTIALS_ATTRIBUTES);
        String username = file.requiredAttribute(element, "username", "set username to the OpenSearch user Herald logs in as");
        List<String> passwordSources = List.of("passwordEnv", "passwordFile", "password").stream()
            .filter(element::hasAttribute)
            .toList();
        if (passwordSources.size() > 1) {
            throw file.error(element, "gives the password more than once (" + String.join(", ", passwordSources) + ")",
                "keep exactly one of passwordEnv, passwordFile or password");
        }
        Secret password = Secret.fromAttributes(file, element, "password", environment)
            .filter(secret -> !secret.reveal().isEmpty())
            .orElseThrow(() -> file.error(element, "has no password",
                "set passwordEnv=\"HERALD_OPENSEARCH_PASSWORD\" (an environment variable) or passwordFile=\"/path/to/file\""));
        if (passwordSources.equals(List.of("password"))) {
            LOGGER.warn("{}: <credentials>: the password is written inline; anyone who can read the file can log in to "
                + "the cluster — move it to an environment variable (passwordEnv) or a file (passwordFile)", file.displayName());
        }
        return new OpenSearchConfiguration.Credentials(username, password);
    }

    private static Path caFile(XmlConfigFile file, Element element, List<URI> hosts) {
        allowOnlyAttributes(file, element, Set.of("caFile"));
        String raw = file.requiredAttribute(element, "caFile",
            "set caFile to a PEM file of the certificate authority that signed the cluster's certificates, or remove <tls> "
                + "to trust the JDK's authorities");
        if (hosts.stream().noneMatch(url -> url.getScheme().equals("https"))) {
            throw file.error(element, "caFile is set but no <host> uses https", "write the hosts as https://host:port, or remove <tls>");
        }
        Path path;
        try {
            path = Path.of(raw).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw file.error(element, "caFile \"" + raw + "\" is not a valid path (" + e.getReason() + ")", "name a readable PEM file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            TrustedAuthorities.read(in);
        } catch (IOException e) {
            throw file.error(element, "caFile " + path + " cannot be read (" + e + ")",
                "point caFile at a PEM file readable by the user running Herald");
        } catch (CertificateException e) {
            throw file.error(element, "caFile " + path + " holds no PEM certificate (" + e.getMessage() + ")",
                "point caFile at the authority's certificate, the text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----");
        }
        return path;
    }

    /** Rejects attributes the element does not define, so a typo (pasword=) never silently falls back to a default. */
    private static void allowOnlyAttributes(XmlConfigFile file, Element element, Set<String> allowed) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            String name = attributes.item(i).getNodeName();
            if (!allowed.contains(name)) {
                throw file.error(element, "has an unknown attribute " + name,
                    allowed.isEmpty() ? "remove it" : "use only " + allowed.stream().sorted().toList() + ", or remove it");
            }
        }
    }

    /** "conf/opensearch.xml" when the file sits in a directory named conf, else its path, as operators see it. */
    static String displayName(Path file) {
        Path parent = file.getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("conf")) {
            return "conf/" + file.getFileName();
        }
        return file.toString();
    }
}
