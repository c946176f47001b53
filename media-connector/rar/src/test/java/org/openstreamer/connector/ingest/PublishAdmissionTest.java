package org.openstreamer.connector.ingest;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.StreamConfig;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PublishAdmissionTest {

    private static StreamConfig stream(String name, boolean publishEnabled, boolean disabled, String password) {
        return new StreamConfig(name, publishEnabled, disabled, null, null, null, 4, 4, true, 60, 10, null, null, password);
    }

    private final Map<String, StreamConfig> configs = Map.of(
            "open", stream("open", true, false, null),
            "off", stream("off", false, false, null),
            "disabled", stream("disabled", true, true, null),
            "locked", stream("locked", true, false, "pw"),
            "busy", stream("busy", true, false, null));
    private final PublishAdmission.State state = new PublishAdmission.State() {
        @Override
        public StreamConfig config(String stream) {
            return configs.get(stream);
        }

        @Override
        public boolean hasPublisher(String stream) {
            return Set.of("busy", "locked").contains(stream);
        }
    };

    @Test
    void theSharedRulesInOrder() {
        assertNull(PublishAdmission.check("open", state, null));
        assertEquals(404, PublishAdmission.check("none", state, null).status());
        assertEquals(403, PublishAdmission.check("off", state, null).status());
        assertEquals(403, PublishAdmission.check("disabled", state, null).status());
        assertEquals(409, PublishAdmission.check("busy", state, null).status());
    }

    @Test
    void thePasswordIsCheckedBeforeTheConflict() {
        assertEquals(new PublishAdmission.Refusal(403, "wrong_password", "stream locked asks for a password"),
                PublishAdmission.check("locked", state, null));
        assertEquals(new PublishAdmission.Refusal(403, "wrong_password", "wrong password for stream locked"),
                PublishAdmission.check("locked", state, "nope"));
        assertEquals(409, PublishAdmission.check("locked", state, "pw").status());
        assertNull(PublishAdmission.check("open", state, "anything"), "a stream without a password takes any");
    }
}
