package org.herald.core.dkim.keys;

import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.herald.core.config.Secret;
import org.herald.core.config.XmlConfigFile;
import org.herald.core.dkim.DkimAlgorithm;
import org.w3c.dom.Element;

/** Reads conf/dkim.xml (documented in that file); an absent file means the documented defaults. */
public final class DkimConfigurationParser {
    public static final String FILE_NAME = "dkim.xml";
    private static final String DISPLAY_NAME = "conf/" + FILE_NAME;

    private final Map<String, String> environment;

    public DkimConfigurationParser(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public DkimConfiguration parse(Path confDirectory) {
        return XmlConfigFile.readIfPresent(confDirectory.resolve(FILE_NAME), DISPLAY_NAME, "dkim")
            .map(this::parse)
            .orElse(DkimConfiguration.DEFAULT);
    }

    public DkimConfiguration parse(String xml) {
        return parse(XmlConfigFile.parse(xml, DISPLAY_NAME, "dkim"));
    }

    private DkimConfiguration parse(XmlConfigFile file) {
        Element root = file.root();
        file.allowOnlyChildren(root, "keys", "privateKeyEncryption", "verification", "signing");
        DkimConfiguration defaults = DkimConfiguration.DEFAULT;

        Optional<Element> keys = file.optionalChild(root, "keys");
        SelectorNaming naming = keys.flatMap(element -> file.attribute(element, "selectorPattern"))
            .map(pattern -> selectorNaming(file, keys.get(), pattern))
            .orElse(defaults.naming());
        Set<DkimAlgorithm> algorithms = keys.flatMap(element -> file.attribute(element, "algorithms"))
            .map(list -> algorithms(file, keys.get(), list))
            .orElse(defaults.algorithms());
        var overlap = keys.map(element -> file.durationAttribute(element, "overlap", defaults.overlap())).orElse(defaults.overlap());
        var interval = keys.map(element -> file.durationAttribute(element, "dnsCheckInterval", defaults.dnsCheckInterval()))
            .orElse(defaults.dnsCheckInterval());
        var refresh = keys.map(element -> file.durationAttribute(element, "refresh", defaults.keyRefresh()))
            .orElse(defaults.keyRefresh());

        Optional<Secret> keyEncryptionKey = file.optionalChild(root, "privateKeyEncryption")
            .flatMap(element -> Secret.fromAttributes(file, element, "key", environment)
                .map(secret -> validKey(file, element, secret)));

        Optional<Element> verification = file.optionalChild(root, "verification");
        Optional<String> authservId = verification.flatMap(element -> file.attribute(element, "authservId"))
            .filter(value -> !value.isEmpty());
        if (authservId.isPresent() && !authservId.get().matches("[A-Za-z0-9.-]+")) {
            throw file.error(verification.get(), "authservId \"" + authservId.get() + "\" is not a host name",
                "use this server's host name, e.g. mx.example.com");
        }
        int maxSignatures = verification.map(element -> file.intAttribute(element, "maxSignatures", defaults.maxSignatures(), 1, 20))
            .orElse(defaults.maxSignatures());
        DkimConfiguration.SigningProvider signingProvider = file.optionalChild(root, "signing")
            .map(element -> signingProvider(file, element))
            .orElse(defaults.signingProvider());
        return new DkimConfiguration(naming, algorithms, overlap, interval, refresh, keyEncryptionKey, authservId, maxSignatures,
            signingProvider);
    }

    private static DkimConfiguration.SigningProvider signingProvider(XmlConfigFile file, Element element) {
        file.allowOnlyAttributes(element, "provider");
        String value = file.attribute(element, "provider").orElse("auto").strip();
        switch (value) {
            case "auto":
                return DkimConfiguration.SigningProvider.AUTO;
            case "java":
                return DkimConfiguration.SigningProvider.JAVA;
            default:
                throw file.error(element, "provider \"" + value + "\" is not a signing provider",
                    "use auto (the native provider where it loads, else pure Java) or java");
        }
    }

    private static SelectorNaming selectorNaming(XmlConfigFile file, Element element, String pattern) {
        try {
            return new SelectorNaming(pattern);
        } catch (IllegalArgumentException e) {
            throw file.error(element, "selectorPattern \"" + pattern + "\" is unusable: " + e.getMessage(),
                "use letters, digits, hyphens and the placeholders {yyyy} {MM} {dd} {alg}, e.g. h{yyyy}{MM}{alg}");
        }
    }

    static Set<DkimAlgorithm> algorithms(XmlConfigFile file, Element element, String list) {
        Set<DkimAlgorithm> algorithms = EnumSet.noneOf(DkimAlgorithm.class);
        for (String tag : list.trim().split("[\\s,]+")) {
            algorithms.add(DkimAlgorithm.fromTag(tag).orElseThrow(() -> file.error(element,
                "algorithms names \"" + tag + "\", which is not a DKIM signing algorithm", "use rsa-sha256 and/or ed25519-sha256")));
        }
        return algorithms;
    }

    private static Secret validKey(XmlConfigFile file, Element element, Secret secret) {
        try {
            if (Base64.getDecoder().decode(secret.reveal().strip()).length == PrivateKeySealer.KEY_BYTES) {
                return secret;
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below with the fix
        }
        throw file.error(element, "the key-encryption key is not base64 of 32 bytes",
            "generate one with `openssl rand -base64 32`");
    }
}
