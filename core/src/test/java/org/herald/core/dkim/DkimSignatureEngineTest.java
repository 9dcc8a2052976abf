package org.herald.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

class DkimSignatureEngineTest {
    private static final byte[] DATA = "from:alice@example.com\r\ndkim-signature:v=1; a=rsa-sha256; b=".getBytes(StandardCharsets.US_ASCII);

    private static boolean jdkVerifies(byte[] signature) throws Exception {
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initVerify(TestKeys.RSA.getPublic());
        jdk.update(DATA);
        return jdk.verify(signature);
    }

    @Test
    void theNativeProviderSignsWhatTheJdkVerifiesTheSameBytesAsTheJdkAndKeepsThePreparedKey() throws Exception {
        assertThat(AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError()).as("the native library loads here").isNull();
        List<String> warnings = new ArrayList<>();
        DkimSignatureEngine accp = DkimSignatureEngine.withProvider(AmazonCorrettoCryptoProvider.INSTANCE, warnings::add);
        DkimSigningKey key = TestKeys.rsaKey("r");

        byte[] first = accp.sign(key, DATA);
        byte[] second = accp.sign(key, DATA);

        assertThat(jdkVerifies(first)).isTrue();
        assertThat(first).isEqualTo(second).isEqualTo(DkimSignatureEngine.pureJava().sign(key, DATA));
        assertThat(accp.implementation()).startsWith(AmazonCorrettoCryptoProvider.INSTANCE.getName());
        assertThat(warnings).isEmpty();
    }

    @Test
    void aProviderThatCannotTakeTheKeySignsThroughTheJdkAndSaysSo() throws Exception {
        Provider empty = new Provider("Empty", "1.0", "offers no algorithm") {
            private static final long serialVersionUID = 1L;
        };
        List<String> warnings = new ArrayList<>();
        DkimSignatureEngine engine = DkimSignatureEngine.withProvider(empty, warnings::add);

        byte[] signature = engine.sign(TestKeys.rsaKey("r"), DATA);
        engine.sign(TestKeys.rsaKey("r"), DATA);

        assertThat(jdkVerifies(signature)).isTrue();
        assertThat(warnings).singleElement().asString().contains("Empty cannot sign with").contains("signs through the JDK");
    }

    @Test
    void theNativeProviderMakesBouncyCastlesEd25519Signature() {
        List<String> warnings = new ArrayList<>();
        DkimSignatureEngine accp = DkimSignatureEngine.withProvider(AmazonCorrettoCryptoProvider.INSTANCE, warnings::add);
        DkimSigningKey key = TestKeys.ed25519Key("e");

        byte[] signature = accp.sign(key, DATA);

        assertThat(signature).isEqualTo(accp.sign(key, DATA)).isEqualTo(DkimSignatureEngine.pureJava().sign(key, DATA));
        assertThat(warnings).isEmpty();
    }

    @Test
    void aProviderWhoseEd25519SignatureDiffersIsNotUsedForThatKey() {
        List<String> warnings = new ArrayList<>();
        DkimSignatureEngine engine = DkimSignatureEngine.withProvider(new WrongEd25519Provider(), warnings::add);
        DkimSigningKey key = TestKeys.ed25519Key("e");

        byte[] signature = engine.sign(key, DATA);
        engine.sign(key, DATA);

        assertThat(signature).isEqualTo(DkimSignatureEngine.pureJava().sign(key, DATA));
        assertThat(warnings).singleElement().asString().contains("differs from Bouncy Castle's")
            .contains("signs through Bouncy Castle");
    }

    @Test
    void ed25519SignaturesFromThePreparedKeyVerify() {
        DkimSigningKey key = TestKeys.ed25519Key("e");
        DkimSignatureEngine engine = DkimSignatureEngine.pureJava();
        DkimPublicKeyRecord record = DkimPublicKeyRecord.parse(TestKeys.record(DkimAlgorithm.ED25519_SHA256));

        byte[] first = engine.sign(key, DATA);

        assertThat(DkimCrypto.verify(DkimAlgorithm.ED25519_SHA256, record, DATA, first)).isTrue();
        assertThat(engine.sign(key, DATA)).as("Ed25519 is deterministic").isEqualTo(first);
        assertThat(DkimCrypto.verify(DkimAlgorithm.ED25519_SHA256, record, "other data".getBytes(StandardCharsets.US_ASCII), first))
            .isFalse();
    }

    /** Offers an Ed25519 signature that signs something else: a broken accelerator. */
    private static final class WrongEd25519Provider extends Provider {
        private static final long serialVersionUID = 1L;

        WrongEd25519Provider() {
            super("WrongEd25519", "1.0", "signs every message as if it were empty");
            put("Signature.Ed25519", WrongEd25519Signature.class.getName());
        }
    }

    public static final class WrongEd25519Signature extends SignatureSpi {
        private final Signature jdk;

        public WrongEd25519Signature() throws Exception {
            jdk = Signature.getInstance("Ed25519");
        }

        @Override
        protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
            jdk.initSign(key);
        }

        @Override
        protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
            jdk.initVerify(key);
        }

        @Override
        protected void engineUpdate(byte b) {
        }

        @Override
        protected void engineUpdate(byte[] data, int offset, int length) {
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            return jdk.sign();
        }

        @Override
        protected boolean engineVerify(byte[] signature) {
            return false;
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String name, Object value) {
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String name) {
            return null;
        }
    }
}
