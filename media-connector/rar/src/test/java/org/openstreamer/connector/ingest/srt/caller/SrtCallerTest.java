package org.openstreamer.connector.ingest.srt.caller;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SrtCallerTest {

    @Test
    void theUrlQueryGivesStreamidPassphraseAndLatency() {
        SrtCaller c = SrtCaller.of("10.0.0.1", 9000,
                SrtCaller.query("streamid=%23!::r=cam1,m=request&PASSPHRASE=0123456789&latency=250"));
        assertEquals(new SrtCaller("10.0.0.1", 9000, "#!::r=cam1,m=request", "0123456789", 250), c);
        assertEquals(-1, SrtCaller.of("h", 1, Map.of()).latencyMs(), "libsrt's default");
    }

    @Test
    void badValuesAreRefusedWithAReason() {
        Object[][] cases = {
                {Map.of("passphrase", "short"), "10 to 79"},
                {Map.of("passphrase", "x".repeat(80)), "10 to 79"},
                {Map.of("streamid", "x".repeat(513)), "at most 512"},
                {Map.of("latency", "fast"), "0 to 60000"},
                {Map.of("latency", "-1"), "0 to 60000"},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Map<String, String> query = (Map<String, String>) c[0];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SrtCaller.of("h", 1, query));
            assertTrue(e.getMessage().contains((String) c[1]), e.getMessage());
        }
    }
}
