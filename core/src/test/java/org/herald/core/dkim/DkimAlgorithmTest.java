package org.herald.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DkimAlgorithmTest {
    @Test
    void namesItsTagsAsTheRfcsDo() {
        assertThat(DkimAlgorithm.RSA_SHA256.tag()).isEqualTo("rsa-sha256");
        assertThat(DkimAlgorithm.RSA_SHA256.keyType()).isEqualTo("rsa");
        assertThat(DkimAlgorithm.RSA_SHA256.selectorSuffix()).isEqualTo('r');
        assertThat(DkimAlgorithm.ED25519_SHA256.tag()).isEqualTo("ed25519-sha256");
        assertThat(DkimAlgorithm.ED25519_SHA256.keyType()).isEqualTo("ed25519");
        assertThat(DkimAlgorithm.ED25519_SHA256.selectorSuffix()).isEqualTo('e');
    }

    @Test
    void findsAlgorithmsByTagAndKeyTypeIgnoringCase() {
        assertThat(DkimAlgorithm.fromTag("ed25519-sha256")).contains(DkimAlgorithm.ED25519_SHA256);
        assertThat(DkimAlgorithm.fromTag(" RSA-SHA256 ")).contains(DkimAlgorithm.RSA_SHA256);
        assertThat(DkimAlgorithm.fromTag("rsa-sha1")).isEmpty();
        assertThat(DkimAlgorithm.fromTag(null)).isEmpty();
        assertThat(DkimAlgorithm.fromKeyType("Ed25519")).contains(DkimAlgorithm.ED25519_SHA256);
        assertThat(DkimAlgorithm.fromKeyType("rsa")).contains(DkimAlgorithm.RSA_SHA256);
        assertThat(DkimAlgorithm.fromKeyType("dsa")).isEmpty();
    }

    @Test
    void resultsRenderAsAuthenticationResultsValues() {
        assertThat(DkimResult.PASS.authResultsValue()).isEqualTo("pass");
        assertThat(DkimResult.FAIL.authResultsValue()).isEqualTo("fail");
        assertThat(DkimResult.NEUTRAL.authResultsValue()).isEqualTo("neutral");
        assertThat(DkimResult.TEMPERROR.authResultsValue()).isEqualTo("temperror");
        assertThat(DkimResult.PERMERROR.authResultsValue()).isEqualTo("permerror");
    }
}
