package org.herald.testpeers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DKIM verification and signing by OpenDKIM (Debian's {@code opendkim} package), an implementation independent of
 * Herald's: the filter's test mode ({@code opendkim -x <config> -t <message>}) runs the milter logic on one message
 * file and prints the header fields it would add, without a daemon, MTA or socket.
 *
 * <p>Keys are really resolved through the given {@link DnsServer}: Debian's opendkim is built with libunbound, and
 * its {@code ResolverConfiguration} option names a libunbound configuration file, written per call, that forwards
 * every query to 127.0.0.1@port and turns off libunbound's built-in zones (without that, libunbound itself answers
 * NXDOMAIN for {@code *.test}). ({@code opendkim-testmsg} cannot be used: it takes no configuration and resolves
 * through /etc/resolv.conf, which cannot name a port.) No {@code TestDNSData}/{@code TestPublicKeys} shortcut is used.
 *
 * <p>Each instance works in a private (0700) throwaway directory that {@link #close()} deletes.
 */
public final class OpenDkim implements AutoCloseable {
    public static final String INSTALL_HINT = "opendkim (the OpenDKIM filter, whose test mode -t verifies and signs "
        + "messages) was not found in /usr/sbin or on the PATH — install it with: apt-get install opendkim";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern INSERTED_HEADER = Pattern.compile(
        "### INSHEADER: idx=\\d+ hname='([^']*)' hvalue='(.*?)'(?=\\n|$)", Pattern.DOTALL);
    private static final Pattern DKIM_SIGNATURE_FIELD = Pattern.compile("(?im)^dkim-signature[ \\t]*:");
    private static final Pattern TAG = Pattern.compile("(?:^|\\s)(header\\.[a-z]+)=(\\S+)");
    private static final Pattern REASON = Pattern.compile("reason=\"([^\"]*)\"");

    private final Path program;
    private final Path directory;
    private final AtomicInteger callCounter = new AtomicInteger();
    private volatile String versionOutput;
    private boolean closed;

    private OpenDkim(Path program, Path directory) {
        this.program = program;
        this.directory = directory;
    }

    /** Whether the opendkim program is installed; when false {@link #create()} throws {@link PeerUnavailableException}. */
    public static boolean available() {
        return PeerCommand.findProgram("opendkim").isPresent();
    }

    /**
     * An OpenDKIM peer with its own throwaway directory.
     *
     * @throws PeerUnavailableException when opendkim is not installed
     */
    public static OpenDkim create() {
        Path program = PeerCommand.findProgram("opendkim").orElseThrow(() -> new PeerUnavailableException(INSTALL_HINT));
        try {
            return new OpenDkim(program, Files.createTempDirectory("herald-opendkim-"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for OpenDKIM", e);
        }
    }

    /** {@code opendkim -V}: version, OpenSSL, supported algorithms and compile-time options. */
    public String version() {
        String output = versionOutput;
        if (output == null) {
            Path work = newWorkDirectory();
            try {
                PeerCommand.Result result = PeerCommand.run(work, TIMEOUT, List.of(program.toString(), "-V"));
                if (result.exitCode() != 0) {
                    throw new IllegalStateException("opendkim -V failed: " + result.describe());
                }
                output = result.stdoutText() + result.stderr();
                versionOutput = output;
            } finally {
                PostgresServer.deleteRecursively(work);
            }
        }
        return output;
    }

    /**
     * Whether this opendkim build signs and verifies ed25519-sha256 (RFC 8463): read from the "Supported signing
     * algorithms" that {@code opendkim -V} lists, which come from the linked libopendkim and OpenSSL.
     */
    public boolean supportsEd25519() {
        String output = version();
        int start = output.indexOf("Supported signing algorithms:");
        if (start < 0) {
            return false;
        }
        int end = output.indexOf("Supported canonicalization", start);
        return output.substring(start, end < 0 ? output.length() : end).contains("ed25519-sha256");
    }

    /** Whether opendkim is linked with libunbound, which {@link #verify} needs to reach the {@link DnsServer}'s port. */
    public boolean usesUnbound() {
        return version().contains("USE_UNBOUND");
    }

    /**
     * Verifies the DKIM-Signatures of {@code message} (up to 50, top-down) with OpenDKIM, which looks keys up at
     * {@code dns}. Each signature's outcome is read from the Authentication-Results field OpenDKIM would add
     * ({@code dkim=pass|fail|neutral|permerror|temperror ... reason="..." header.d= header.s= header.a=}). For an
     * ed25519-sha256 signature when {@link #supportsEd25519()} is false, the error says so.
     */
    public DkimVerifyResult verify(byte[] message, DnsServer dns) {
        if (!usesUnbound()) {
            throw new IllegalStateException("This opendkim is not built with libunbound (no USE_UNBOUND in opendkim -V), "
                + "so it cannot be pointed at the test DNS server's port:\n" + version());
        }
        Path work = newWorkDirectory();
        try {
            Path resolverConfig = work.resolve("unbound-resolver.conf");
            Files.writeString(resolverConfig, resolverConfiguration(dns), StandardCharsets.UTF_8);
            Path config = work.resolve("opendkim.conf");
            Files.writeString(config, String.join("\n",
                "# herald-test-peers: verify only, resolving through the test DNS server",
                "Mode v",
                "Syslog no",
                "SoftwareHeader no",
                "AlwaysAddARHeader yes",
                "AuthservID herald-test-opendkim",
                "MaximumSignaturesToVerify 50",
                "DNSTimeout 5",
                "ResolverConfiguration " + resolverConfig,
                ""), StandardCharsets.UTF_8);
            Path messageFile = work.resolve("message.eml");
            Files.write(messageFile, message);
            PeerCommand.Result result = PeerCommand.run(work, TIMEOUT, new byte[0], Map.of(),
                List.of(program.toString(), "-x", config.toString(), "-vv", "-t", messageFile.toString()));
            String output = result.stdoutText() + result.stderr();
            if (result.exitCode() != 0) {
                throw new IllegalStateException("opendkim could not verify the message: " + result.describe());
            }
            List<DkimVerifyResult.Signature> signatures = new ArrayList<>();
            if (DKIM_SIGNATURE_FIELD.matcher(new String(message, StandardCharsets.ISO_8859_1)).find()) {
                String results = insertedHeader(result.stdoutText(), "Authentication-Results");
                if (results == null) {
                    throw new IllegalStateException("opendkim added no Authentication-Results field: " + result.describe());
                }
                signatures.addAll(parseResults(results));
            }
            return new DkimVerifyResult("opendkim", signatures, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            PostgresServer.deleteRecursively(work);
        }
    }

    /** The libunbound configuration: forward everything to the test DNS server, no built-in zones, no DNSSEC. */
    static String resolverConfiguration(DnsServer dns) {
        List<String> lines = new ArrayList<>(List.of(
            "# herald-test-peers: libunbound inside opendkim, forwarding every query to the loopback test DNS server",
            "server:",
            "    do-not-query-localhost: no",
            "    do-ip6: no",
            "    module-config: \"iterator\"",
            "    unblock-lan-zones: yes",
            "    insecure-lan-zones: yes"));
        DnsServer.UNBOUND_DEFAULT_ZONES.forEach(zone -> lines.add("    local-zone: \"" + zone + "\" nodefault"));
        lines.addAll(List.of(
            "forward-zone:",
            "    name: \".\"",
            "    forward-addr: " + dns.address() + "@" + dns.port(),
            ""));
        return String.join("\n", lines);
    }

    private List<DkimVerifyResult.Signature> parseResults(String authenticationResults) {
        boolean ed25519 = supportsEd25519();
        List<DkimVerifyResult.Signature> signatures = new ArrayList<>();
        for (String clause : splitClauses(authenticationResults)) {
            String trimmed = clause.strip();
            if (!trimmed.toLowerCase(Locale.ROOT).startsWith("dkim=")) {
                continue;
            }
            String result = trimmed.substring(5).split("[\\s(;]", 2)[0].toLowerCase(Locale.ROOT);
            Map<String, String> tags = new HashMap<>();
            Matcher tag = TAG.matcher(trimmed);
            while (tag.find()) {
                tags.put(tag.group(1), tag.group(2));
            }
            String algorithm = tags.getOrDefault("header.a", "");
            String error = "";
            if (!result.equals("pass")) {
                Matcher reason = REASON.matcher(trimmed);
                error = reason.find() ? reason.group(1) : trimmed;
                if (algorithm.equalsIgnoreCase("ed25519-sha256") && !ed25519) {
                    error = "this opendkim build does not support ed25519-sha256 (see opendkim -V): " + error;
                }
            }
            signatures.add(new DkimVerifyResult.Signature(signatures.size(), tags.getOrDefault("header.d", ""),
                tags.getOrDefault("header.s", ""), algorithm, result, error));
        }
        return signatures;
    }

    /** The Authentication-Results value split at the semicolons that are not inside quotes or comments. */
    private static List<String> splitClauses(String value) {
        List<String> clauses = new ArrayList<>();
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        int comment = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && comment == 0) {
                quoted = !quoted;
            } else if (c == '(' && !quoted) {
                comment++;
            } else if (c == ')' && !quoted && comment > 0) {
                comment--;
            } else if (c == ';' && !quoted && comment == 0) {
                clauses.add(clause.toString());
                clause.setLength(0);
                continue;
            }
            clause.append(c);
        }
        clauses.add(clause.toString());
        return clauses;
    }

    private static String insertedHeader(String output, String name) {
        Matcher matcher = INSERTED_HEADER.matcher(output);
        while (matcher.find()) {
            if (matcher.group(1).equalsIgnoreCase(name)) {
                return matcher.group(2);
            }
        }
        return null;
    }

    /**
     * Signs {@code message} with OpenDKIM (relaxed/relaxed, OpenDKIM's default header list) as {@code domain} /
     * {@code selector}, whatever the From domain, and returns it with the DKIM-Signature prepended (folded with CRLF
     * when the message uses CRLF).
     *
     * @param privateKeyPem an unencrypted PEM key: PKCS#1 or PKCS#8 for RSA, PKCS#8 for Ed25519
     *                      ({@link DkimPy.KeyPair#privateKeyPem()} gives both)
     * @param algorithm     "rsa-sha256" or "ed25519-sha256"
     */
    public byte[] sign(byte[] message, String domain, String selector, byte[] privateKeyPem, String algorithm) {
        if (!algorithm.equals(DkimPy.RSA_SHA256) && !algorithm.equals(DkimPy.ED25519_SHA256)) {
            throw new IllegalArgumentException("OpenDKIM signs with rsa-sha256 or ed25519-sha256 here, not " + algorithm);
        }
        if (!domain.matches("[A-Za-z0-9.-]+") || !selector.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Unusable domain or selector: " + domain + " / " + selector);
        }
        Path work = newWorkDirectory();
        try {
            Path key = work.resolve("private.key");
            Files.write(key, privateKeyPem);
            Path keyTable = work.resolve("key.table");
            Files.writeString(keyTable, "herald " + domain + ":" + selector + ":" + key + "\n", StandardCharsets.UTF_8);
            Path signingTable = work.resolve("signing.table");
            Files.writeString(signingTable, "* herald\n", StandardCharsets.UTF_8);
            Path config = work.resolve("opendkim.conf");
            Files.writeString(config, String.join("\n",
                "# herald-test-peers: sign every message with one key, whatever its sender",
                "Mode s",
                "Syslog no",
                "SoftwareHeader no",
                // the throwaway directory is 0700 but lies under /tmp, which opendkim would call unsafe
                "RequireSafeKeys no",
                "Canonicalization relaxed/relaxed",
                "SignatureAlgorithm " + algorithm,
                "KeyTable " + keyTable,
                "SigningTable refile:" + signingTable,
                ""), StandardCharsets.UTF_8);
            Path messageFile = work.resolve("message.eml");
            Files.write(messageFile, message);
            PeerCommand.Result result = PeerCommand.run(work, TIMEOUT, new byte[0], Map.of(),
                List.of(program.toString(), "-x", config.toString(), "-vv", "-t", messageFile.toString()));
            String signature = insertedHeader(result.stdoutText(), "DKIM-Signature");
            if (result.exitCode() != 0 || signature == null) {
                throw new IllegalStateException("opendkim did not sign the message: " + result.describe());
            }
            String lineEnd = new String(message, StandardCharsets.ISO_8859_1).contains("\r\n") ? "\r\n" : "\n";
            byte[] field = ("DKIM-Signature: " + signature.replace("\r\n", "\n").replace("\n", lineEnd) + lineEnd)
                .getBytes(StandardCharsets.ISO_8859_1);
            byte[] signed = new byte[field.length + message.length];
            System.arraycopy(field, 0, signed, 0, field.length);
            System.arraycopy(message, 0, signed, field.length, message.length);
            return signed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            PostgresServer.deleteRecursively(work);
        }
    }

    private synchronized Path newWorkDirectory() {
        if (closed) {
            throw new IllegalStateException("This OpenDKIM peer has been closed");
        }
        try {
            return Files.createDirectory(directory.resolve("call-" + callCounter.incrementAndGet()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the throwaway directory. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            PostgresServer.deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return "OpenDKIM (" + program + ") in " + directory;
    }
}
