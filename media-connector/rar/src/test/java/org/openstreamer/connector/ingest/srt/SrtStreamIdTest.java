package org.openstreamer.connector.ingest.srt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.ingest.srt.SrtStreamId.Error;
import org.openstreamer.connector.ingest.srt.SrtStreamId.Mode;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SrtStreamIdTest {

    private static final Mode P = Mode.PUBLISH;
    private static final Mode R = Mode.REQUEST;
    private static final Mode U = Mode.UNSPECIFIED;

    /** input, name, mode, session, agent, password */
    static Stream<Arguments> valid() {
        return Stream.of(
                arguments(null, "", U, null, null, null),
                arguments("", "", U, null, null, null),
                arguments("#!::", "", U, null, null, null),
                arguments("live/cam1", "live/cam1", U, null, null, null),
                arguments("publish:cam1", "publish:cam1", U, null, null, null),
                arguments("#!:r=cam1", "#!:r=cam1", U, null, null, null),
                arguments("#!::r=cam1", "cam1", U, null, null, null),
                arguments("#!::r=cam1,m=publish", "cam1", P, null, null, null),
                arguments("#!::m=request,r=cam1", "cam1", R, null, null, null),
                arguments("#!::r=cam1,m=PUBLISH", "cam1", P, null, null, null),
                arguments("#!::r=cam1,m=publish,s=abc123,a=obs/30.1,password=s3cret",
                        "cam1", P, "abc123", "obs/30.1", "s3cret"),
                arguments("#!::password=a=b=c,r=x", "x", U, null, null, "a=b=c"),
                arguments("#!::r=,m=request", "", R, null, null, null),
                arguments("#!::u=alice,h=example.com,t=stream,r=cam1", "cam1", U, null, null, null),
                arguments("#!::u=alice,u=bob,r=cam1", "cam1", U, null, null, null),
                arguments("#!::r=cam 1", "cam 1", U, null, null, null),
                arguments("#!::r=ünïcode", "ünïcode", U, null, null, null),
                arguments("#!::r=" + "n".repeat(SrtStreamId.MAX_LENGTH - 6), "n".repeat(SrtStreamId.MAX_LENGTH - 6),
                        U, null, null, null),
                arguments("x".repeat(SrtStreamId.MAX_LENGTH), "x".repeat(SrtStreamId.MAX_LENGTH), U, null, null, null));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesValid(String input, String name, Mode mode, String session, String agent, String password) {
        SrtStreamId id = SrtStreamId.parse(input);
        assertAll(
                () -> assertTrue(id.isValid(), () -> "error " + id.error() + ": " + id.errorDetail()),
                () -> assertNull(id.error()),
                () -> assertEquals(name, id.name()),
                () -> assertEquals(mode, id.mode()),
                () -> assertEquals(session, id.session()),
                () -> assertEquals(agent, id.agent()),
                () -> assertEquals(password, id.password()),
                () -> assertEquals(input == null ? "" : input, id.raw()));
    }

    /** input, error */
    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("x".repeat(SrtStreamId.MAX_LENGTH + 1), Error.TOO_LONG),
                arguments("#!::r=" + "y".repeat(594), Error.TOO_LONG),
                arguments("#!::r", Error.MALFORMED_PAIR),
                arguments("#!::r=cam1,publish", Error.MALFORMED_PAIR),
                arguments("#!::=cam1", Error.MALFORMED_PAIR),
                arguments("#!::r=cam1,,m=publish", Error.MALFORMED_PAIR),
                arguments("#!::r=cam1,", Error.MALFORMED_PAIR),
                arguments("#!::,r=cam1", Error.MALFORMED_PAIR),
                arguments("#!::r=cam1,m=play", Error.BAD_MODE),
                arguments("#!::r=cam1,m=", Error.BAD_MODE),
                arguments("#!::r=cam1,m=publish ", Error.BAD_MODE),
                arguments("#!::r=cam1,r=cam2", Error.DUPLICATE_KEY),
                arguments("#!::m=publish,r=a,m=publish", Error.DUPLICATE_KEY),
                arguments("#!::password=a,password=b", Error.DUPLICATE_KEY));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesInvalid(String input, Error error) {
        SrtStreamId id = SrtStreamId.parse(input);
        assertAll(
                () -> assertFalse(id.isValid()),
                () -> assertEquals(error, id.error()),
                () -> assertFalse(id.errorDetail().isEmpty()),
                () -> assertEquals("", id.name()),
                () -> assertEquals(Mode.UNSPECIFIED, id.mode()),
                () -> assertNull(id.password()));
    }

    @Test
    void toStringHidesThePassword() {
        SrtStreamId id = SrtStreamId.parse("#!::r=cam1,password=hunter22");
        assertFalse(id.toString().contains("hunter22"), id.toString());
        assertTrue(id.toString().contains("password=***"), id.toString());
    }

    @Test
    void errorDetailDoesNotEchoTheInput() {
        SrtStreamId id = SrtStreamId.parse("#!::r=cam1,password=hunter22,m=bogus");
        assertEquals(Error.BAD_MODE, id.error());
        assertFalse(id.errorDetail().contains("hunter22"));
        assertFalse(id.toString().contains("hunter22"));
    }

    @Test
    void equalityFollowsTheRawText() {
        assertEquals(SrtStreamId.parse("#!::r=a,m=publish"), SrtStreamId.parse("#!::r=a,m=publish"));
        assertEquals(SrtStreamId.parse(null), SrtStreamId.parse(""));
        assertFalse(SrtStreamId.parse("#!::r=a").equals(SrtStreamId.parse("a")));
    }

    @Test
    void argsHoldEveryPairInOrder() {
        SrtStreamId id = SrtStreamId.parse("#!::r=chats/15,m=publish,u=alice,token=a=b");
        assertEquals(java.util.List.of("r", "m", "u", "token"), java.util.List.copyOf(id.args().keySet()));
        assertEquals("a=b", id.args().get("token"));
        assertTrue(SrtStreamId.parse("plain-name").args().isEmpty());
        assertTrue(SrtStreamId.parse("#!::r=a,,m=publish").args().isEmpty());
    }
}
