package org.herald.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.herald.testpeers.FreePorts;

/**
 * A real Herald server in its own JVM (so a test can kill -9 it), started from the repository's conf/ with only
 * what a test must change: free loopback ports, a loopback DNS resolver, short timeouts, a throwaway data directory.
 */
public final class HeraldProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final int mxPort;
    private final int submissionPort;
    private final int smtpsPort;
    private final int webAdminPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> systemProperties;
    private Process process;

    private HeraldProcess(Path home, Map<String, String> systemProperties) {
        this.home = home;
        this.systemProperties = Map.copyOf(systemProperties);
        this.mxPort = FreePorts.loopback();
        this.submissionPort = FreePorts.loopback();
        this.smtpsPort = FreePorts.loopback();
        this.webAdminPort = FreePorts.loopback();
    }

    public static Builder builder(Path workDirectory) {
        return new Builder(workDirectory);
    }

    public static final class Builder {
        private final Path workDirectory;
        private final Map<String, UnaryOperator<String>> edits = new LinkedHashMap<>();
        private String relays = "<relays/>";
        private int idleTimeoutSeconds = 30;
        private final Map<String, String> systemProperties = new LinkedHashMap<>();

        private Builder(Path workDirectory) {
            this.workDirectory = workDirectory;
        }

        /** Relays all outbound mail to the sink, in plain SMTP, retrying every second. */
        public Builder smarthost(SmtpSink sink) {
            return relaysXml("<relays><smarthost host=\"127.0.0.1\" port=\"" + sink.port() + "\" tls=\"none\"/>"
                + "<retry delays=\"1s\" giveUpAfter=\"1h\"/><breaker coolDown=\"1s\"/></relays>");
        }

        /** Delivers mail for local domains to the sink, as to a downstream mailbox server (conf/local-delivery.xml). */
        public Builder downstream(SmtpSink sink) {
            return editConf("local-delivery.xml", ignored ->
                "<localDelivery><downstream host=\"127.0.0.1\" port=\"" + sink.port() + "\"/></localDelivery>");
        }

        public Builder relaysXml(String xml) {
            this.relays = xml;
            return this;
        }

        public Builder idleTimeoutSeconds(int seconds) {
            this.idleTimeoutSeconds = seconds;
            return this;
        }

        /** A -D option for the Herald JVM (e.g. the test clock's offset file). */
        public Builder systemProperty(String name, String value) {
            systemProperties.put(name, value);
            return this;
        }

        /** Rewrites one conf file after the harness's own edits. */
        public Builder editConf(String fileName, UnaryOperator<String> edit) {
            edits.merge(fileName, edit, (first, second) -> text -> second.apply(first.apply(text)));
            return this;
        }

        /** Writes the configuration without starting: for tests that expect start-up to fail. */
        public HeraldProcess prepare() {
            try {
                Path home = Files.createDirectories(workDirectory.resolve("herald-" + System.nanoTime()));
                HeraldProcess herald = new HeraldProcess(home, systemProperties);
                herald.writeConfiguration(relays, idleTimeoutSeconds, edits);
                return herald;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public HeraldProcess start() {
            HeraldProcess herald = prepare();
            herald.start();
            return herald;
        }
    }

    private void writeConfiguration(String relays, int idleTimeoutSeconds, Map<String, UnaryOperator<String>> edits) throws IOException {
        Path source = Path.of(System.getProperty("herald.repo.conf", "../conf"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, conf.resolve(file.getFileName()));
            }
        }
        edit(conf.resolve("smtpserver.xml"), text -> text
            .replace("0.0.0.0:25<", "127.0.0.1:" + mxPort + "<")
            .replace("0.0.0.0:587<", "127.0.0.1:" + submissionPort + "<")
            .replace("0.0.0.0:465<", "127.0.0.1:" + smtpsPort + "<")
            .replace("<connectiontimeout>300<", "<connectiontimeout>" + idleTimeoutSeconds + "<"));
        edit(conf.resolve("webadmin.properties"), text -> text.replace("port=8000", "port=" + webAdminPort));
        // This machine's resolv.conf names an unreachable resolver: Herald's DNS (conf/dns.xml, every lookup, delivery's
        // included) gets loopback port 53 instead, closed, where a query fails at once instead of timing out.
        Files.writeString(conf.resolve("dns.xml"), "<dns timeout=\"1s\" retries=\"0\"><resolver address=\"127.0.0.1\"/></dns>");
        // Greylisting would defer every test's first mail on the MX port: off unless a test turns it on.
        Files.writeString(conf.resolve("greylist.xml"), "<greylist enabled=\"false\"/>");
        Files.writeString(conf.resolve("relays.xml"), relays);
        for (Map.Entry<String, UnaryOperator<String>> entry : edits.entrySet()) {
            edit(conf.resolve(entry.getKey()), entry.getValue());
        }
    }

    private static void edit(Path file, UnaryOperator<String> edit) throws IOException {
        Files.writeString(file, edit.apply(Files.readString(file)));
    }

    /** Starts the JVM and waits until WebAdmin reports healthy and every SMTP listener accepts connections. */
    public void start() {
        launch();
        try {
            Awaitility.await("Herald to start (log: " + logFile() + ")")
                .atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Herald exited with " + process.exitValue() + " during start-up:\n" + log());
                    }
                    return FreePorts.isListening(mxPort) && FreePorts.isListening(submissionPort)
                        && FreePorts.isListening(smtpsPort) && isHealthy();
                });
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
    }

    /** Starts the JVM and waits for it to exit; for configurations that must be refused. */
    public int startExpectingExit(Duration timeout) {
        launch();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new IllegalStateException("Herald did not exit within " + timeout + ":\n" + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-Dherald.home=" + home,
            "-Dlogback.configurationFile=" + home.resolve("conf/logback.xml")));
        systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.herald.server.HeraldServerMain"));
        try {
            process = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, exactly what a crash or an OOM killer does. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    /** SIGTERM: the orderly shutdown an operator's service manager performs. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public boolean isHealthy() {
        try {
            return get("/healthcheck").statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(webAdmin(path)).GET());
    }

    public HttpResponse<String> put(String path, String json) {
        return send(HttpRequest.newBuilder(webAdmin(path)).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(webAdmin(path)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(webAdmin(path)).DELETE());
    }

    public HttpResponse<String> patch(String path, String json) {
        return send(HttpRequest.newBuilder(webAdmin(path)).header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The value of one Prometheus sample at WebAdmin's /metrics, or -1 when it is absent. */
    public double metric(String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(get("/metrics").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }

    /** Adds a local domain and a user who may authenticate on submission, through WebAdmin as an operator would. */
    public void addUser(String address, String password) {
        String domain = address.substring(address.indexOf('@') + 1);
        expectSuccess(put("/domains/" + domain, ""));
        expectSuccess(put("/users/" + address, "{\"password\":\"" + password + "\"}"));
    }

    private static void expectSuccess(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("WebAdmin answered " + response.statusCode() + ": " + response.body());
        }
    }

    private URI webAdmin(String path) {
        return URI.create("http://127.0.0.1:" + webAdminPort + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path home() {
        return home;
    }

    public Path logFile() {
        return home.resolve("herald.log");
    }

    public String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int mxPort() {
        return mxPort;
    }

    public int submissionPort() {
        return submissionPort;
    }

    public int smtpsPort() {
        return smtpsPort;
    }

    public int webAdminPort() {
        return webAdminPort;
    }

    @Override
    public void close() {
        kill();
    }
}
