package org.openstreamer.connector.ingest.srt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerAddressTest {

    @Test
    void aPortWithoutAnAddressOfItsOwnListensOnTheServersAddress() {
        assertSame(ServerAddress.LISTEN, ServerAddress.listenOn(null));
        assertSame(ServerAddress.LISTEN, ServerAddress.listenOn(" "));
    }

    @Test
    void aPortsOwnAddressIsAnIpv4LiteralAndNeverLookedUp() {
        assertEquals("127.0.0.2", ServerAddress.listenOn("127.0.0.2").getHostAddress());
        assertEquals("0.0.0.0", ServerAddress.listenOn("0.0.0.0").getHostAddress());
        for (String bad : new String[] {"localhost", "::1", "127.0.0", "127.0.0.256", "1.2.3.4.5", "1..2.3", "+1.2.3.4"}) {
            assertNull(ServerAddress.ipv4(bad), bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerAddress.listenOn(bad), bad);
            assertEquals("bind address " + bad + " is not an IPv4 address", e.getMessage());
        }
    }
}
