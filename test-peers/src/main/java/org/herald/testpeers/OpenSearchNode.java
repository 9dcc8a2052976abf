package org.herald.testpeers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real OpenSearch node (2.19, single-node cluster) for tests, in its own JVM: {@code java -Xmx512m -cp 'lib/*'
 * org.herald.testpeers.opensearch.OpenSearchLauncher}, listening on free HTTP and transport ports of 127.0.0.1, with
 * its home, data and logs in a throwaway directory. {@link #close()} stops it (SIGTERM) and deletes the directory.
 *
 * <p>Nothing needs installing: the build of herald-opensearch-launcher (test-peers/opensearch-launcher) packs the
 * launcher class and every jar the node needs into a zip, which this module's build unpacks into
 * {@code test-peers/target/opensearch-node/lib} (see {@link #nodeHome()}). None of those jars is on a test classpath.
 *
 * <p>The node takes about 3-12 s to start (the first start of a machine is the slowest) and about 250-300 MB of
 * memory; share one per test JVM where possible and give each test its own indices. Create indices with
 * {@code "number_of_replicas": 0}: with one node a replica is never assigned and the index stays yellow.
 * Modules loaded besides the HTTP/transport layer: analysis-common, mapper-extras and reindex (delete/update by query).
 *
 * <p>Running as root needs nothing special: the refusal to run as root lives in OpenSearch's {@code Bootstrap}, which
 * the launcher does not use (nor its security manager, JarHell and bootstrap checks).
 */
public final class OpenSearchNode implements AutoCloseable {
    /** System property naming the directory that holds {@code lib/} (overrides the one this module's build made). */
    public static final String NODE_HOME_PROPERTY = "herald.opensearch.node.home";
    public static final String LAUNCHER_CLASS = "org.herald.testpeers.opensearch.OpenSearchLauncher";
    public static final String MAX_HEAP = "512m";

    private static final String BUILD_PROPERTIES = "opensearch-node.properties";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;
    private static final Pattern HEALTHY = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow)\"");

    private final Path directory;
    private final Path home;
    private final Path logFile;
    private final Thread shutdownHook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int httpPort;
    private int transportPort;
    private Duration startTime;
    private boolean closed;

    private OpenSearchNode(Path directory) {
        this.directory = directory;
        this.home = directory.resolve("home");
        this.logFile = directory.resolve("node.log");
        this.shutdownHook = new Thread(this::stopQuietly, "herald-test-opensearch-shutdown");
    }

    /**
     * The directory holding the node's {@code lib/}: the system property {@value #NODE_HOME_PROPERTY} if set, else
     * {@code test-peers/target/opensearch-node} of the checkout this class was built in (recorded at build time).
     */
    public static Optional<Path> nodeHome() {
        String configured = System.getProperty(NODE_HOME_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        try (InputStream in = OpenSearchNode.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            String home = properties.getProperty("node.home");
            return home == null || home.isBlank() || home.contains("${") ? Optional.empty() : Optional.of(Path.of(home));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + BUILD_PROPERTIES, e);
        }
    }

    /** Why the node cannot run here, naming what to build, or empty when it can. */
    private static Optional<String> unavailableReason() {
        Optional<Path> nodeHome = nodeHome();
        if (nodeHome.isEmpty()) {
            return Optional.of("The OpenSearch test node's location is unknown (no " + BUILD_PROPERTIES + " and no -D"
                + NODE_HOME_PROPERTY + ") — build it with: mvn install -pl test-peers/opensearch-launcher,test-peers");
        }
        Path lib = nodeHome.get().resolve("lib");
        if (!hasJar(lib, "herald-opensearch-launcher-") || !hasJar(lib, "opensearch-2.")) {
            return Optional.of("The OpenSearch test node's jars are not in " + lib + " — build them with: "
                + "mvn install -pl test-peers/opensearch-launcher,test-peers (Maven downloads OpenSearch from Maven Central)");
        }
        if (!Files.isExecutable(javaExecutable())) {
            return Optional.of("No java executable at " + javaExecutable());
        }
        return Optional.empty();
    }

    private static boolean hasJar(Path lib, String prefix) {
        if (!Files.isDirectory(lib)) {
            return false;
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.map(file -> file.getFileName().toString()).anyMatch(name -> name.startsWith(prefix) && name.endsWith(".jar"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** Whether the node's jars are built; when false {@link #start()} throws {@link PeerUnavailableException}. */
    public static boolean available() {
        return unavailableReason().isEmpty();
    }

    /**
     * Starts a node and waits until its cluster health is green or yellow.
     *
     * @throws PeerUnavailableException when the node's jars have not been built (see {@link #available()})
     * @throws IllegalStateException    when the node does not come up within 90 s; the message carries its log
     */
    public static OpenSearchNode start() {
        unavailableReason().ifPresent(reason -> {
            throw new PeerUnavailableException(reason);
        });
        Path directory;
        try {
            directory = Files.createTempDirectory("herald-opensearch-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for OpenSearch", e);
        }
        OpenSearchNode node = new OpenSearchNode(directory);
        try {
            node.startOnFreePorts();
            Runtime.getRuntime().addShutdownHook(node.shutdownHook);
            return node;
        } catch (RuntimeException | Error e) {
            node.stopQuietly();
            throw e;
        }
    }

    private void startOnFreePorts() {
        IllegalStateException lastFailure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            httpPort = FreePorts.loopback();
            do {
                transportPort = FreePorts.loopback();
            } while (transportPort == httpPort);
            try {
                startProcess();
                return;
            } catch (IllegalStateException e) {
                lastFailure = e;
                stopProcess();
                String log = log();
                if (!log.contains("BindException") && !log.contains("Address already in use")
                    && !log.contains("BindTransportException") && !log.contains("BindHttpException")) {
                    break;
                }
            }
        }
        throw lastFailure;
    }

    private void startProcess() {
        List<String> command = new ArrayList<>(List.of(
            javaExecutable().toString(),
            "-Xmx" + MAX_HEAP,
            "-XX:+UseSerialGC",
            "-Djava.io.tmpdir=" + directory.resolve("tmp"),
            "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8",
            // As in OpenSearch's own jvm.options.
            "-Dio.netty.noUnsafe=true",
            "-Dio.netty.noKeySetOptimization=true",
            "-Dio.netty.recycler.maxCapacityPerThread=0",
            "-Dlog4j.shutdownHookEnabled=false",
            "-Dlog4j2.disable.jmx=true",
            "-cp", nodeHome().orElseThrow().resolve("lib") + File.separator + "*",
            LAUNCHER_CLASS,
            home.toString(), Integer.toString(httpPort), Integer.toString(transportPort),
            Long.toString(ProcessHandle.current().pid())));
        long started = System.nanoTime();
        try {
            Files.createDirectories(home);
            Files.createDirectories(directory.resolve("tmp"));
            process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        long deadline = started + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("OpenSearch exited with code " + process.exitValue() + " while starting:\n"
                    + String.join(" ", command) + "\n" + log());
            }
            if (healthy()) {
                startTime = Duration.ofNanos(System.nanoTime() - started);
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("OpenSearch did not report a green or yellow cluster within " + START_TIMEOUT + ":\n"
            + String.join(" ", command) + "\n" + log());
    }

    private boolean healthy() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(httpUrl() + "/_cluster/health"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && HEALTHY.matcher(response.body()).find();
        } catch (IOException notYetListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for OpenSearch", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for OpenSearch", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String httpUrl() {
        return "http://" + FreePorts.LOOPBACK + ":" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int transportPort() {
        return transportPort;
    }

    /** How long the last start took, from launching the JVM to a green/yellow cluster health. */
    public Duration startTime() {
        return startTime;
    }

    /** The node's process id (for measurements such as its resident memory in /proc/PID/status). */
    public long pid() {
        requireOpen();
        return process.pid();
    }

    /** The temporary directory holding the node's home, data, logs and its output; deleted by {@link #close()}. */
    public Path directory() {
        return directory;
    }

    /** Everything the node's JVM printed (its INFO log and any stack trace). */
    public String log() {
        return PeerCommand.readQuietly(logFile);
    }

    /** Stops the node (SIGTERM, then SIGKILL after 30 s) and deletes its directory. */
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
        stopProcess();
        PostgresServer.deleteRecursively(directory);
    }

    private void stopProcess() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("This OpenSearch node has been closed");
        }
    }

    @Override
    public String toString() {
        return "OpenSearch " + (closed ? "(closed)" : "on " + httpUrl()) + " in " + directory;
    }
}
