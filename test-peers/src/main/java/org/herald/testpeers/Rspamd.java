package org.herald.testpeers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's rspamd as an independent DMARC aggregate report generator: the real daemon scans messages (SPF, DKIM and
 * DMARC only) and records each DMARC outcome in its own redis, then rspamd's own {@code rspamadm dmarc_report} builds
 * the reports from redis and mails them over SMTP, exactly as a receiver running rspamd does every night.
 *
 * <p>Everything runs from a throwaway directory on free loopback ports: a redis-server without persistence, and
 * {@code rspamd -f} (not daemonised) with a configuration written here. rspamd resolves every name through the given
 * {@link DnsServer}, never the system resolver: the daemon through {@code options.dns.nameserver}; rspamadm, which
 * would read /etc/resolv.conf (where no port can be given), through a small Lua wrapper
 * ({@code rspamd-dmarc-report.lua}, beside this class) that builds its resolver from the same configuration and then
 * runs the installed {@code dmarc_report} command unchanged.
 *
 * <p>Both programs run with TZ=UTC: rspamd files a DMARC result under the local date of the scan and rspamadm's report
 * period runs from local midnight to local midnight, so UTC makes them the UTC days that reports are read by.
 *
 * <p>rspamd refuses to run its workers as root without a user to switch to; as a loopback test peer it runs them as
 * the current user ({@code --insecure}), which changes nothing for other users.
 *
 * <p>{@link #close()} stops both processes and deletes the directory. One leftover is outside the peer's control:
 * rspamadm compiles some built-in patterns before it reads any configuration, into its compiled-in cache directory
 * (/var/lib/rspamd, when writable): a few kilobytes under a fixed name, which later runs reuse.
 */
public final class Rspamd implements AutoCloseable {
    public static final String INSTALL_HINT = "rspamd, rspamadm and redis-server (DMARC report generator test peer) were "
        + "not found in /usr/bin, /usr/sbin or on the PATH — install them with: apt-get install rspamd redis-server";

    /**
     * The public suffix list given to rspamd: the RFC 6761 {@code test} TLD that test domains live under. rspamd's URL
     * parser accepts only hosts whose TLD is in its list and finds organisational domains with it; Debian's full list
     * has no {@code test}, so rspamadm would drop {@code rua=mailto:dmarc-reports@herald.test} as an "invalid rua url".
     * A short list also spares compiling Debian's ~9,600 suffixes (about 9 s on a 2-core machine) at every start.
     */
    public static final List<String> PUBLIC_SUFFIXES = List.of("test");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 5;
    private static final String REPORT_SCRIPT = "rspamd-dmarc-report.lua";
    private static final DateTimeFormatter REPORT_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern FINISHED = Pattern.compile(
        "Reporting collection has finished (\\d+) dates processed, (\\d+) reports: (\\d+) completed, (\\d+) failed");
    /** rspamadm 3.4 prints no summary when it built no report: its completion callback only runs after a send. */
    private static final String NOTHING_TO_SEND = "send data for 0 domains";
    private static final Pattern REPORT_XML = Pattern.compile("got xml: (<\\?xml.*?</feedback>)", Pattern.DOTALL);
    private static final Pattern SEND_FAILURE = Pattern.compile("Couldn't send mail for [^\\n]*");
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9.@_+-]+");

    /**
     * Who rspamd's reports say they come from: {@code org_name} and {@code email} in the report metadata, the
     * submitter {@code domain} in the subject and file name; {@code email} is also the From and MAIL FROM of the mail.
     */
    public record Reporter(String orgName, String domain, String email) {
        public Reporter {
            Objects.requireNonNull(orgName, "orgName");
            if (orgName.isBlank() || orgName.contains("\n")) {
                throw new IllegalArgumentException("org_name must be one non-blank line: " + orgName);
            }
            if (!PLAIN_VALUE.matcher(domain).matches() || !PLAIN_VALUE.matcher(email).matches() || !email.contains("@")) {
                throw new IllegalArgumentException("Unusable reporter domain or address: " + domain + " / " + email);
            }
        }
    }

    /**
     * rspamd's answer to one scan (POST /checkv2).
     *
     * @param symbols each symbol rspamd inserted, with its options (e.g. DMARC_POLICY_REJECT → [reason, policy])
     * @param json    the answer as rspamd sent it
     */
    public record Scan(String action, double score, Map<String, List<String>> symbols, String json) {
        public Scan {
            symbols = Map.copyOf(symbols);
        }

        public boolean hasSymbol(String name) {
            return symbols.containsKey(name);
        }

        /** The symbols whose names start with {@code prefix}, e.g. "DMARC_" for the DMARC verdict, "R_SPF_" for SPF. */
        public List<String> symbolsStartingWith(String prefix) {
            return symbols.keySet().stream().filter(name -> name.startsWith(prefix)).sorted().toList();
        }
    }

    /**
     * What one {@code rspamadm dmarc_report} run did, from its own summary line.
     *
     * @param reports   reports it built (one per reported domain and rua)
     * @param sent      reports the SMTP server accepted
     * @param failed    reports it could not send; {@link #sendFailures} says why
     * @param reportXml the XML of each report built, as rspamadm logged it before compressing it
     * @param output    everything rspamadm printed (its verbose log)
     */
    public record ReportRun(int reports, int sent, int failed, List<String> sendFailures, List<String> reportXml, String output) {
        public ReportRun {
            sendFailures = List.copyOf(sendFailures);
            reportXml = List.copyOf(reportXml);
        }
    }

    private final Path rspamd;
    private final Path rspamadm;
    private final Path redisServer;
    private final Path directory;
    private final DnsServer dns;
    private final Reporter reporter;
    private final Path logFile;
    private final Path redisLogFile;
    /** HTTP/1.1: the JDK client's default h2c upgrade request makes rspamd read an empty message and ignore the body. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger reportRuns = new AtomicInteger();
    private final Thread shutdownHook;
    private Process redisProcess;
    private Process rspamdProcess;
    private int redisPort;
    private int port;
    private boolean closed;

    private Rspamd(Path rspamd, Path rspamadm, Path redisServer, Path directory, DnsServer dns, Reporter reporter) {
        this.rspamd = rspamd;
        this.rspamadm = rspamadm;
        this.redisServer = redisServer;
        this.directory = directory;
        this.dns = dns;
        this.reporter = reporter;
        this.logFile = directory.resolve("rspamd.log");
        this.redisLogFile = directory.resolve("redis.log");
        this.shutdownHook = new Thread(this::stopQuietly, "herald-test-rspamd-shutdown");
    }

    /** Whether rspamd, rspamadm and redis-server are installed; when false {@link #start} throws {@link PeerUnavailableException}. */
    public static boolean available() {
        return PeerCommand.findProgram("rspamd").isPresent() && PeerCommand.findProgram("rspamadm").isPresent()
            && PeerCommand.findProgram("redis-server").isPresent();
    }

    /**
     * Starts redis and rspamd on free loopback ports, resolving through {@code dns}, reporting as {@code reporter}.
     *
     * @throws PeerUnavailableException when rspamd or redis is not installed (the only case a test may skip)
     * @throws IllegalStateException    when they are installed but do not come up; the message carries their logs
     */
    public static Rspamd start(DnsServer dns, Reporter reporter) {
        Path rspamd = PeerCommand.findProgram("rspamd").orElseThrow(() -> new PeerUnavailableException(INSTALL_HINT));
        Path rspamadm = PeerCommand.findProgram("rspamadm").orElseThrow(() -> new PeerUnavailableException(INSTALL_HINT));
        Path redis = PeerCommand.findProgram("redis-server").orElseThrow(() -> new PeerUnavailableException(INSTALL_HINT));
        Path directory;
        try {
            directory = Files.createTempDirectory("herald-rspamd-");
            Files.createDirectories(directory.resolve("db"));
            Files.createDirectories(directory.resolve("tmp"));
            Files.writeString(directory.resolve("public-suffixes.dat"), "// herald-test-peers: the suffixes test domains use\n"
                + String.join("\n", PUBLIC_SUFFIXES) + "\n", StandardCharsets.UTF_8);
            try (InputStream script = Rspamd.class.getResourceAsStream(REPORT_SCRIPT)) {
                if (script == null) {
                    throw new IllegalStateException(REPORT_SCRIPT + " is missing beside " + Rspamd.class.getName());
                }
                Files.write(directory.resolve(REPORT_SCRIPT), script.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare a temporary directory for rspamd", e);
        }
        Rspamd peer = new Rspamd(rspamd, rspamadm, redis, directory, dns, reporter);
        try {
            peer.startRedis();
            peer.startRspamd();
            Runtime.getRuntime().addShutdownHook(peer.shutdownHook);
            return peer;
        } catch (RuntimeException | Error e) {
            peer.stopQuietly();
            throw e;
        }
    }

    private void startRedis() {
        IllegalStateException lastFailure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            redisPort = FreePorts.loopback();
            try {
                Files.deleteIfExists(redisLogFile);
                // No persistence at all (no RDB snapshot, no AOF): the peer's data lives and dies with the process.
                redisProcess = new ProcessBuilder(redisServer.toString(), "--port", String.valueOf(redisPort),
                    "--bind", FreePorts.LOOPBACK, "--save", "", "--appendonly", "no", "--daemonize", "no",
                    "--dir", directory.toString())
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(redisLogFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start " + redisServer + ": " + e.getMessage(), e);
            }
            try {
                awaitLog(redisProcess, redisLogFile, "Ready to accept connections", "redis-server");
                return;
            } catch (IllegalStateException e) {
                lastFailure = e;
                if (!redisLog().contains("Address already in use")) {
                    break;
                }
            }
        }
        throw lastFailure;
    }

    private void startRspamd() {
        IllegalStateException lastFailure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            port = FreePorts.loopback();
            Path config = directory.resolve("rspamd.conf");
            try {
                Files.deleteIfExists(logFile);
                Files.writeString(config, configuration(null, 0), StandardCharsets.UTF_8);
                ProcessBuilder builder = new ProcessBuilder(rspamd.toString(), "--no-fork", "--insecure", "--config",
                    config.toString())
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("rspamd.out").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                builder.environment().put("TZ", "UTC");
                rspamdProcess = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start " + rspamd + ": " + e.getMessage(), e);
            }
            try {
                awaitPong();
                return;
            } catch (IllegalStateException e) {
                lastFailure = e;
                stop(rspamdProcess);
                String log = log();
                if (!log.contains("Address already in use") && !log.contains("cannot bind")) {
                    break;
                }
            }
        }
        throw lastFailure;
    }

    /**
     * The configuration of the daemon ({@code smtpHost} null) or of one rspamadm run (where the reports go). Only what
     * reporting needs is enabled: the dkim C module, the spf and dmarc Lua plugins (a plugin runs when it has a
     * section). Every path is inside the throwaway directory.
     */
    private String configuration(String smtpHost, int smtpPort) {
        String dir = directory.toString();
        List<String> lines = new ArrayList<>(List.of(
            "# herald-test-peers: a throwaway rspamd checking SPF, DKIM and DMARC only, keeping DMARC report data in its",
            "# own redis and resolving every name through the loopback test DNS server",
            "options {",
            "    filters = \"dkim\";",
            "    pidfile = \"" + dir + "/rspamd.pid\";",
            "    dns {",
            "        nameserver = [\"" + dns.address() + ":" + dns.port() + "\"];",
            "        timeout = 2s;",
            "        retransmits = 1;",
            "    }",
            "    url_tld = \"" + dir + "/public-suffixes.dat\";",
            "    hs_cache_dir = \"" + dir + "/db/\";",
            "    cache_file = \"" + dir + "/db/symbols.cache\";",
            "    control_socket = \"" + dir + "/rspamd.sock mode=0600\";",
            "    tempdir = \"" + dir + "/tmp\";",
            // rspamd skips DMARC for clients in its local networks; tests choose every client address themselves.
            "    local_addrs = [];",
            "}",
            "logging {",
            "    type = \"file\";",
            "    filename = \"" + dir + "/rspamd.log\";",
            "    level = \"info\";",
            "}",
            "worker \"normal\" {",
            "    bind_socket = \"" + FreePorts.LOOPBACK + ":" + port + "\";",
            "    count = 1;",
            "}",
            "dkim { }",
            "spf { }",
            "dmarc {",
            "    servers = \"" + FreePorts.LOOPBACK + ":" + redisPort + "\";",
            "    reporting {",
            "        enabled = true;",
            "        org_name = \"" + ucl(reporter.orgName()) + "\";",
            "        domain = \"" + reporter.domain() + "\";",
            "        email = \"" + reporter.email() + "\";",
            "        helo = \"" + reporter.domain() + "\";"));
        if (smtpHost != null) {
            lines.add("        smtp = \"" + ucl(smtpHost) + "\";");
            lines.add("        smtp_port = " + smtpPort + ";");
        }
        lines.addAll(List.of(
            "    }",
            "}",
            "modules {",
            "    path = \"${PLUGINSDIR}\";",
            "}",
            ""));
        return String.join("\n", lines);
    }

    private static String ucl(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private void awaitPong() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest ping = HttpRequest.newBuilder(uri("/ping")).timeout(Duration.ofSeconds(2)).GET().build();
        while (true) {
            if (!rspamdProcess.isAlive()) {
                throw new IllegalStateException("rspamd exited with " + rspamdProcess.exitValue() + " at start:\n" + startOutput());
            }
            try {
                HttpResponse<String> response = http.send(ping, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().strip().equals("pong")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the worker is not accepting connections yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for rspamd", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("rspamd did not answer /ping within " + START_TIMEOUT + ":\n" + startOutput());
            }
            sleep(50);
        }
    }

    private String startOutput() {
        return PeerCommand.readQuietly(directory.resolve("rspamd.out")) + "\nrspamd.log:\n" + log();
    }

    private static void awaitLog(Process process, Path log, String marker, String name) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!PeerCommand.readQuietly(log).contains(marker)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " at start:\n"
                    + PeerCommand.readQuietly(log));
            }
            if (System.nanoTime() > deadline) {
                stop(process);
                throw new IllegalStateException(name + " did not start within " + START_TIMEOUT + ":\n" + PeerCommand.readQuietly(log));
            }
            sleep(20);
        }
    }

    /**
     * Scans one message as the MTA in front of rspamd would pass it: the SMTP client's address and HELO, the envelope
     * sender (empty for a bounce) and recipients. rspamd evaluates SPF, DKIM and DMARC through the test DNS server and,
     * when the From domain publishes a rua, records the outcome for the next report. (rspamd records nothing for scans
     * it takes for its own rspamc client, which is why this is a plain HTTP request with its own User-Agent.)
     */
    public Scan scan(byte[] message, String clientIp, String helo, String mailFrom, String... recipients) {
        requireOpen();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/checkv2"))
            .timeout(SCAN_TIMEOUT)
            .header("User-Agent", "herald-test-peers")
            .header("IP", clientIp)
            .header("Helo", helo)
            .POST(HttpRequest.BodyPublishers.ofByteArray(message));
        if (!mailFrom.isEmpty()) {
            request.header("From", mailFrom);
        }
        for (String recipient : recipients) {
            request.header("Rcpt", recipient);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("rspamd did not answer the scan: " + e + "\nrspamd.log:\n" + log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while scanning with rspamd", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("rspamd answered " + response.statusCode() + " to the scan: " + response.body());
        }
        return parseScan(response.body());
    }

    @SuppressWarnings("unchecked")
    static Scan parseScan(String json) {
        if (!(JsonReader.parse(json) instanceof Map<?, ?> answer)) {
            throw new IllegalStateException("rspamd's answer is not a JSON object: " + json);
        }
        if (answer.containsKey("error")) {
            throw new IllegalStateException("rspamd could not scan the message: " + answer.get("error"));
        }
        Map<String, List<String>> symbols = new LinkedHashMap<>();
        if (answer.get("symbols") instanceof Map<?, ?> found) {
            found.forEach((name, symbol) -> {
                List<String> options = new ArrayList<>();
                if (symbol instanceof Map<?, ?> details && details.get("options") instanceof List<?> values) {
                    values.forEach(value -> options.add(String.valueOf(value)));
                }
                symbols.put((String) name, options);
            });
        }
        String action = answer.get("action") instanceof String value ? value : "";
        double score = answer.get("score") instanceof Double value ? value : 0;
        return new Scan(action, score, symbols, json);
    }

    /**
     * Runs {@code rspamadm dmarc_report} for the days whose scans to report (rspamd files each scan under its UTC day),
     * mailing the reports to {@code smtpHost:smtpPort}. As in production, the data reported is removed from redis. Note
     * rspamadm's report period: not the day given, but from the end of the previous run's period (or yesterday's
     * midnight, the first time) to today's midnight, UTC.
     *
     * @throws IllegalStateException when rspamadm fails or does not finish within a minute; the message carries its output
     */
    public ReportRun sendReports(String smtpHost, int smtpPort, LocalDate... days) {
        requireOpen();
        if (days.length == 0) {
            throw new IllegalArgumentException("Give at least one day to report");
        }
        Path config = directory.resolve("rspamadm-" + reportRuns.incrementAndGet() + ".conf");
        try {
            Files.writeString(config, configuration(smtpHost, smtpPort), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(rspamadm.toString(), "lua", "-a", config.toString()));
        for (LocalDate day : days) {
            command.add("-a");
            command.add(REPORT_DATE.format(day));
        }
        command.add(directory.resolve(REPORT_SCRIPT).toString());
        PeerCommand.Result result = PeerCommand.run(directory, REPORT_TIMEOUT, new byte[0], Map.of("TZ", "UTC"), command);
        String output = result.stdoutText() + result.stderr();
        Matcher finished = FINISHED.matcher(output);
        boolean summarised = finished.find();
        if (result.exitCode() != 0 || !summarised && !output.contains(NOTHING_TO_SEND)) {
            throw new IllegalStateException("rspamadm dmarc_report did not finish: " + result.describe());
        }
        List<String> xml = new ArrayList<>();
        Matcher report = REPORT_XML.matcher(output);
        while (report.find()) {
            xml.add(report.group(1));
        }
        List<String> failures = new ArrayList<>();
        Matcher failure = SEND_FAILURE.matcher(output);
        while (failure.find()) {
            failures.add(failure.group());
        }
        if (!summarised) {
            return new ReportRun(0, 0, 0, failures, xml, output);
        }
        return new ReportRun(Integer.parseInt(finished.group(2)), Integer.parseInt(finished.group(3)),
            Integer.parseInt(finished.group(4)), failures, xml, output);
    }

    /** The port of rspamd's normal worker (HTTP: /checkv2, /ping) on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The port of the peer's redis on 127.0.0.1. */
    public int redisPort() {
        return redisPort;
    }

    /** The throwaway directory holding configuration, logs and redis's working directory; deleted by {@link #close()}. */
    public Path directory() {
        return directory;
    }

    /** rspamd's log: what it loaded, and one line per scan with its symbols and whether the DMARC data was saved. */
    public String log() {
        return PeerCommand.readQuietly(logFile);
    }

    public String redisLog() {
        return PeerCommand.readQuietly(redisLogFile);
    }

    private URI uri(String path) {
        return URI.create("http://" + FreePorts.LOOPBACK + ":" + port + path);
    }

    private synchronized void requireOpen() {
        if (closed) {
            throw new IllegalStateException("This rspamd peer has been closed");
        }
    }

    /** Stops rspamd (its main process and the workers it forked) and redis, and deletes the directory. */
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
        stop(rspamdProcess);
        stop(redisProcess);
        PostgresServer.deleteRecursively(directory);
    }

    /**
     * SIGTERM, which rspamd's main process passes on to its workers before it exits; anything of this process still
     * alive after 10 s is killed (the workers by their own process ids).
     */
    private static void stop(Process process) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> forked = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : forked) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for rspamd", e);
        }
    }

    @Override
    public String toString() {
        return "rspamd " + (closed ? "(closed)" : "on " + FreePorts.LOOPBACK + ":" + port + ", redis on :" + redisPort)
            + " in " + directory;
    }
}
