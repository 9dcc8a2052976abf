package org.herald.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.herald.testpeers.FreePorts;
import org.herald.testpeers.PeerUnavailableException;

/**
 * A relay that requires STARTTLS and then AUTH, like a paid relay (Debian's python3-aiosmtpd running
 * peers/auth_tls_relay.py), with a certificate for localhost made at test time by openssl and a PKCS#12 trust store
 * holding it (made by keytool) for Herald to verify it with.
 */
public final class AuthTlsRelay implements AutoCloseable {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    public static final String TRUST_STORE_PASSWORD = "trust-pass";

    private final int port;
    private final Path dumps;
    private final Path trustStore;
    private final Process process;

    private AuthTlsRelay(int port, Path dumps, Path trustStore, Process process) {
        this.port = port;
        this.dumps = dumps;
        this.trustStore = trustStore;
        this.process = process;
    }

    public static AuthTlsRelay start(Path work, String user, String password) {
        try {
            if (new ProcessBuilder(PYTHON.toString(), "-c", "import aiosmtpd").start().waitFor() != 0) {
                throw new PeerUnavailableException("python3-aiosmtpd is not installed: apt-get install python3-aiosmtpd");
            }
            Path directory = Files.createDirectories(work.resolve("auth-tls-relay-" + System.nanoTime()));
            Path cert = directory.resolve("cert.pem");
            Path key = directory.resolve("key.pem");
            run(directory, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key.toString(), "-out", cert.toString());
            Path trustStore = directory.resolve("relay-trust.p12");
            run(directory, "keytool", "-importcert", "-noprompt", "-alias", "relay", "-file", cert.toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", TRUST_STORE_PASSWORD);
            Path script = directory.resolve("auth_tls_relay.py");
            try (InputStream in = AuthTlsRelay.class.getResourceAsStream("/peers/auth_tls_relay.py")) {
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Path dumps = Files.createDirectories(directory.resolve("mails"));
            int port = FreePorts.loopback();
            Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), Integer.toString(port), dumps.toString(),
                cert.toString(), key.toString(), user, password)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("relay.log").toFile())
                .start();
            AuthTlsRelay relay = new AuthTlsRelay(port, dumps, trustStore, process);
            Awaitility.await("the AUTH/STARTTLS relay on " + port).atMost(Duration.ofSeconds(20)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the AUTH/STARTTLS relay exited with " + process.exitValue()
                        + ": " + Files.readString(directory.resolve("relay.log")));
                }
                return FreePorts.isListening(port);
            });
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new PeerUnavailableException(command[0] + " failed (" + output.strip() + "): apt-get install openssl / a JDK");
        }
    }

    public int port() {
        return port;
    }

    /** A PKCS#12 file trusting the relay's certificate; its password is {@link #TRUST_STORE_PASSWORD}. */
    public Path trustStore() {
        return trustStore;
    }

    /** Every accepted mail: X-Relay-Auth-User, X-Relay-Tls and X-Rcpt-Args lines, then the message. */
    public List<String> accepted() {
        return DumpedMail.allIn(dumps);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
