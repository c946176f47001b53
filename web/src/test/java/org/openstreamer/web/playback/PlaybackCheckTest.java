package org.openstreamer.web.playback;

import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.model.PlaybackDefaults;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.model.StreamOptions;
import org.openstreamer.web.playback.auth.PlayPolicy;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaybackCheckTest {

    private static StreamOptions stream(String onPlay, Integer max) {
        return StreamDefinition.withDefaults("cam").options().toBuilder().onPlay(onPlay).maxSessions(max).build();
    }

    @Test
    void theStreamsBackendWinsAndTheServerGivesTheRest() {
        PlaybackDefaults server = new PlaybackDefaults("http://server/auth", 100, true);
        assertEquals(new PlayPolicy(URI.create("http://stream/auth"), 5, 100, true),
                PlaybackCheck.policy(stream("http://stream/auth", 5), server));
        assertEquals(new PlayPolicy(URI.create("http://server/auth"), null, 100, true),
                PlaybackCheck.policy(stream(null, null), server));
        assertEquals(new PlayPolicy(URI.create("http://server/auth"), null, 100, true),
                PlaybackCheck.policy(null, server), "a name no stream is found for still gets the server's rules");
        assertFalse(PlaybackCheck.policy(stream(null, null), PlaybackDefaults.NONE).active(), "nothing set: untracked");
    }

    @Test
    void softLimitationFallsBackToTheServersAndDomainsAreTheStreams() {
        PlaybackDefaults soft = new PlaybackDefaults("http://server/auth", null, false, java.util.Map.of(), true);
        assertTrue(PlaybackCheck.policy(stream(null, null), soft).softLimitation(), "the server's");
        assertFalse(PlaybackCheck.policy(stream(null, null).toBuilder().softLimitation(false).build(), soft).softLimitation(),
                "the stream's own wins");
        assertTrue(PlaybackCheck.policy(stream(null, null).toBuilder().softLimitation(true).build(), PlaybackDefaults.NONE)
                .softLimitation());

        PlayPolicy locked = PlaybackCheck.policy(stream(null, null).toBuilder()
                .domains(java.util.List.of("example.com", "*.example.com")).build(), PlaybackDefaults.NONE);
        assertFalse(locked.active(), "a referer lock alone makes no sessions");
        assertTrue(locked.refererAllowed(null));
        assertTrue(locked.refererAllowed("https://www.example.com/player.html"));
        assertFalse(locked.refererAllowed("https://example.org/"));
        assertTrue(PlaybackCheck.policy(stream(null, null), PlaybackDefaults.NONE).refererAllowed("https://example.org/"));
    }
}
