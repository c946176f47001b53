package org.openstreamer.ejb.config.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTextParserTest {

    private static List<String> words(Directive d) {
        return d.args().stream().map(Token::text).toList();
    }

    @Test
    void readsDirectivesArgumentsAndNestedBlocks() {
        List<Directive> top = ConfigTextParser.parse("http 80;\nstream cam1 {\n  input publish://;\n  srt_publish { port 9001; }\n}\n");
        assertEquals(2, top.size());
        assertEquals("http", top.get(0).text());
        assertEquals(List.of("80"), words(top.get(0)));
        assertNull(top.get(0).block());
        Directive stream = top.get(1);
        assertEquals(List.of("cam1"), words(stream));
        assertEquals(2, stream.block().size());
        assertEquals(new Position(3, 3, "input"), stream.block().get(0).at());
        assertEquals(new Position(3, 9, "input"), stream.block().get(0).at(0));
        assertEquals("port", stream.block().get(1).block().get(0).text());
    }

    @Test
    void quotedPartsJoinTheirWordAndHoldAnyCharacter() {
        Directive d = ConfigTextParser.parse("input hls://a/b.m3u8 user_agent=\"Custom Agent v1.2\" x=\"a;{}#\\\"q\\\\\";").get(0);
        assertEquals(List.of("hls://a/b.m3u8", "user_agent=Custom Agent v1.2", "x=a;{}#\"q\\"), words(d));
        assertEquals(List.of("program_id", "10"), words(ConfigTextParser.parse("meta program_id \"10\";").get(0)));
        assertEquals(List.of("{"), words(ConfigTextParser.parse("title \"{\";").get(0)), "a quoted brace is a word");
        assertEquals(List.of(""), words(ConfigTextParser.parse("title \"\";").get(0)));
    }

    @Test
    void commentsStartOnlyWhereAWordCould() {
        List<Directive> top = ConfigTextParser.parse("# global settings\nmpegts_pids t0=16#fb; # hex the old way\n"
                + "input srt://h:1?streamid=#!::r=a;\n");
        assertEquals(List.of("t0=16#fb"), words(top.get(0)));
        assertEquals(List.of("srt://h:1?streamid=#!::r=a"), words(top.get(1)));
        assertEquals(2, top.size());
    }

    @Test
    void theSemicolonBeforeAClosingBraceMayBeLeftOutAndStrayOnesAreSkipped() {
        List<Directive> top = ConfigTextParser.parse("file vod {\n  path /mount/disk1;\n  path /mount/disk2\n};;\nhttp 80;");
        assertEquals(2, top.size());
        assertEquals(List.of("/mount/disk2"), words(top.get(0).block().get(1)));
        assertTrue(ConfigTextParser.parse("  \n# nothing\n").isEmpty());
    }

    @Test
    void crLfLineEndsCountAsOneLine() {
        Directive d = ConfigTextParser.parse("http 80;\r\nrtsp 554;\r\n").get(1);
        assertEquals(new Position(2, 1, "rtsp"), d.at());
    }

    @Test
    void syntaxErrorsNameTheLineAndColumn() {
        assertSyntaxError("stream cam1 {\n  input publish://;\n", 3, 1, "never closed");
        assertSyntaxError("http 80;\n}\n", 2, 1, "'}' closes no block");
        assertSyntaxError("http 80", 1, 8, "ends without ';'");
        assertSyntaxError("title \"Camera 1;\n", 1, 7, "quote");
        assertSyntaxError("stream cam1 {\n  { }\n}", 2, 3, "'{' must follow a directive name");
    }

    private static void assertSyntaxError(String text, int line, int column, String detail) {
        TextConfigException e = assertThrows(TextConfigException.class, () -> ConfigTextParser.parse(text));
        assertEquals(Problem.SYNTAX_ERROR, e.code());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Syntax error at line " + line + ", column " + column + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
        assertFalse(e.problems().isEmpty());
    }
}
