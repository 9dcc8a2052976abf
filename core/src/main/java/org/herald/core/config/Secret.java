package org.herald.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.w3c.dom.Element;

/** A password or key read from configuration; never printed, so records holding one can be logged safely. */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "*****";
    }

    /**
     * Resolves a secret from the attributes {@code <prefix>Env}, {@code <prefix>File} or (discouraged) {@code <prefix>}
     * of an element: environment and files keep secrets out of configuration that is shared or committed.
     */
    public static Optional<Secret> fromAttributes(XmlConfigFile file, Element element, String prefix, Map<String, String> environment) {
        var fromEnv = file.attribute(element, prefix + "Env");
        if (fromEnv.isPresent()) {
            String value = environment.get(fromEnv.get());
            if (value == null || value.isEmpty()) {
                throw file.error(element, prefix + "Env names the environment variable " + fromEnv.get() + ", which is not set",
                    "export " + fromEnv.get() + " before starting Herald, or use " + prefix + "File");
            }
            return Optional.of(new Secret(value));
        }
        var fromFile = file.attribute(element, prefix + "File");
        if (fromFile.isPresent()) {
            try {
                return Optional.of(new Secret(Files.readString(Path.of(fromFile.get()), StandardCharsets.UTF_8).strip()));
            } catch (IOException e) {
                throw file.error(element, prefix + "File " + fromFile.get() + " cannot be read (" + e.getMessage() + ")",
                    "point " + prefix + "File at a readable file holding only the secret");
            }
        }
        return file.attribute(element, prefix).map(Secret::new);
    }
}
