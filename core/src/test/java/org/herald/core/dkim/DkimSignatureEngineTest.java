package org.herald.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Signature;
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
        DkimSignatureEngine accp = DkimSignatureEngine.withRsaProvider(AmazonCorrettoCryptoProvider.INSTANCE, warnings::add);
        DkimSigningKey key = TestKeys.rsaKey("r");

        byte[] first = accp.sign(key, DATA);
        byte[] second = accp.sign(key, DATA);

        assertThat(jdkVerifies(first)).isTrue();
        assertThat(first).isEqualTo(second).isEqualTo(DkimSignatureEngine.jdk().sign(key, DATA));
        assertThat(accp.rsaImplementation()).startsWith(AmazonCorrettoCryptoProvider.INSTANCE.getName());
        assertThat(warnings).isEmpty();
    }

    @Test
    void aProviderThatCannotTakeTheKeySignsThroughTheJdkAndSaysSo() throws Exception {
        Provider empty = new Provider("Empty", "1.0", "offers no algorithm") {
            private static final long serialVersionUID = 1L;
        };
        List<String> warnings = new ArrayList<>();
        DkimSignatureEngine engine = DkimSignatureEngine.withRsaProvider(empty, warnings::add);

        byte[] signature = engine.sign(TestKeys.rsaKey("r"), DATA);
        engine.sign(TestKeys.rsaKey("r"), DATA);

        assertThat(jdkVerifies(signature)).isTrue();
        assertThat(warnings).singleElement().asString().contains("Empty cannot sign with").contains("signs through the JDK");
    }

    @Test
    void ed25519SignaturesFromThePreparedKeyVerify() {
        DkimSigningKey key = TestKeys.ed25519Key("e");
        DkimSignatureEngine engine = DkimSignatureEngine.jdk();
        DkimPublicKeyRecord record = DkimPublicKeyRecord.parse(TestKeys.record(DkimAlgorithm.ED25519_SHA256));

        byte[] first = engine.sign(key, DATA);

        assertThat(DkimCrypto.verify(DkimAlgorithm.ED25519_SHA256, record, DATA, first)).isTrue();
        assertThat(engine.sign(key, DATA)).as("Ed25519 is deterministic").isEqualTo(first);
        assertThat(DkimCrypto.verify(DkimAlgorithm.ED25519_SHA256, record, "other data".getBytes(StandardCharsets.US_ASCII), first))
            .isFalse();
    }
}
