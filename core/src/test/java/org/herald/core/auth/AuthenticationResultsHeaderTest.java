package org.herald.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.herald.core.dkim.DkimResult;
import org.herald.core.dkim.DkimVerification;
import org.herald.core.spf.SpfOutcome;
import org.herald.core.spf.SpfResult;
import org.junit.jupiter.api.Test;

class AuthenticationResultsHeaderTest {
    @Test
    void oneResultPerSignatureThenSpfWithBase64ValuesQuoted() {
        String value = AuthenticationResultsHeader.value("mx.example.net", List.of(
                new DkimVerification(DkimResult.PASS, "example.com", "h202611e", "ed25519-sha256", "ab/cd+ef", "ok"),
                new DkimVerification(DkimResult.FAIL, "example.com", "h202611r", "rsa-sha256", "Zm9vYmFy", "body hash did not verify")),
            Optional.of(new SpfOutcome(SpfResult.SOFTFAIL, "bounce@example.com", "example.com", "")));

        assertThat(value).isEqualTo("mx.example.net;\r\n"
            + "\tdkim=pass header.d=example.com header.s=h202611e header.a=ed25519-sha256 header.b=\"ab/cd+ef\";\r\n"
            + "\tdkim=fail reason=\"body hash did not verify\" header.d=example.com header.s=h202611r header.a=rsa-sha256 header.b=Zm9vYmFy;\r\n"
            + "\tspf=softfail smtp.mailfrom=bounce@example.com");
    }

    @Test
    void noSignatureIsDkimNoneAndSpfMayBeLeftOut() {
        assertThat(AuthenticationResultsHeader.value("mx", List.of(), Optional.empty())).isEqualTo("mx;\r\n\tdkim=none");
    }

    @Test
    void recognisesHeadersClaimingItsAuthservId() {
        assertThat(AuthenticationResultsHeader.claimsToBeFrom(" MX.example.net; dkim=pass", "mx.example.net")).isTrue();
        assertThat(AuthenticationResultsHeader.claimsToBeFrom("mx.example.net 1; spf=pass", "mx.example.net")).isTrue();
        assertThat(AuthenticationResultsHeader.claimsToBeFrom("mx.example.network; dkim=pass", "mx.example.net")).isFalse();
        assertThat(AuthenticationResultsHeader.claimsToBeFrom("other.example; dkim=pass", "mx.example.net")).isFalse();
    }

    @Test
    void quotesInAReasonAreEscaped() {
        String value = AuthenticationResultsHeader.value("mx", List.of(
            new DkimVerification(DkimResult.PERMERROR, "", "", "", "", "bad tag \"x\"\r\nnext")), Optional.empty());

        assertThat(value).isEqualTo("mx;\r\n\tdkim=permerror reason=\"bad tag \\\"x\\\" next\"");
    }
}
