package org.herald.server.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.apache.james.filesystem.api.JamesDirectoriesProvider;

/**
 * Where Herald reads its configuration and writes its state. Everything Herald persists by default
 * (queue, Derby, file repositories, Herald's own store, generated TLS keys) lives below {@link #dataDirectory()},
 * so one directory is all an operator backs up or moves.
 */
public record HeraldLayout(Path home, Path confDirectory, Path dataDirectory) implements JamesDirectoriesProvider {
    public static final String HOME_PROPERTY = "herald.home";
    public static final String CONF_PROPERTY = "herald.conf";
    public static final String DATA_PROPERTY = "herald.data";
    public static final String DATA_ENV = "HERALD_DATA_DIR";

    public HeraldLayout {
        home = home.toAbsolutePath().normalize();
        confDirectory = confDirectory.toAbsolutePath().normalize();
        dataDirectory = dataDirectory.toAbsolutePath().normalize();
    }

    /** Resolves the layout from system properties, then the environment, then the defaults below the home. */
    public static HeraldLayout fromSystem(Map<String, String> environment) {
        Path home = Path.of(System.getProperty(HOME_PROPERTY, System.getProperty("user.dir")));
        Path conf = Optional.ofNullable(System.getProperty(CONF_PROPERTY)).map(Path::of).orElse(home.resolve("conf"));
        Path data = Optional.ofNullable(System.getProperty(DATA_PROPERTY))
            .or(() -> Optional.ofNullable(environment.get(DATA_ENV)).filter(value -> !value.isBlank()))
            .map(Path::of)
            .orElse(home.resolve("var"));
        return new HeraldLayout(home, conf, data);
    }

    public void createDataDirectory() {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    public Path confFile(String name) {
        return confDirectory.resolve(name);
    }

    @Override
    public String getAbsoluteDirectory() {
        return "/";
    }

    @Override
    public String getConfDirectory() {
        return confDirectory + "/";
    }

    @Override
    public String getVarDirectory() {
        return dataDirectory + "/";
    }

    @Override
    public String getRootDirectory() {
        return home.toString();
    }
}
