package org.openstreamer.connector.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamNameTest {

    @Test
    void acceptsSegmentsOfLettersDigitsDotsDashesAndUnderscores() {
        for (String name : List.of("cam1", "Camera_2", "live/cam1", "a.b-c_d/e/f", "x", ".hidden", "a..b", "...",
                "-x", "x".repeat(255), "live/" + "y".repeat(250))) {
            assertNull(StreamName.problem(name), name);
            assertTrue(StreamName.isValid(name), name);
        }
    }

    @Test
    void refusesEverythingElseWithAReason() {
        for (String name : List.of("", "x".repeat(256), "white space", "cam#1", "caméra", "a//b", "/a", "a/",
                "a/./b", "a/../b", "..", ".", "-", "live/-/dvr", "a\\b", "a:b", "a?b")) {
            assertNotNull(StreamName.problem(name), name);
            assertFalse(StreamName.isValid(name), name);
        }
        assertNotNull(StreamName.problem(null));
    }

    @Test
    void aNameOfSeveralSegmentsDoesNotEndWithAnOperationOfTheApi() {
        for (String name : List.of("live/restart", "a/b/health", "cam/switch_source")) {
            assertTrue(StreamName.problem(name).contains("operation on stream"), name);
        }
        for (String name : List.of("restart", "health", "switch_source", "health/cam", "live/healthy", "live/Health")) {
            assertNull(StreamName.problem(name), name);
        }
    }

    @Test
    void urlPatternsCaptureExactlyTheValidShapes() {
        for (String name : List.of("cam1", "live/cam1", "a.b-c_d/e")) {
            assertTrue(name.matches(StreamName.PATTERN), name);
        }
        for (String name : List.of("a//b", "/a", "a/", "a b")) {
            assertFalse(name.matches(StreamName.PATTERN), name);
        }
    }

    @Test
    void prefixesUseTheNameAlphabet() {
        assertTrue(StreamName.isPrefix(""));
        assertTrue(StreamName.isPrefix("live/"));
        assertTrue(StreamName.isPrefix("cam"));
        assertFalse(StreamName.isPrefix("a b"));
        assertFalse(StreamName.isPrefix("%"));
        assertEquals(false, StreamName.isPrefix("x".repeat(256)));
    }
}
