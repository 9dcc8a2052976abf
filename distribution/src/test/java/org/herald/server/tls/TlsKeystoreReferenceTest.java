package org.herald.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.herald.server.layout.HeraldLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsKeystoreReferenceTest {
    @TempDir
    Path root;

    private HeraldLayout layout() {
        return new HeraldLayout(root.resolve("home"), root.resolve("etc/herald"), root.resolve("data"));
    }

    @Test
    void varLocationsResolveBelowTheDataDirectory() {
        HeraldLayout layout = layout();

        assertThat(new TlsKeystoreReference("file://var/tls/keystore.p12", "s").resolve(layout))
            .isEqualTo(layout.dataDirectory().resolve("tls/keystore.p12"));
    }

    @Test
    void confLocationsResolveBelowTheConfDirectory() {
        HeraldLayout layout = layout();

        assertThat(new TlsKeystoreReference("file://conf/keystore.p12", "s").resolve(layout))
            .isEqualTo(layout.confDirectory().resolve("keystore.p12"));
    }

    @Test
    void absoluteFileLocationsAreTakenAsIs() {
        assertThat(new TlsKeystoreReference("file:///etc/ssl/herald.p12", "s").resolve(layout())).isEqualTo(Path.of("/etc/ssl/herald.p12"));
    }

    @Test
    void otherLocationsResolveBelowTheHome() {
        HeraldLayout layout = layout();

        assertThat(new TlsKeystoreReference("tls/keystore.p12", "s").resolve(layout)).isEqualTo(layout.home().resolve("tls/keystore.p12"));
    }

    @Test
    void theDataDirectoryNeedNotBeBelowTheHome() {
        HeraldLayout layout = new HeraldLayout(root.resolve("opt/herald"), root.resolve("opt/herald/conf"), root.resolve("srv/herald-data"));

        assertThat(new TlsKeystoreReference("file://var/tls/keystore.p12", "s").resolve(layout))
            .isEqualTo(root.resolve("srv/herald-data/tls/keystore.p12"));
    }

    @Test
    void keepsLocationAndSecret() {
        TlsKeystoreReference reference = new TlsKeystoreReference("file://var/tls/keystore.p12", "herald-generated");

        assertThat(reference.location()).isEqualTo("file://var/tls/keystore.p12");
        assertThat(reference.secret()).isEqualTo("herald-generated");
        assertThat(reference).isEqualTo(new TlsKeystoreReference("file://var/tls/keystore.p12", "herald-generated"));
    }
}
