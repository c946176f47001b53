package org.openstreamer.connector.ingest.srt;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Accept;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Decision;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Mode;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Reject;
import org.openstreamer.connector.ingest.srt.SrtPortRole.Kind;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SrtAdmissionTest {

    static final SrtEndpoint CAM1_PUBLISH = new SrtEndpoint(9001, "cam1-publish-pass", 200);
    static final SrtEndpoint CAM1_PLAY = new SrtEndpoint(9002, null, 0);
    static final SrtEndpoint CAM1_SHARED = new SrtEndpoint(9000, "cam1-shared-pass", 120);
    static final StreamConfig CAM1 = new StreamConfig("cam1", true, false, CAM1_SHARED, CAM1_PUBLISH, CAM1_PLAY, 4, 4);
    static final StreamConfig BACKEND = new StreamConfig("backend", true, false, null,
            new SrtEndpoint(0, "securePass", 0), null, 4, 4);
    static final StreamConfig VOD = new StreamConfig("vod", false, false, null, null, null, 4, 4);
    static final StreamConfig OFF = new StreamConfig("off", true, true, null, null, null, 4, 4);
    static final SrtEndpoint GLOBAL = new SrtEndpoint(9998, "global-port-pass", 120);

    /** cam1 is live with a publisher, the others are idle. */
    static final SrtAdmission.State STATE = new SrtAdmission.State() {
        final Map<String, StreamConfig> configs = Map.of("cam1", CAM1, "backend", BACKEND, "vod", VOD, "off", OFF);
        final Set<String> publishing = Set.of("cam1");

        @Override
        public StreamConfig config(String stream) {
            return configs.get(stream);
        }

        @Override
        public boolean hasPublisher(String stream) {
            return publishing.contains(stream);
        }

        @Override
        public boolean isLive(String stream) {
            return publishing.contains(stream);
        }
    };

    static Decision decide(Kind kind, String owner, SrtEndpoint endpoint, String name, String mode) {
        return SrtAdmission.decide(new SrtPortRole(kind, owner, endpoint), name, mode, STATE);
    }

    static void rejected(Decision d, int code, String words) {
        Reject r = assertInstanceOf(Reject.class, d);
        assertEquals(code, r.code(), r.reason());
        assertTrue(r.reason().contains(words), r.reason());
    }

    @Test
    void streamPortsNeedNoStreamId() {
        assertEquals(new Accept("cam1", Mode.PLAY, null, 120), decide(Kind.STREAM_PLAY, "cam1", CAM1_PLAY, null, null));
        rejected(decide(Kind.STREAM_PUBLISH, "cam1", CAM1_PUBLISH, null, null), 1409, "already has a publisher");
    }

    @Test
    void theStreamsOwnPortUsesItsOwnPassphraseAndLatency() {
        assertEquals(new Accept("backend", Mode.PUBLISH, "p-backend-pass", 300),
                decide(Kind.STREAM_PUBLISH, "backend", new SrtEndpoint(9005, "p-backend-pass", 300), null, null));
    }

    @Test
    void aSharedPortTakesTheDirectionFromM() {
        assertEquals(new Accept("cam1", Mode.PLAY, "cam1-shared-pass", 120),
                decide(Kind.STREAM_SHARED, "cam1", CAM1_SHARED, null, "request"));
        rejected(decide(Kind.STREAM_SHARED, "cam1", CAM1_SHARED, null, null), 1400, "m=publish or m=request");
        rejected(decide(Kind.STREAM_SHARED, "cam1", CAM1_SHARED, null, "listen"), 1400, "m=publish");
        rejected(decide(Kind.GLOBAL_SHARED, null, GLOBAL, "backend", null), 1400, "m=");
    }

    @Test
    void globalPortsNeedRAndPreferTheStreamsPassphrase() {
        assertEquals(new Accept("backend", Mode.PUBLISH, "securePass", 120),
                decide(Kind.GLOBAL_PUBLISH, null, GLOBAL, "backend", null));
        assertEquals(new Accept("backend", Mode.PUBLISH, "securePass", 120),
                decide(Kind.GLOBAL_SHARED, null, GLOBAL, "backend", "publish"));
        assertEquals(new Accept("cam1", Mode.PLAY, "cam1-shared-pass", 120),
                decide(Kind.GLOBAL_PLAY, null, GLOBAL, "cam1", null), "falls back to the stream's srt passphrase");
        rejected(decide(Kind.GLOBAL_PUBLISH, null, GLOBAL, null, null), 1400, "r=NAME");
    }

    @Test
    void aStreamWithoutPassphraseUsesTheGlobalPortsOwn() {
        StreamConfig plain = new StreamConfig("plain", true, false, null, null, null, 4, 4);
        SrtAdmission.State only = new SrtAdmission.State() {
            public StreamConfig config(String s) {
                return "plain".equals(s) ? plain : null;
            }

            public boolean hasPublisher(String s) {
                return false;
            }

            public boolean isLive(String s) {
                return false;
            }
        };
        assertEquals(new Accept("plain", Mode.PUBLISH, "global-port-pass", 120),
                SrtAdmission.decide(new SrtPortRole(Kind.GLOBAL_PUBLISH, null, GLOBAL), "plain", null, only));
    }

    @Test
    void refusals() {
        rejected(decide(Kind.GLOBAL_PUBLISH, null, GLOBAL, "nope", null), 1404, "unknown stream nope");
        rejected(decide(Kind.GLOBAL_PUBLISH, null, GLOBAL, "vod", null), 1403, "does not accept publishing");
        rejected(decide(Kind.GLOBAL_PUBLISH, null, GLOBAL, "off", null), 1403, "disabled");
        rejected(decide(Kind.GLOBAL_PLAY, null, GLOBAL, "backend", null), 1404, "not live");
        rejected(decide(Kind.GLOBAL_PUBLISH, null, GLOBAL, "cam1", null), 1409, "already has a publisher");
    }

    @Test
    void aPublisherGivesTheStreamsPasswordInTheStreamidPlayersNeedNone() {
        StreamConfig locked = new StreamConfig("locked", true, false, null, null, null, 4, 4, true, 60, 10, null, null,
                StreamConfig.DEFAULT_SOURCE_TIMEOUT, "pub-pass");
        SrtAdmission.State state = new SrtAdmission.State() {
            @Override
            public StreamConfig config(String s) {
                return s.equals("locked") ? locked : null;
            }

            @Override
            public boolean hasPublisher(String s) {
                return false;
            }

            @Override
            public boolean isLive(String s) {
                return true;
            }
        };
        SrtPortRole global = new SrtPortRole(Kind.GLOBAL_SHARED, null, GLOBAL);
        rejected(SrtAdmission.decide(global, "locked", "publish", null, state), 1403, "asks for a password");
        rejected(SrtAdmission.decide(global, "locked", "publish", "nope", state), 1403, "wrong password");
        assertEquals(new Accept("locked", Mode.PUBLISH, "global-port-pass", 120),
                SrtAdmission.decide(global, "locked", "publish", "pub-pass", state));
        assertEquals(new Accept("locked", Mode.PLAY, "global-port-pass", 120),
                SrtAdmission.decide(global, "locked", "request", null, state));
    }

    @Test
    void aRangePortUsesTheResolvedStreamsPassphraseWhateverTheStreamidSays() {
        Decision d = SrtAdmission.decide(SrtPortRole.range(2345, true, "backend"), "cam1", "request", STATE);
        Accept a = assertInstanceOf(Accept.class, d);
        assertEquals("backend", a.stream());
        assertEquals(Mode.PUBLISH, a.mode());
        assertEquals("securePass", a.passphrase());
        assertEquals(SrtEndpoint.DEFAULT_LATENCY_MS, a.latencyMs());
        rejected(SrtAdmission.decide(SrtPortRole.range(2346, true, "gone"), null, null, STATE), 1404, "unknown stream gone");
        rejected(SrtAdmission.decide(SrtPortRole.range(2347, false, "backend"), null, null, STATE), 1404, "not live");
    }

    @Test
    void aRefusingRangePortTellsTheBackendsAnswer() {
        Reject no = new Reject(SrtAdmission.REJECT_NOT_FOUND, "no stream for publish port 2400");
        assertEquals(no, SrtAdmission.decide(SrtPortRole.refusing(2400, no), "cam1", "publish", STATE));
    }
}
