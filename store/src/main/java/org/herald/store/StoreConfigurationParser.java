package org.herald.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.herald.core.config.InvalidConfigurationException;
import org.herald.core.config.Secret;
import org.herald.core.config.XmlConfigFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * Reads {@code conf/store.xml}:
 *
 * <pre>{@code
 * <store>
 *   <!-- default (also when the file is absent or <store/> is empty): H2 in <dataDir>/store -->
 *   <embedded directory="store"/>
 *   <!-- or, to share state between nodes: -->
 *   <postgresql url="jdbc:postgresql://db.example.net:5432/herald" user="herald"
 *               passwordEnv="HERALD_PG_PASSWORD" poolSize="10"/>
 * </store>
 * }</pre>
 *
 * <p>The PostgreSQL password comes from exactly one of {@code passwordEnv} (an environment variable),
 * {@code passwordFile} (a file holding only the password) or {@code password} (inline, discouraged: logs a warning).
 * A relative embedded {@code directory} is resolved against the data directory.
 */
public final class StoreConfigurationParser {
    public static final String FILE_NAME = "store.xml";
    public static final String ROOT = "store";
    private static final Logger LOGGER = LoggerFactory.getLogger(StoreConfigurationParser.class);
    private static final Set<String> EMBEDDED_ATTRIBUTES = Set.of("directory");
    private static final Set<String> POSTGRES_ATTRIBUTES = Set.of("url", "user", "password", "passwordEnv", "passwordFile", "poolSize");

    private StoreConfigurationParser() {
    }

    /** Reads {@code <confDirectory>/store.xml}; see {@link #parse(Path, Path, Map)}. */
    public static StoreConfiguration load(Path confDirectory, Path dataDirectory) {
        return parse(confDirectory.resolve(FILE_NAME), dataDirectory, System.getenv());
    }

    /** Reads {@code file} with the process environment; an absent file means the embedded default. */
    public static StoreConfiguration parse(Path file, Path dataDirectory) {
        return parse(file, dataDirectory, System.getenv());
    }

    /** Reads {@code file}, resolving {@code passwordEnv} in {@code environment}; an absent file means the embedded default. */
    public static StoreConfiguration parse(Path file, Path dataDirectory, Map<String, String> environment) {
        Optional<XmlConfigFile> config = XmlConfigFile.readIfPresent(file, displayName(file), ROOT);
        if (config.isEmpty()) {
            return StoreConfiguration.Embedded.defaultIn(dataDirectory);
        }
        return parse(config.get(), dataDirectory, environment);
    }

    /** Parses XML text; {@code fileName} (e.g. "conf/store.xml") only names the file in error messages. */
    public static StoreConfiguration parse(String xml, String fileName, Path dataDirectory) {
        return parse(xml, fileName, dataDirectory, System.getenv());
    }

    public static StoreConfiguration parse(String xml, String fileName, Path dataDirectory, Map<String, String> environment) {
        return parse(XmlConfigFile.parse(xml, fileName, ROOT), dataDirectory, environment);
    }

    private static StoreConfiguration parse(XmlConfigFile file, Path dataDirectory, Map<String, String> environment) {
        Element root = file.root();
        file.allowOnlyChildren(root, "embedded", "postgresql");
        Optional<Element> embedded = file.optionalChild(root, "embedded");
        Optional<Element> postgres = file.optionalChild(root, "postgresql");
        if (embedded.isPresent() && postgres.isPresent()) {
            throw file.error(root, "names both <embedded> and <postgresql>",
                "keep only one: <embedded> for a store private to this node, <postgresql> for one shared between nodes");
        }
        if (postgres.isPresent()) {
            return postgres(file, postgres.get(), environment);
        }
        return embedded.map(element -> embedded(file, element, dataDirectory))
            .orElseGet(() -> StoreConfiguration.Embedded.defaultIn(dataDirectory));
    }

    private static StoreConfiguration.Embedded embedded(XmlConfigFile file, Element element, Path dataDirectory) {
        allowOnlyAttributes(file, element, EMBEDDED_ATTRIBUTES);
        Optional<String> directory = file.attribute(element, "directory");
        if (directory.isEmpty()) {
            return StoreConfiguration.Embedded.defaultIn(dataDirectory);
        }
        if (directory.get().isEmpty()) {
            throw file.error(element, "directory is empty",
                "remove the attribute to use " + StoreConfiguration.DEFAULT_EMBEDDED_DIRECTORY
                    + " below the data directory, or name a directory");
        }
        try {
            return new StoreConfiguration.Embedded(dataDirectory.resolve(directory.get()));
        } catch (java.nio.file.InvalidPathException e) {
            throw file.error(element, "directory \"" + directory.get() + "\" is not a valid path (" + e.getReason() + ")",
                "name a directory, relative to the data directory or absolute");
        }
    }

    private static StoreConfiguration.Postgres postgres(XmlConfigFile file, Element element, Map<String, String> environment) {
        allowOnlyAttributes(file, element, POSTGRES_ATTRIBUTES);
        String url = file.requiredAttribute(element, "url", "set url=\"jdbc:postgresql://host:5432/database\"");
        if (!url.startsWith("jdbc:postgresql://")) {
            throw file.error(element, "url \"" + url + "\" is not a PostgreSQL JDBC URL",
                "write it as jdbc:postgresql://host:5432/database");
        }
        String user = file.requiredAttribute(element, "user", "set user to the PostgreSQL role Herald logs in as");
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
                "set passwordEnv=\"HERALD_PG_PASSWORD\" (an environment variable) or passwordFile=\"/path/to/file\""));
        if (passwordSources.equals(List.of("password"))) {
            LOGGER.warn("{}: <postgresql>: the password is written inline; anyone who can read the file can log in to "
                + "the store — move it to an environment variable (passwordEnv) or a file (passwordFile)", file.displayName());
        }
        int poolSize = poolSize(file, element);
        return new StoreConfiguration.Postgres(url, user, password, poolSize);
    }

    private static int poolSize(XmlConfigFile file, Element element) {
        Optional<String> raw = file.attribute(element, "poolSize");
        if (raw.isEmpty()) {
            return StoreConfiguration.DEFAULT_POOL_SIZE;
        }
        String range = "1 to " + StoreConfiguration.MAX_POOL_SIZE;
        int value;
        try {
            value = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw file.error(element, "poolSize \"" + raw.get() + "\" is not a whole number", "use a number from " + range);
        }
        if (value < 1 || value > StoreConfiguration.MAX_POOL_SIZE) {
            throw file.error(element, "poolSize " + value + " is out of range", "use a number from " + range
                + " (connections this node keeps open to PostgreSQL; default " + StoreConfiguration.DEFAULT_POOL_SIZE + ")");
        }
        return value;
    }

    /** Rejects attributes the element does not define, so a typo (pasword=) never silently falls back to a default. */
    private static void allowOnlyAttributes(XmlConfigFile file, Element element, Set<String> allowed) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            String name = attributes.item(i).getNodeName();
            if (!allowed.contains(name)) {
                throw file.error(element, "has an unknown attribute " + name,
                    "use only " + allowed.stream().sorted().toList() + ", or remove it");
            }
        }
    }

    /** "conf/store.xml" when the file sits in a directory named conf, else its path, as operators see it. */
    static String displayName(Path file) {
        Path parent = file.getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("conf")) {
            return "conf/" + file.getFileName();
        }
        return file.toString();
    }
}
