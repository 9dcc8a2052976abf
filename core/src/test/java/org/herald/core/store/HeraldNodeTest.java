package org.herald.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.herald.core.node.HeraldNode;
import org.junit.jupiter.api.Test;

class HeraldNodeTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2024-03-02T11:30:00Z");

    @Test
    void firstStartSetsBothTimestampsToNow() {
        HeraldNode node = HeraldNode.firstStart("mx1", "mx1.example.net", "0.1.0", T0);

        assertThat(node.firstStarted()).isEqualTo(T0);
        assertThat(node.lastStarted()).isEqualTo(T0);
    }

    @Test
    void restartKeepsFirstStartedAndTakesTheNewHostnameVersionAndTime() {
        HeraldNode node = HeraldNode.firstStart("mx1", "old.example.net", "0.1.0", T0)
            .restarted("new.example.net", "0.2.0", T1);

        assertThat(node).isEqualTo(new HeraldNode("mx1", "new.example.net", "0.2.0", T0, T1));
    }

    @Test
    void restartWithAClockThatWentBackwardsPullsFirstStartedBack() {
        HeraldNode node = HeraldNode.firstStart("mx1", "h", "v", T1).restarted("h", "v", T0);

        assertThat(node.firstStarted()).isEqualTo(T0);
        assertThat(node.lastStarted()).isEqualTo(T0);
    }

    @Test
    void rejectsLastStartedBeforeFirstStarted() {
        assertThatThrownBy(() -> new HeraldNode("mx1", "h", "v", T1, T0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("before firstStarted");
    }

    @Test
    void rejectsBlankFields() {
        assertThatThrownBy(() -> HeraldNode.firstStart(" ", "h", "v", T0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("nodeId must not be blank");
        assertThatThrownBy(() -> HeraldNode.firstStart("mx1", "", "v", T0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("hostname must not be blank");
        assertThatThrownBy(() -> HeraldNode.firstStart("mx1", "h", "\t", T0))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("version must not be blank");
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> HeraldNode.firstStart(null, "h", "v", T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new HeraldNode("mx1", "h", "v", null, T0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejectsValuesLongerThanTheStoreColumns() {
        assertThatThrownBy(() -> HeraldNode.firstStart("n".repeat(256), "h", "v", T0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("nodeId is 256 characters long; at most 255 are allowed");
        assertThatThrownBy(() -> HeraldNode.firstStart("mx1", "h", "v".repeat(101), T0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("version is 101 characters long");
        assertThat(HeraldNode.firstStart("n".repeat(255), "h".repeat(255), "v".repeat(100), T0).nodeId()).hasSize(255);
    }
}
