package org.herald.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.herald.core.dkim.DkimAlgorithm;
import org.herald.core.dkim.DkimSignatureEngine;
import org.herald.core.dkim.DkimSigner;
import org.herald.core.dkim.DkimSigningKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * What signing one outbound mail costs on one core: canonicalising and hashing the body and headers, then one RSA-2048
 * signature, one Ed25519 signature, or both (Herald's dual signing, one body hash shared), through pure Java (the JDK's
 * RSA, Bouncy Castle's Ed25519) or through Amazon Corretto Crypto Provider (what Herald uses where it loads). Run by
 * bench/dkim-signing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DkimSigningBenchmark {
    @Param({"10240", "102400"})
    int messageBytes;

    @Param({"accp", "java"})
    String provider;

    private DkimSigner signer;
    private byte[] message;
    private List<DkimSigningKey> rsa;
    private List<DkimSigningKey> ed25519;
    private List<DkimSigningKey> both;

    @Setup
    public void setUp() throws Exception {
        DkimSignatureEngine engine = provider.equals("java") ? DkimSignatureEngine.pureJava()
            : DkimSignatureEngine.withProvider(AmazonCorrettoCryptoProvider.INSTANCE, warning -> {
                throw new IllegalStateException(warning);
            });
        signer = new DkimSigner(Clock.systemUTC(), engine);
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048, new SecureRandom());
        DkimSigningKey rsaKey = new DkimSigningKey("example.com", "h202611r", DkimAlgorithm.RSA_SHA256,
            rsaGenerator.generateKeyPair().getPrivate());
        DkimSigningKey edKey = new DkimSigningKey("example.com", "h202611e", DkimAlgorithm.ED25519_SHA256,
            KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        rsa = List.of(rsaKey);
        ed25519 = List.of(edKey);
        both = List.of(edKey, rsaKey);
        message = message(messageBytes);
    }

    /** A plain-text mail of about {@code size} bytes: headers, then 72-character lines. */
    static byte[] message(int size) {
        StringBuilder text = new StringBuilder("From: Alice <alice@example.com>\r\nTo: bob@example.net\r\n"
            + "Subject: a benchmark message\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\nMessage-ID: <bench@example.com>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        String line = "The quick brown fox jumps over the lazy dog, then does it again  0123456789\r\n";
        while (text.length() < size) {
            text.append(line);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public List<String> rsa2048() {
        return signer.sign(message, rsa);
    }

    @Benchmark
    public List<String> ed25519() {
        return signer.sign(message, ed25519);
    }

    @Benchmark
    public List<String> dualRsaAndEd25519() {
        return signer.sign(message, both);
    }
}
