package org.herald.testpeers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class FreePortsTest {
    @Test
    void returnsAPortThatCanBeBoundOnLoopback() throws Exception {
        int port = FreePorts.loopback();

        assertThat(port).isBetween(1024, 65535);
        assertThat(FreePorts.isListening(port)).isFalse();
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            assertThat(FreePorts.isListening(port)).isTrue();
        }
        assertThat(FreePorts.isListening(port)).isFalse();
    }
}
