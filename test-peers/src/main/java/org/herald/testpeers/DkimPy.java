package org.herald.testpeers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DKIM signing and verification by dkimpy (Debian's python3-dkim, with python3-nacl for Ed25519 and
 * python3-dnspython for DNS), an implementation independent of Herald's, run by Debian's {@code /usr/bin/python3}
 * (another python3 earlier on the PATH, e.g. pyenv's, cannot see Debian's modules).
 *
 * <p>Verification looks keys up with dnspython at the given {@link DnsServer} on loopback, never through the system
 * resolver. Each instance works in a throwaway directory that {@link #close()} deletes.
 */
public final class DkimPy implements AutoCloseable {
    public static final String PYTHON = "/usr/bin/python3";
    public static final String INSTALL_HINT = "dkimpy was not found: " + PYTHON + " cannot import dkim, nacl and "
        + "dns.resolver (or openssl is missing) — install them with: apt-get install python3-dkim python3-nacl python3-dnspython openssl";
    public static final String RSA_SHA256 = "rsa-sha256";
    public static final String ED25519_SHA256 = "ed25519-sha256";

    private static final String SCRIPT_RESOURCE = "dkimpy_peer.py";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final byte[] ED25519_PKCS8_PREFIX = hex("302e020100300506032b657004220420");
    private static volatile Boolean available;

    private final Path directory;
    private final Path script;
    private final AtomicInteger callCounter = new AtomicInteger();
    private boolean closed;

    /**
     * A DKIM key made by {@link #generateKey}.
     *
     * @param algorithm  "rsa" or "ed25519" (the k= tag)
     * @param privateKey what {@link #sign} (dkimpy) takes: an unencrypted PKCS#8 PEM for RSA, the base64 32-byte
     *                   seed for Ed25519 (dkimpy's format, as its dknewkey writes it)
     * @param dnsTxt     the key record to publish at {@code <selector>._domainkey.<domain>}, e.g.
     *                   {@code v=DKIM1; k=rsa; p=MIIB...}
     */
    public record KeyPair(String algorithm, byte[] privateKey, String dnsTxt) {
        /** The signing algorithm for this key: "rsa-sha256" or "ed25519-sha256". */
        public String signingAlgorithm() {
            return algorithm + "-sha256";
        }

        /** The p= value: base64 SubjectPublicKeyInfo for RSA, the base64 raw 32-byte public key for Ed25519. */
        public String publicKeyBase64() {
            return dnsTxt.substring(dnsTxt.indexOf("p=") + 2).strip();
        }

        /** {@link #dnsTxt()} in character-strings of at most 255 characters, for {@link DnsServer#putTxt}. */
        public String[] dnsTxtStrings() {
            return DnsServer.split(dnsTxt, 255);
        }

        /**
         * The private key as an unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}) for both algorithms: what OpenSSL,
         * OpenDKIM ({@link OpenDkim#sign}) and Java/Bouncy Castle read.
         */
        public byte[] privateKeyPem() {
            if (algorithm.equals("rsa")) {
                return privateKey.clone();
            }
            byte[] seed = Base64.getDecoder().decode(new String(privateKey, StandardCharsets.US_ASCII).strip());
            byte[] der = new byte[ED25519_PKCS8_PREFIX.length + seed.length];
            System.arraycopy(ED25519_PKCS8_PREFIX, 0, der, 0, ED25519_PKCS8_PREFIX.length);
            System.arraycopy(seed, 0, der, ED25519_PKCS8_PREFIX.length, seed.length);
            return ("-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private DkimPy(Path directory, Path script) {
        this.directory = directory;
        this.script = script;
    }

    /**
     * Whether dkimpy, PyNaCl, dnspython (importable by {@link #PYTHON}) and openssl are installed; checked once by
     * really importing them.
     */
    public static boolean available() {
        Boolean result = available;
        if (result == null) {
            result = check();
            available = result;
        }
        return result;
    }

    private static boolean check() {
        if (!PeerCommand.isExecutableFile(Path.of(PYTHON)) || PeerCommand.findProgram("openssl").isEmpty()) {
            return false;
        }
        try {
            Path directory = Files.createTempDirectory("herald-dkimpy-check-");
            try {
                return PeerCommand.run(directory, TIMEOUT, List.of(PYTHON, "-c", "import dkim, nacl.signing, dns.resolver"))
                    .exitCode() == 0;
            } finally {
                PostgresServer.deleteRecursively(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory", e);
        }
    }

    /**
     * A dkimpy peer with its own throwaway directory.
     *
     * @throws PeerUnavailableException when dkimpy (or PyNaCl, dnspython, openssl) is not installed
     */
    public static DkimPy create() {
        if (!available()) {
            throw new PeerUnavailableException(INSTALL_HINT);
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("herald-dkimpy-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for dkimpy", e);
        }
        try (InputStream in = DkimPy.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + SCRIPT_RESOURCE + " is missing from herald-test-peers");
            }
            Path script = directory.resolve(SCRIPT_RESOURCE);
            Files.write(script, in.readAllBytes());
            return new DkimPy(directory, script);
        } catch (IOException e) {
            PostgresServer.deleteRecursively(directory);
            throw new UncheckedIOException("Cannot write the dkimpy script into " + directory, e);
        }
    }

    /**
     * Verifies every DKIM-Signature of {@code message} (dkimpy's {@code DKIM(message).verify(idx=i)} for each),
     * looking keys up at {@code dns}. A missing key, a body hash mismatch or a bad signature is a failed signature
     * in the result, not an exception.
     */
    public DkimVerifyResult verify(byte[] message, DnsServer dns) {
        Path work = newWorkDirectory();
        try {
            Path messageFile = work.resolve("message.eml");
            Files.write(messageFile, message);
            PeerCommand.Result result = python(work, "verify", Integer.toString(dns.port()), messageFile.toString());
            if (result.exitCode() != 0) {
                throw new IllegalStateException("dkimpy could not verify the message: " + result.describe());
            }
            List<DkimVerifyResult.Signature> signatures = new ArrayList<>();
            for (String line : result.stdoutText().split("\n")) {
                List<String> fields = fields(line);
                if (fields.get(0).equals("signature")) {
                    signatures.add(new DkimVerifyResult.Signature(Integer.parseInt(fields.get(1)), fields.get(2),
                        fields.get(3), fields.get(4), fields.get(5), fields.get(6)));
                }
            }
            return new DkimVerifyResult("dkimpy", signatures, result.stdoutText() + result.stderr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            PostgresServer.deleteRecursively(work);
        }
    }

    /**
     * Signs {@code message} with dkimpy, relaxed/relaxed, dkimpy's default header list, and returns it with the
     * DKIM-Signature field prepended (folded with CRLF: give a CRLF message).
     *
     * @param privateKey what {@link KeyPair#privateKey()} holds: a PEM (PKCS#1 or PKCS#8) RSA key, or the base64
     *                   Ed25519 seed
     * @param algorithm  "rsa-sha256" or "ed25519-sha256"
     */
    public byte[] sign(byte[] message, String domain, String selector, byte[] privateKey, String algorithm) {
        if (!algorithm.equals(RSA_SHA256) && !algorithm.equals(ED25519_SHA256)) {
            throw new IllegalArgumentException("dkimpy signs with rsa-sha256 or ed25519-sha256, not " + algorithm);
        }
        Path work = newWorkDirectory();
        try {
            Path messageFile = work.resolve("message.eml");
            Path keyFile = work.resolve("private.key");
            Path signedFile = work.resolve("signed.eml");
            Files.write(messageFile, message);
            Files.write(keyFile, privateKey);
            PeerCommand.Result result = python(work, "sign", messageFile.toString(), domain, selector, keyFile.toString(),
                algorithm, signedFile.toString());
            if (result.exitCode() != 0) {
                throw new IllegalStateException("dkimpy could not sign the message: " + result.describe());
            }
            return Files.readAllBytes(signedFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            PostgresServer.deleteRecursively(work);
        }
    }

    /**
     * A new key: {@code "rsa"}/{@code "rsa-sha256"} (2048 bits, {@code openssl genpkey}) or
     * {@code "ed25519"}/{@code "ed25519-sha256"} (PyNaCl).
     */
    public KeyPair generateKey(String algorithm) {
        String normalized = algorithm.toLowerCase(Locale.ROOT).replace("-sha256", "");
        return switch (normalized) {
            case "rsa" -> generateRsaKey(2048);
            case "ed25519" -> generate("ed25519", 0);
            default -> throw new IllegalArgumentException("Unknown DKIM key algorithm: " + algorithm);
        };
    }

    /** A new RSA key of {@code bits} bits (e.g. 1024 for a too-weak key, 4096 for a key record over 512 bytes). */
    public KeyPair generateRsaKey(int bits) {
        return generate("rsa", bits);
    }

    private KeyPair generate(String algorithm, int bits) {
        Path work = newWorkDirectory();
        try {
            PeerCommand.Result result = python(work, "genkey", algorithm, Integer.toString(bits), work.toString());
            if (result.exitCode() != 0) {
                throw new IllegalStateException("dkimpy could not generate a " + algorithm + " key: " + result.describe());
            }
            return new KeyPair(algorithm, Files.readAllBytes(work.resolve("private.key")),
                Files.readString(work.resolve("dns.txt"), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            PostgresServer.deleteRecursively(work);
        }
    }

    /** dkimpy's, PyNaCl's and dnspython's versions, one per line. */
    public String versions() {
        Path work = newWorkDirectory();
        try {
            PeerCommand.Result result = python(work, "check");
            if (result.exitCode() != 0) {
                throw new IllegalStateException("dkimpy check failed: " + result.describe());
            }
            return result.stdoutText();
        } finally {
            PostgresServer.deleteRecursively(work);
        }
    }

    private PeerCommand.Result python(Path work, String... arguments) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-I", script.toString()));
        command.addAll(List.of(arguments));
        return PeerCommand.run(work, TIMEOUT, new byte[0], Map.of(), command);
    }

    private synchronized Path newWorkDirectory() {
        if (closed) {
            throw new IllegalStateException("This dkimpy peer has been closed");
        }
        try {
            return Files.createDirectory(directory.resolve("call-" + callCounter.incrementAndGet()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tab-separated output line's fields, unescaped (see the script). */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                field.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
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
        return "dkimpy (" + PYTHON + ") in " + directory;
    }
}
