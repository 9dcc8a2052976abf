package org.herald.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.dnsjava.DNSJavaService;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.modules.CommonServicesModule;
import org.apache.james.modules.server.DNSServiceModule;
import org.apache.james.server.core.configuration.Configuration;
import org.herald.server.layout.HeraldLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Key;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;

class JamesWithoutItsDnsTest {
    @TempDir
    Path home;

    private Configuration configuration() {
        return new Configuration() {
            @Override
            public ConfigurationPath configurationPath() {
                return new ConfigurationPath(FileSystem.FILE_PROTOCOL_AND_CONF);
            }

            @Override
            public JamesDirectoriesProvider directories() {
                return new HeraldLayout(home, home.resolve("conf"), home.resolve("var"));
            }
        };
    }

    private static boolean binds(List<Element> elements, Class<?> type) {
        return elements.stream().anyMatch(element -> element instanceof Binding<?> binding && binding.getKey().equals(Key.get(type)));
    }

    @Test
    void jamesCommonServicesLoseTheirDnsServiceAndNothingElse() {
        CommonServicesModule common = new CommonServicesModule(configuration());
        List<Element> all = Elements.getElements(common);
        assertThat(binds(all, DNSService.class)).as("James binds its DNS service there today").isTrue();

        List<Element> kept = Elements.getElements(JamesWithoutItsDns.without(common, DNSServiceModule.class));

        assertThat(binds(kept, DNSService.class)).isFalse();
        assertThat(binds(kept, DNSJavaService.class)).isFalse();
        assertThat(binds(kept, FileSystem.class)).isTrue();
        assertThat(kept.size()).isLessThan(all.size()).isGreaterThan(all.size() - 10);
    }

    @Test
    void aModuleThatNoLongerInstallsJamesDnsIsReportedRatherThanSilentlyKept() {
        AbstractModule plain = new AbstractModule() {
            @Override
            protected void configure() {
                bind(String.class).toInstance("x");
            }
        };

        assertThatThrownBy(() -> JamesWithoutItsDns.without(plain, DNSServiceModule.class))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("revisit");
    }
}
