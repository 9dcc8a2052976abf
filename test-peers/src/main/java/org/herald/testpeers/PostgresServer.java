package org.herald.testpeers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (Debian's binaries) for tests: a throwaway cluster in a temporary directory, listening on
 * a free port on 127.0.0.1 only, with its unix socket inside that directory. {@link #close()} stops it and deletes
 * the directory.
 *
 * <p>PostgreSQL refuses to run as root; when the JVM runs as root the cluster belongs to the {@code postgres} OS user
 * (created by Debian's postgresql-common) and every PostgreSQL command runs through {@code runuser -u postgres --}.
 *
 * <p>Tuned for test speed, not durability: fsync, synchronous_commit and full_page_writes are off.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String INSTALL_HINT = "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found in "
        + "/usr/lib/postgresql/*/bin or on the PATH — install them with: apt-get install postgresql";

    private static final String SUPERUSER = "postgres";
    private static final String OS_USER = "postgres";
    private static final String USER = "herald";
    private static final String DATABASE = "herald";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    private static final int START_ATTEMPTS = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A database on this server, owned by the server's (non-superuser) user. */
    public record Database(String name, String jdbcUrl, String user, String password) {
    }

    private final Path binDirectory;
    private final Path directory;
    private final Path dataDirectory;
    private final Path logFile;
    private final boolean runAsPostgresUser;
    private final String superuserPassword;
    private final String password;
    private final AtomicInteger databaseCounter = new AtomicInteger();
    private final AtomicInteger commandCounter = new AtomicInteger();
    private final Thread shutdownHook;
    private int port;
    private boolean closed;

    private PostgresServer(Path binDirectory, Path directory, boolean runAsPostgresUser) {
        this.binDirectory = binDirectory;
        this.directory = directory;
        this.dataDirectory = directory.resolve("data");
        this.logFile = directory.resolve("postgres.log");
        this.runAsPostgresUser = runAsPostgresUser;
        this.superuserPassword = randomToken();
        this.password = randomToken();
        this.shutdownHook = new Thread(this::stopQuietly, "herald-test-postgres-shutdown");
    }

    /** Whether this machine has PostgreSQL server binaries; when false {@link #start()} throws {@link PeerUnavailableException}. */
    public static boolean binariesAvailable() {
        return findBinDirectory().isPresent();
    }

    /**
     * The directory holding initdb, pg_ctl and postgres: the newest {@code /usr/lib/postgresql/<version>/bin} (Debian's
     * layout, several versions may be installed), else the first PATH entry holding them.
     */
    public static Optional<Path> findBinDirectory() {
        List<Path> candidates = new ArrayList<>();
        Path debianRoot = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debianRoot)) {
            try (DirectoryStream<Path> versions = Files.newDirectoryStream(debianRoot)) {
                List<Path> sorted = new ArrayList<>();
                versions.forEach(sorted::add);
                sorted.sort(Comparator.comparingDouble(PostgresServer::versionNumber).reversed());
                sorted.forEach(version -> candidates.add(version.resolve("bin")));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + debianRoot, e);
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    candidates.add(Path.of(entry));
                }
            }
        }
        return candidates.stream().filter(PostgresServer::holdsServerBinaries).findFirst();
    }

    private static double versionNumber(Path versionDirectory) {
        try {
            return Double.parseDouble(versionDirectory.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean holdsServerBinaries(Path bin) {
        return Stream.of("initdb", "pg_ctl", "postgres").allMatch(name -> Files.isExecutable(bin.resolve(name)));
    }

    /**
     * Creates and starts a fresh cluster with a user {@code herald} (not a superuser) owning a database {@code herald}.
     *
     * @throws PeerUnavailableException when the PostgreSQL binaries are not installed (the only case a test may skip)
     * @throws IllegalStateException when they are installed but the server does not come up; the message carries
     *                               the command output and the server log
     */
    public static PostgresServer start() {
        Path bin = findBinDirectory().orElseThrow(() -> new PeerUnavailableException(INSTALL_HINT));
        Path directory;
        try {
            directory = Files.createTempDirectory("herald-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for PostgreSQL", e);
        }
        PostgresServer server = null;
        try {
            boolean root = isOwnedByRoot(directory);
            server = new PostgresServer(bin, directory, root);
            server.initialize();
            server.startOnFreePort();
            server.createUserAndDatabase();
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            return server;
        } catch (RuntimeException | Error e) {
            if (server != null) {
                server.stopQuietly();
            } else {
                deleteRecursively(directory);
            }
            throw e;
        }
    }

    private static boolean isOwnedByRoot(Path ownFile) {
        try {
            return ((Integer) Files.getAttribute(ownFile, "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private void initialize() {
        try {
            Path socketDirectory = socketDirectory();
            Files.createDirectories(socketDirectory);
            Path passwordFile = directory.resolve("superuser-password");
            Files.writeString(passwordFile, superuserPassword + "\n", StandardCharsets.UTF_8);
            if (runAsPostgresUser) {
                giveToPostgresUser(directory, socketDirectory, passwordFile);
            }
            run("initdb", "-D", dataDirectory.toString(), "-U", SUPERUSER, "--pwfile=" + passwordFile,
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync");
            Files.delete(passwordFile);
            Files.writeString(dataDirectory.resolve("postgresql.conf"), String.join("\n",
                "",
                "# herald-test-peers: loopback only, tuned for speed; this cluster is thrown away after the tests",
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + socketDirectory + "'",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "shared_buffers = 32MB",
                "max_connections = 200",
                "logging_collector = off",
                "log_min_messages = warning",
                ""), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the PostgreSQL directory " + directory, e);
        }
    }

    private Path socketDirectory() {
        return directory.resolve("socket");
    }

    private static void giveToPostgresUser(Path... paths) throws IOException {
        UserPrincipalLookupService lookup = paths[0].getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user;
        GroupPrincipal group;
        try {
            user = lookup.lookupPrincipalByName(OS_USER);
            group = lookup.lookupPrincipalByGroupName(OS_USER);
        } catch (IOException e) {
            throw new IllegalStateException("Running as root, PostgreSQL must run as the OS user '" + OS_USER
                + "', which does not exist: reinstall it with apt-get install postgresql (postgresql-common creates it)", e);
        }
        for (Path path : paths) {
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            view.setOwner(user);
            view.setGroup(group);
        }
    }

    private void startOnFreePort() {
        IllegalStateException lastFailure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            port = FreePorts.loopback();
            try {
                Files.writeString(dataDirectory.resolve("postgresql.conf"), "port = " + port + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                run("pg_ctl", "-D", dataDirectory.toString(), "-l", logFile.toString(), "-w", "-t", "60", "start");
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalStateException e) {
                lastFailure = e;
                if (!serverLog().contains("could not bind") && !serverLog().contains("could not create any TCP/IP sockets")) {
                    break;
                }
            }
        }
        throw lastFailure;
    }

    private void createUserAndDatabase() {
        try (Connection connection = connectAsSuperuser("postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL started but creating the test user and database failed: "
                + e.getMessage() + "\n" + serverLog(), e);
        }
    }

    private Connection connectAsSuperuser(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", superuserPassword);
        return DriverManager.getConnection(jdbcUrlFor(database), properties);
    }

    /**
     * A new, empty database owned by {@link #user()}, so each test can start from nothing without a new cluster.
     */
    public synchronized Database createDatabase() {
        requireOpen();
        String name = "herald_" + databaseCounter.incrementAndGet();
        try (Connection connection = connectAsSuperuser("postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        return new Database(name, jdbcUrlFor(name), USER, password);
    }

    /** The database created at start ({@code herald}, owned by {@link #user()}). */
    public Database defaultDatabase() {
        return new Database(DATABASE, jdbcUrl(), USER, password);
    }

    public String host() {
        return FreePorts.LOOPBACK;
    }

    public int port() {
        return port;
    }

    /** JDBC URL of the default database {@code herald}. */
    public String jdbcUrl() {
        return jdbcUrlFor(DATABASE);
    }

    private String jdbcUrlFor(String database) {
        return "jdbc:postgresql://" + FreePorts.LOOPBACK + ":" + port + "/" + database;
    }

    /** The login role owning the test databases; not a superuser, as in production. */
    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    /** The temporary directory holding the cluster; deleted by {@link #close()}. */
    public Path directory() {
        return directory;
    }

    /** The server's major version, e.g. "15", from the cluster's PG_VERSION file. */
    public String majorVersion() {
        try {
            return Files.readString(dataDirectory.resolve("PG_VERSION")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isRunning() {
        return !closed && FreePorts.isListening(port);
    }

    /**
     * Stops the server, keeping its data and port for {@link #restart}: for tests of what Herald does while its store
     * is down. A fast shutdown (clients cut off, data checkpointed): this throwaway cluster runs without fsync and
     * synchronous commit, so an immediate shutdown would lose the last commits, which a real PostgreSQL would keep.
     */
    public synchronized void stop() {
        requireOpen();
        run("pg_ctl", "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "30", "stop");
    }

    /** Starts a server stopped by {@link #stop} again, on the same port with the same data. */
    public synchronized void restart() {
        requireOpen();
        run("pg_ctl", "-D", dataDirectory.toString(), "-l", logFile.toString(), "-w", "-t", "60", "start");
    }

    /** Stops the server (immediate shutdown: the data is thrown away) and deletes its directory. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void stopQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            Optional<Long> pid = postmasterPid();
            try {
                run("pg_ctl", "-D", dataDirectory.toString(), "-m", "immediate", "-w", "-t", "30", "stop");
            } catch (RuntimeException e) {
                pid.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        deleteRecursively(directory);
    }

    private Optional<Long> postmasterPid() {
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("This PostgreSQL server has been closed");
        }
    }

    private String serverLog() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile) : "(no server log)";
        } catch (IOException e) {
            return "(server log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Runs a PostgreSQL command (as the postgres OS user when we are root), output to a file so no pipe can hang. */
    private void run(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (runAsPostgresUser) {
            command.addAll(List.of(runuser(), "-u", OS_USER, "--"));
        }
        command.add(binDirectory.resolve(program).toString());
        command.addAll(List.of(arguments));
        Path output = directory.resolve("command-" + commandCounter.incrementAndGet() + ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("LC_ALL", "C");
            builder.environment().remove("PGDATA");
            builder.environment().remove("PGPORT");
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT
                    + "\n" + readQuietly(output) + "\nserver log:\n" + serverLog());
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + process.exitValue()
                    + ":\n" + readQuietly(output) + "\nserver log:\n" + serverLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    private static String runuser() {
        return Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser")
            .filter(candidate -> Files.isExecutable(Path.of(candidate)))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("Running as root, PostgreSQL must be started through runuser "
                + "(util-linux), which was not found"));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static String randomToken() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            token.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return token.toString();
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + (closed ? "(closed)" : "on " + FreePorts.LOOPBACK + ":" + port) + " in " + directory;
    }
}
