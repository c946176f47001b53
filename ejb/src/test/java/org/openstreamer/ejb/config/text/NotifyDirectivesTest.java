package org.openstreamer.ejb.config.text;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.json.NotifySinkJson;
import org.openstreamer.ejb.model.NotifySink;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotifyDirectivesTest {

    private static final String TEXT = """
            notify handler_name {
              sink http://backend.local/notify.php;
              only event=stream_started,stream_stopped media=tnt;
              only event=source_lost;
              except media=*;
              sign_key s3cret;
              verbose info;
            }
            notify log_name {
              sink log://log/crash.log;
              buffer false;
            }
            """;

    @Test
    void readsTheReferenceBlocksIntoTheApiShape() {
        ImportedConfig c = ConfigTextReader.read(TEXT).orThrow();
        assertEquals(2, c.sinks().size());
        NotifySink hooks = NotifySinkJson.read(c.sinks().get(0).json(), "handler_name");
        assertEquals("http://backend.local/notify.php", hooks.sink());
        assertEquals(List.of(Map.of("event", List.of("stream_started", "stream_stopped"), "media", List.of("tnt")),
                Map.of("event", List.of("source_lost"))), hooks.only());
        assertEquals(List.of(Map.of("media", List.of("*"))), hooks.except());
        assertEquals("s3cret", hooks.signKey());
        assertEquals("info", hooks.verbose());
        assertEquals("log://log/crash.log", c.sinks().get(1).json().getString("sink"));
        assertEquals(Problem.LEGACY_IGNORED, c.warnings().get(0).code(), "buffer is dropped with a warning");
    }

    @Test
    void writtenBlocksReadBackTheSame() {
        ImportedConfig c = ConfigTextReader.read(TEXT).orThrow();
        TextConfigWriter w = new TextConfigWriter();
        for (ImportedBlock b : c.sinks()) {
            w.notify(NotifySinkJson.write(NotifySinkJson.read(b.json(), b.name())));
        }
        ImportedConfig again = ConfigTextReader.read(w.text()).orThrow();
        for (int i = 0; i < 2; i++) {
            JsonObject first = c.sinks().get(i).json();
            assertEquals(NotifySinkJson.read(first, c.sinks().get(i).name()),
                    NotifySinkJson.read(again.sinks().get(i).json(), again.sinks().get(i).name()), w.text());
        }
    }

    @Test
    void badBlocksAreProblemsWithTheirLine() {
        List<Problem> problems = ConfigTextReader.read("""
                notify a {
                  sink http://x/;
                  to admin@example.com;
                  only event;
                }
                notify a { sink http://y/; }
                notify;
                """).problems();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("'to'"), problems.get(0).message());
        assertEquals(3, problems.get(0).line());
        assertEquals(4, problems.get(1).line());
        assertTrue(problems.get(2).message().contains("defined twice"), problems.get(2).message());
        assertEquals(7, problems.get(3).line());
    }

    @Test
    void importCheckRefusesWhatTheApiRefuses() {
        TextConfigException e = assertThrows(TextConfigException.class, () -> ImportCheck.check(
                ConfigTextReader.read("notify lua {\n  sink /etc/flussonic/no_video.lua;\n}\n")));
        assertEquals("notify[lua].sink", e.problems().get(0).field());
        assertEquals(2, e.problems().get(0).line());
    }
}
