package org.openstreamer.connector.ingest.srt;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.PlayAuthorizer;
import org.openstreamer.connector.api.PlayAuthorizer.Verdict;
import org.openstreamer.connector.api.PlayAuthorizer.Viewer;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Accept;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Decision;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Mode;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Reject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The playback check of SRT players as the listen callback applies it: refusals known from memory in the handshake, nothing opened. */
class SrtPlayerAuthorizationTest {

    private final List<Viewer> asked = new ArrayList<>();

    private SrtAdmission.State state(PlayAuthorizer authorizer) {
        return new SrtAdmission.State() {
            @Override
            public StreamConfig config(String stream) {
                return SrtAdmissionTest.CAM1;
            }

            @Override
            public boolean hasPublisher(String stream) {
                return true;
            }

            @Override
            public boolean isLive(String stream) {
                return true;
            }

            @Override
            public PlayAuthorizer playAuthorizer() {
                return new PlayAuthorizer() {
                    @Override
                    public CompletableFuture<Verdict> admit(Viewer viewer) {
                        throw new AssertionError("nothing is opened in the handshake");
                    }

                    @Override
                    public Verdict refusalKnown(Viewer viewer) {
                        asked.add(viewer);
                        return authorizer.refusalKnown(viewer);
                    }
                };
            }
        };
    }

    private static final Accept PLAYER = new Accept("cam1", Mode.PLAY, null, 120);

    @Test
    void theTokenAndAgentOfTheStreamIdAreWhatTheCheckHears() {
        Decision d = SrtAdmission.authorize(PLAYER, "198.51.100.7", Map.of("r", "cam1", "m", "request",
                "token", "60334b207baa", "a", "vlc/3"), state(knowing(null)));
        Accept a = assertInstanceOf(Accept.class, d);
        Viewer expected = new Viewer("cam1", "198.51.100.7", "60334b207baa", null, "vlc/3", "srt");
        assertEquals(expected, asked.get(0));
        assertEquals(expected, a.viewer(), "the reactor asks about the same viewer once it is connected");
    }

    @Test
    void anEmptyTokenIsNoToken() {
        SrtAdmission.authorize(PLAYER, "198.51.100.7", Map.of("token", ""), state(knowing(null)));
        assertNull(asked.get(0).token());
    }

    /** Answers refusalKnown with {@code known}; admit is never called in the handshake. */
    private static PlayAuthorizer knowing(Verdict known) {
        return new PlayAuthorizer() {
            @Override
            public CompletableFuture<Verdict> admit(Viewer viewer) {
                throw new AssertionError();
            }

            @Override
            public Verdict refusalKnown(Viewer viewer) {
                return known;
            }
        };
    }

    @Test
    void aRefusalKnownFromMemoryRejectsTheHandshakeWithItsStatus() {
        Reject r = assertInstanceOf(Reject.class, SrtAdmission.authorize(PLAYER, "10.0.0.1", Map.of(),
                state(knowing(new Verdict(null, 403, "stream_full")))));
        assertEquals(1403, r.code());
        assertTrue(r.reason().contains("stream_full"), r.reason());
    }

    @Test
    void aCheckThatThrowsRefusesAsUnavailable() {
        PlayAuthorizer throwing = new PlayAuthorizer() {
            @Override
            public CompletableFuture<Verdict> admit(Viewer viewer) {
                throw new AssertionError();
            }

            @Override
            public Verdict refusalKnown(Viewer viewer) {
                throw new IllegalStateException("bug");
            }
        };
        assertEquals(1503, assertInstanceOf(Reject.class,
                SrtAdmission.authorize(PLAYER, "10.0.0.1", Map.of(), state(throwing))).code());
    }

    @Test
    void nothingKnownLetsTheCallerInWithItsViewerForTheReactor() {
        Accept a = assertInstanceOf(Accept.class, SrtAdmission.authorize(PLAYER, "10.0.0.1", Map.of("token", "t"),
                state(knowing(null))));
        assertEquals("t", a.viewer().token());
        assertEquals("cam1", a.viewer().stream());
    }

    @Test
    void publishersAreNotAskedThePlaybackCheck() {
        Accept publisher = new Accept("cam1", Mode.PUBLISH, null, 120);
        assertSame(publisher, SrtAdmission.authorize(publisher, "10.0.0.1", Map.of(), state(knowing(null))));
        assertTrue(asked.isEmpty());
    }
}
