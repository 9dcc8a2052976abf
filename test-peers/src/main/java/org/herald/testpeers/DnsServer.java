package org.herald.testpeers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real DNS server for tests: Debian's unbound, started as a plain foreground process from a throwaway directory
 * (not the system service), answering on 127.0.0.1 on a free port, UDP and TCP. It serves only what the test
 * publishes: every name is in a static local zone (including unbound's built-in {@code test.}, {@code invalid.},
 * {@code localhost.} and reserved reverse zones, whose defaults are switched off), so an unknown name gets NXDOMAIN at
 * once and nothing is ever forwarded or resolved from the internet.
 *
 * <p>Records are changed with {@code unbound-control local_data_remove}/{@code local_datas} over a unix control
 * socket in the throwaway directory (no certificates). Local data is answered from memory, never from a cache, so a
 * change is visible to the next query as soon as the {@code put}/{@code remove} call returns (each call runs
 * unbound-control twice: 10-30 ms on a loaded 2-core machine).
 * Records are published with TTL 0 so that clients do not cache them either.
 *
 * <p>{@code put*} methods replace the records of that name and type (other types of the name are kept);
 * {@code remove*} methods delete them. Every query the server receives is logged; see {@link #queries()}.
 *
 * <p>{@link #close()} stops the process and deletes the directory.
 */
public final class DnsServer implements AutoCloseable {
    public static final String INSTALL_HINT = "unbound and unbound-control (the DNS server used as a loopback test peer) "
        + "were not found in /usr/sbin or on the PATH — install them with: apt-get install unbound";

    /**
     * Zones unbound (and libunbound) answer by itself by default (RFC 6761 names, AS112 and documentation reverse
     * zones). Both the server and any libunbound client pointed at it ({@link OpenDkim}) turn them off, so that
     * names such as {@code example.test} are served from the test's records instead of a built-in NXDOMAIN.
     */
    public static final List<String> UNBOUND_DEFAULT_ZONES = List.of(
        "localhost.", "127.in-addr.arpa.", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.",
        "home.arpa.", "resolver.arpa.", "service.arpa.", "onion.", "test.", "invalid.",
        "2.0.192.in-addr.arpa.", "100.51.198.in-addr.arpa.", "113.0.203.in-addr.arpa.", "8.b.d.0.1.0.0.2.ip6.arpa.");

    /** TTL of every published record: 0, so that no client caches a record a test may change. */
    public static final int TTL = 0;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(20);
    private static final int START_ATTEMPTS = 5;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_*-]+(\\.[A-Za-z0-9_*-]+)*\\.?");
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9]*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern ADDED = Pattern.compile("added (\\d+) datas");
    private static final Pattern QUERY_LOG = Pattern.compile(" info: \\S+ (\\S+) (\\S+) IN$");

    /** One query the server received, as logged by unbound: the name (lower case, with the final dot) and type. */
    public record Query(String name, String type) {
    }

    private final Path unbound;
    private final Path unboundControl;
    private final Path directory;
    private final Path configFile;
    private final Path logFile;
    private final Map<String, Map<String, List<String>>> records = new LinkedHashMap<>();
    private final Thread shutdownHook;
    private Process process;
    private int port;
    private boolean closed;

    private DnsServer(Path unbound, Path unboundControl, Path directory) {
        this.unbound = unbound;
        this.unboundControl = unboundControl;
        this.directory = directory;
        this.configFile = directory.resolve("unbound.conf");
        this.logFile = directory.resolve("unbound.log");
        this.shutdownHook = new Thread(this::stopQuietly, "herald-test-dns-shutdown");
    }

    /** Whether unbound and unbound-control are installed; when false {@link #start()} throws {@link PeerUnavailableException}. */
    public static boolean available() {
        return PeerCommand.findProgram("unbound").isPresent() && PeerCommand.findProgram("unbound-control").isPresent();
    }

    /**
     * Starts a DNS server with no records on a free port of 127.0.0.1.
     *
     * @throws PeerUnavailableException when unbound is not installed (the only case a test may skip)
     * @throws IllegalStateException    when it is installed but does not come up; the message carries its log
     */
    public static DnsServer start() {
        Path unbound = PeerCommand.findProgram("unbound").orElseThrow(() -> new PeerUnavailableException(INSTALL_HINT));
        Path control = PeerCommand.findProgram("unbound-control").orElseThrow(() -> new PeerUnavailableException(INSTALL_HINT));
        Path directory;
        try {
            directory = Files.createTempDirectory("herald-dns-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the DNS server", e);
        }
        DnsServer server = new DnsServer(unbound, control, directory);
        try {
            server.startOnFreePort();
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            return server;
        } catch (RuntimeException | Error e) {
            server.stopQuietly();
            throw e;
        }
    }

    private void startOnFreePort() {
        IllegalStateException lastFailure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            port = FreePorts.loopback();
            writeConfig();
            try {
                startProcess();
                return;
            } catch (IllegalStateException e) {
                lastFailure = e;
                String log = PeerCommand.readQuietly(logFile);
                if (!log.contains("can't bind") && !log.contains("Address already in use")) {
                    break;
                }
            }
        }
        throw lastFailure;
    }

    private void writeConfig() {
        List<String> lines = new ArrayList<>(List.of(
            "# herald-test-peers: a throwaway loopback DNS server serving only what the test publishes",
            "server:",
            "    interface: " + FreePorts.LOOPBACK,
            "    port: " + port,
            "    do-ip4: yes",
            "    do-ip6: no",
            "    do-udp: yes",
            "    do-tcp: yes",
            "    so-reuseport: no",
            "    num-threads: 1",
            "    do-daemonize: no",
            "    username: \"\"",
            "    chroot: \"\"",
            "    directory: \"" + directory + "\"",
            "    pidfile: \"" + directory.resolve("unbound.pid") + "\"",
            "    use-syslog: no",
            "    logfile: \"\"",
            "    log-time-ascii: no",
            "    verbosity: 1",
            "    log-queries: yes",
            "    module-config: \"iterator\"",
            "    access-control: 127.0.0.0/8 allow",
            "    unblock-lan-zones: yes",
            "    insecure-lan-zones: yes",
            "    msg-cache-size: 0",
            "    rrset-cache-size: 0",
            "    local-zone: \".\" static"));
        UNBOUND_DEFAULT_ZONES.forEach(zone -> lines.add("    local-zone: \"" + zone + "\" nodefault"));
        lines.addAll(List.of(
            "remote-control:",
            "    control-enable: yes",
            "    control-interface: \"" + directory.resolve("control.sock") + "\"",
            "    control-use-cert: no",
            ""));
        try {
            Files.writeString(configFile, String.join("\n", lines), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + configFile, e);
        }
    }

    private void startProcess() {
        try {
            Files.deleteIfExists(logFile);
            Files.deleteIfExists(directory.resolve("control.sock"));
            process = new ProcessBuilder(unbound.toString(), "-d", "-c", configFile.toString())
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + unbound + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!PeerCommand.readQuietly(logFile).contains("start of service")) {
            if (!process.isAlive()) {
                throw new IllegalStateException("unbound exited with " + process.exitValue() + " at start:\n" + log());
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("unbound did not start within " + START_TIMEOUT + ":\n" + log());
            }
            sleep(10);
        }
        PeerCommand.Result status = control(new byte[0], "status");
        if (status.exitCode() != 0) {
            throw new IllegalStateException("unbound started but unbound-control does not reach it: " + status.describe()
                + "\nserver log:\n" + log());
        }
    }

    /** Stops the server process as an outage would; {@link #restart} brings it back on the same port and records. */
    public synchronized void stop() {
        requireOpen();
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Starts a server stopped by {@link #stop} again, on the same port, serving the same records. */
    public synchronized void restart() {
        requireOpen();
        startProcess();
        records.keySet().forEach(this::apply);
    }

    /** The server's address: always 127.0.0.1. */
    public String address() {
        return FreePorts.LOOPBACK;
    }

    /** The UDP and TCP port the server answers on. */
    public int port() {
        return port;
    }

    /** The throwaway directory holding the configuration, log and control socket; deleted by {@link #close()}. */
    public Path directory() {
        return directory;
    }

    /**
     * Publishes one TXT record at {@code name} whose character-strings are exactly {@code strings}, in this order
     * (each at most 255 bytes in UTF-8; for a DKIM key longer than that, pass it in pieces), replacing the TXT
     * records the name had. Other record types of the name are kept.
     */
    public void putTxt(String name, String... strings) {
        put(name, "TXT", txtRdata(strings));
    }

    /** Deletes the TXT records of {@code name}; other types are kept. A name left with no records gets NXDOMAIN. */
    public void removeTxt(String name) {
        remove(name, "TXT");
    }

    /** Publishes A records (one per address) at {@code name}, replacing its A records. */
    public void putA(String name, String... ipv4Addresses) {
        for (String address : ipv4Addresses) {
            if (!IPV4.matcher(address).matches()) {
                throw new IllegalArgumentException("Not an IPv4 address: " + address);
            }
        }
        put(name, "A", ipv4Addresses);
    }

    /** Publishes AAAA records (one per address) at {@code name}, replacing its AAAA records. */
    public void putAaaa(String name, String... ipv6Addresses) {
        for (String address : ipv6Addresses) {
            if (!address.contains(":") || !(literal(address) instanceof Inet6Address)) {
                throw new IllegalArgumentException("Not an IPv6 address: " + address);
            }
        }
        put(name, "AAAA", ipv6Addresses);
    }

    /** Publishes one MX record at {@code name}, replacing its MX records; use {@link #put} for several. */
    public void putMx(String name, int preference, String exchange) {
        if (preference < 0 || preference > 65535) {
            throw new IllegalArgumentException("MX preference out of range: " + preference);
        }
        put(name, "MX", preference + " " + absolute(exchange));
    }

    /** Publishes the PTR record of {@code ip} (IPv4 or IPv6; its in-addr.arpa/ip6.arpa name) pointing at {@code hostname}. */
    public void putPtr(String ip, String hostname) {
        put(reverseName(ip), "PTR", absolute(hostname));
    }

    /** Deletes every record of {@code name}, of every type. */
    public synchronized void removeAll(String name) {
        String key = absolute(name);
        if (records.remove(key) != null) {
            apply(key);
        }
    }

    /**
     * Publishes the records of {@code type} at {@code name}, one per {@code rdata} in zone-file presentation format
     * (e.g. {@code "10 mx.example.test."} for MX, {@link #txtRdata} for TXT), replacing that name's records of that
     * type. Unbound rejecting a record is an {@link IllegalStateException}.
     */
    public synchronized void put(String name, String type, String... rdata) {
        requireOpen();
        String key = absolute(name);
        String upperType = type.toUpperCase(Locale.ROOT);
        if (!TYPE.matcher(upperType).matches()) {
            throw new IllegalArgumentException("Not a DNS record type: " + type);
        }
        if (rdata.length == 0) {
            throw new IllegalArgumentException("No " + upperType + " record given for " + key + "; use remove to delete them");
        }
        for (String data : rdata) {
            if (data.contains("\n") || data.contains("\r")) {
                throw new IllegalArgumentException("A record's data cannot contain a line break: " + data);
            }
        }
        Map<String, List<String>> byType = records.computeIfAbsent(key, k -> new LinkedHashMap<>());
        List<String> previous = byType.put(upperType, List.of(rdata));
        try {
            apply(key);
        } catch (RuntimeException e) {
            if (previous == null) {
                byType.remove(upperType);
            } else {
                byType.put(upperType, previous);
            }
            if (byType.isEmpty()) {
                records.remove(key);
            }
            try {
                apply(key);
            } catch (RuntimeException restoreFailure) {
                e.addSuppressed(restoreFailure);
            }
            throw e;
        }
    }

    /** Deletes the records of {@code type} at {@code name}; other types are kept. */
    public synchronized void remove(String name, String type) {
        requireOpen();
        String key = absolute(name);
        Map<String, List<String>> byType = records.get(key);
        if (byType != null && byType.remove(type.toUpperCase(Locale.ROOT)) != null) {
            if (byType.isEmpty()) {
                records.remove(key);
            }
            apply(key);
        }
    }

    /** Replaces everything unbound serves for {@code name} with what {@link #records} holds for it. */
    private void apply(String name) {
        PeerCommand.Result removed = control(new byte[0], "local_data_remove", name);
        if (removed.exitCode() != 0 || !removed.stdoutText().strip().equals("ok")) {
            throw new IllegalStateException("unbound-control could not remove the records of " + name + ": " + removed.describe());
        }
        Map<String, List<String>> byType = records.get(name);
        if (byType == null || byType.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        int count = 0;
        for (Map.Entry<String, List<String>> entry : byType.entrySet()) {
            for (String data : entry.getValue()) {
                lines.append(name).append(' ').append(TTL).append(" IN ").append(entry.getKey()).append(' ').append(data).append('\n');
                count++;
            }
        }
        PeerCommand.Result added = control(lines.toString().getBytes(StandardCharsets.UTF_8), "local_datas");
        Matcher matcher = ADDED.matcher(added.stdoutText());
        if (added.exitCode() != 0 || !matcher.find() || Integer.parseInt(matcher.group(1)) != count
            || added.stdoutText().contains("rror")) {
            throw new IllegalStateException("unbound rejected records for " + name + ":\n" + lines + added.describe());
        }
    }

    private PeerCommand.Result control(byte[] stdin, String... arguments) {
        List<String> command = new ArrayList<>(List.of(unboundControl.toString(), "-c", configFile.toString()));
        command.addAll(List.of(arguments));
        return PeerCommand.run(directory, CONTROL_TIMEOUT, stdin, Map.of(), command);
    }

    /** The records currently published, as zone-file lines (name, TTL, class, type, data). */
    public synchronized List<String> records() {
        List<String> lines = new ArrayList<>();
        records.forEach((name, byType) -> byType.forEach((type, data) ->
            data.forEach(rdata -> lines.add(name + " " + TTL + " IN " + type + " " + rdata))));
        return lines;
    }

    /**
     * Every query the server has received so far, in order, from its log: lets a test check that a peer really
     * resolved through this server.
     */
    public List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (String line : PeerCommand.readQuietly(logFile).split("\n")) {
            Matcher matcher = QUERY_LOG.matcher(line);
            if (matcher.find()) {
                queries.add(new Query(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2)));
            }
        }
        return queries;
    }

    /** The server's log (startup messages, queries and errors). */
    public String log() {
        return PeerCommand.readQuietly(logFile);
    }

    /**
     * The TXT record data, in zone-file presentation format, for these character-strings: each quoted, with
     * {@code "} and {@code \} escaped and bytes outside printable ASCII as {@code \DDD}.
     *
     * @throws IllegalArgumentException when no string is given or a string is longer than 255 bytes in UTF-8
     */
    public static String txtRdata(String... strings) {
        if (strings.length == 0) {
            throw new IllegalArgumentException("A TXT record has at least one character-string");
        }
        StringBuilder rdata = new StringBuilder();
        for (String string : strings) {
            byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 255) {
                throw new IllegalArgumentException("A TXT character-string is at most 255 bytes, this one has "
                    + bytes.length + ": split it into several strings: " + string);
            }
            if (!rdata.isEmpty()) {
                rdata.append(' ');
            }
            rdata.append('"');
            for (byte b : bytes) {
                int c = b & 0xff;
                if (c == '"' || c == '\\') {
                    rdata.append('\\').append((char) c);
                } else if (c >= 0x20 && c < 0x7f) {
                    rdata.append((char) c);
                } else {
                    rdata.append(String.format("\\%03d", c));
                }
            }
            rdata.append('"');
        }
        return rdata.toString();
    }

    /** {@code value} split into consecutive strings of at most {@code size} characters, e.g. a long DKIM key into 255-character strings. */
    public static String[] split(String value, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive");
        }
        List<String> parts = new ArrayList<>();
        for (int start = 0; start < value.length(); start += size) {
            parts.add(value.substring(start, Math.min(value.length(), start + size)));
        }
        if (parts.isEmpty()) {
            parts.add("");
        }
        return parts.toArray(String[]::new);
    }

    /** The reverse-DNS name of an IPv4 or IPv6 address, with the final dot. */
    public static String reverseName(String ip) {
        Matcher ipv4 = IPV4.matcher(ip);
        if (ipv4.matches()) {
            return ipv4.group(4) + "." + ipv4.group(3) + "." + ipv4.group(2) + "." + ipv4.group(1) + ".in-addr.arpa.";
        }
        if (ip.contains(":") && literal(ip) instanceof Inet6Address address) {
            StringBuilder name = new StringBuilder();
            byte[] bytes = address.getAddress();
            for (int i = bytes.length - 1; i >= 0; i--) {
                name.append(Character.forDigit(bytes[i] & 0xf, 16)).append('.')
                    .append(Character.forDigit((bytes[i] >> 4) & 0xf, 16)).append('.');
            }
            return name.append("ip6.arpa.").toString();
        }
        throw new IllegalArgumentException("Not an IP address: " + ip);
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address: " + address, e);
        }
    }

    private static String absolute(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a DNS name this test server accepts: '" + name + "'");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    public synchronized boolean isRunning() {
        return !closed && process != null && process.isAlive();
    }

    private synchronized void requireOpen() {
        if (closed) {
            throw new IllegalStateException("This DNS server has been closed");
        }
    }

    /** Stops the server and deletes its directory. */
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
        if (process != null && process.isAlive()) {
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
        }
        PostgresServer.deleteRecursively(directory);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for unbound", e);
        }
    }

    @Override
    public String toString() {
        return "DNS server (unbound) " + (closed ? "(closed)" : "on " + FreePorts.LOOPBACK + ":" + port) + " in " + directory;
    }
}
