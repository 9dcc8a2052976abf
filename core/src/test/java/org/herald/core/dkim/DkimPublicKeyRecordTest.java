package org.herald.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

class DkimPublicKeyRecordTest {
    @Test
    void readsAnEd25519RecordOfRfc8463() {
        DkimPublicKeyRecord record = DkimPublicKeyRecord.parse(Rfc8463Test.BRISBANE_RECORD);

        assertThat(record.version()).isEqualTo("DKIM1");
        assertThat(record.keyType()).isEqualTo("ed25519");
        assertThat(record.algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
        assertThat(record.publicKeyBase64()).isEqualTo(Rfc8463Test.ED25519_PUBLIC);
        assertThat(record.revoked()).isFalse();
        assertThat(record.publicKeyData()).isEqualTo(Base64.getDecoder().decode(Rfc8463Test.ED25519_PUBLIC));
        assertThat(DkimPublicKeyRecord.rawEd25519(record.publicKey())).isEqualTo(record.publicKeyData());
    }

    @Test
    void readsAnRsaRecordOfRfc8463() {
        DkimPublicKeyRecord record = DkimPublicKeyRecord.parse(Rfc8463Test.TEST_RECORD);

        assertThat(record.keyType()).isEqualTo("rsa");
        assertThat(record.publicKey()).isInstanceOf(RSAPublicKey.class);
        assertThat(((RSAPublicKey) record.publicKey()).getModulus().bitLength()).isEqualTo(1024);
    }

    @Test
    void absentTagsTakeTheirDefaults() {
        String p = Base64.getEncoder().encodeToString(TestKeys.RSA.getPublic().getEncoded());
        DkimPublicKeyRecord record = DkimPublicKeyRecord.parse("p=" + p);

        assertThat(record.version()).isEqualTo("DKIM1");
        assertThat(record.keyType()).isEqualTo("rsa");
        assertThat(record.hashAlgorithms()).isEmpty();
        assertThat(record.allowsHash("sha256")).isTrue();
        assertThat(record.flags()).isEmpty();
        assertThat(record.serviceTypes()).containsExactly("*");
        assertThat(record.allowsEmail()).isTrue();
    }

    @Test
    void readsHashesFlagsAndServices() {
        DkimPublicKeyRecord record = DkimPublicKeyRecord.parse("v=DKIM1; h=sha1 : SHA256; t=y:s; s=email; k=ed25519; p="
            + Rfc8463Test.ED25519_PUBLIC);

        assertThat(record.hashAlgorithms()).containsExactlyInAnyOrder("sha1", "sha256");
        assertThat(record.flags()).containsExactlyInAnyOrder("y", "s");
        assertThat(record.serviceTypes()).containsExactly("email");
        assertThat(DkimPublicKeyRecord.parse("h=sha1; k=ed25519; p=" + Rfc8463Test.ED25519_PUBLIC).allowsHash("sha256")).isFalse();
        assertThat(DkimPublicKeyRecord.parse("s=other; k=ed25519; p=" + Rfc8463Test.ED25519_PUBLIC).allowsEmail()).isFalse();
    }

    @Test
    void anEmptyPRevokesTheKey() {
        DkimPublicKeyRecord record = DkimPublicKeyRecord.parse("v=DKIM1; k=rsa; p=");

        assertThat(record.revoked()).isTrue();
        assertThat(record.publicKeyBase64()).isEmpty();
        assertThatThrownBy(record::publicKey).isInstanceOf(IllegalStateException.class).hasMessageContaining("revoked");
    }

    @Test
    void whitespaceInsidePIsIgnored() {
        String p = Rfc8463Test.ED25519_PUBLIC;
        DkimPublicKeyRecord record = DkimPublicKeyRecord.parse("k=ed25519; p=" + p.substring(0, 10) + " \t" + p.substring(10));

        assertThat(record.publicKeyBase64()).isEqualTo(p);
    }

    @Test
    void acceptsABarePkcs1RsaKeyAsOldGeneratorsWroteThem() throws Exception {
        byte[] pkcs1 = SubjectPublicKeyInfo.getInstance(TestKeys.RSA.getPublic().getEncoded()).parsePublicKey().getEncoded();

        DkimPublicKeyRecord record = DkimPublicKeyRecord.parse("k=rsa; p=" + Base64.getEncoder().encodeToString(pkcs1));

        assertThat(record.publicKey()).isEqualTo(TestKeys.RSA.getPublic());
    }

    @Test
    void refusesRecordsItCannotUse() {
        assertThatThrownBy(() -> DkimPublicKeyRecord.parse("v=DKIM1; k=rsa"))
            .isInstanceOf(InvalidDkimRecordException.class).hasMessage("no p= tag");
        assertThatThrownBy(() -> DkimPublicKeyRecord.parse("v=DKIM2; p=abcd"))
            .isInstanceOf(InvalidDkimRecordException.class).hasMessage("unknown version v=DKIM2");
        assertThatThrownBy(() -> DkimPublicKeyRecord.parse("v=DKIM1; p=not*base64!"))
            .isInstanceOf(InvalidDkimRecordException.class).hasMessage("p= is not base64");
        assertThatThrownBy(() -> DkimPublicKeyRecord.parse("v=DKIM1; k=dsa; p=abcd"))
            .isInstanceOf(InvalidDkimRecordException.class).hasMessage("unknown key type k=dsa");
        assertThatThrownBy(() -> DkimPublicKeyRecord.parse("v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(new byte[64])))
            .isInstanceOf(InvalidDkimRecordException.class).hasMessage("p= is not an RSA public key");
        assertThatThrownBy(() -> DkimPublicKeyRecord.parse("v=DKIM1; k=ed25519; p="
            + Base64.getEncoder().encodeToString(TestKeys.ED25519.getPublic().getEncoded())))
            .isInstanceOf(InvalidDkimRecordException.class)
            .hasMessage("an ed25519 p= must be the raw 32-byte key (RFC 8463), not 44 bytes");
        assertThatThrownBy(() -> DkimPublicKeyRecord.parse("v=DKIM1; p=a; p=b"))
            .isInstanceOf(InvalidDkimRecordException.class).hasMessage("duplicate tag p=");
    }

    @Test
    void rendersRecordsThatParseBackToTheSameKey() {
        byte[] spki = TestKeys.RSA.getPublic().getEncoded();
        byte[] raw = DkimPublicKeyRecord.rawEd25519(TestKeys.ED25519.getPublic());

        String rsa = DkimPublicKeyRecord.renderTxt(DkimAlgorithm.RSA_SHA256, spki);
        String ed25519 = DkimPublicKeyRecord.renderTxt(DkimAlgorithm.ED25519_SHA256, raw);

        assertThat(rsa).isEqualTo("v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(spki));
        assertThat(ed25519).isEqualTo("v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(raw));
        assertThat(DkimPublicKeyRecord.parse(rsa).publicKey()).isEqualTo(TestKeys.RSA.getPublic());
        assertThat(DkimPublicKeyRecord.parse(ed25519).publicKey().getEncoded()).isEqualTo(TestKeys.ED25519.getPublic().getEncoded());
    }

    @Test
    void renderingRefusesKeysInTheWrongForm() {
        assertThatThrownBy(() -> DkimPublicKeyRecord.renderTxt(DkimAlgorithm.ED25519_SHA256, TestKeys.ED25519.getPublic().getEncoded()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("raw 32-byte");
        assertThatThrownBy(() -> DkimPublicKeyRecord.renderTxt(DkimAlgorithm.RSA_SHA256, new byte[32]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SubjectPublicKeyInfo");
    }

    @Test
    void splitsLongValuesIntoDnsStringsOfAtMost255Characters() {
        String rsa2048 = TestKeys.record(DkimAlgorithm.RSA_SHA256);

        List<String> strings = DkimPublicKeyRecord.splitForDns(rsa2048);

        assertThat(rsa2048.length()).isGreaterThan(255);
        assertThat(strings).hasSize(2).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(255));
        assertThat(String.join("", strings)).isEqualTo(rsa2048);
        assertThat(strings.get(0)).hasSize(255);
        assertThat(DkimPublicKeyRecord.splitForDns("x".repeat(255))).hasSize(1);
        assertThat(DkimPublicKeyRecord.splitForDns("x".repeat(256))).containsExactly("x".repeat(255), "x");
        assertThat(DkimPublicKeyRecord.splitForDns("")).containsExactly("");
    }
}
