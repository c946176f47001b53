package org.openstreamer.ejb.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamNamesTest {

    @Test
    void acceptsSegmentsOfLettersDigitsDotsDashesAndUnderscores() {
        for (String name : List.of("cam1", "Camera_2", "live/cam1", "a.b-c_d/e/f", "x", ".hidden", "a..b", "...",
                "-x", "x".repeat(255), "live/" + "y".repeat(250))) {
            assertNull(StreamNames.problem(name), name);
        }
    }

    @Test
    void refusesEverythingElseWithAReason() {
        for (String name : List.of("", "x".repeat(256), "white space", "cam#1", "caméra", "a//b", "/a", "a/",
                "a/./b", "a/../b", "..", ".", "-", "live/-/dvr", "a\\b", "a:b", "a?b")) {
            assertNotNull(StreamNames.problem(name), name);
        }
        assertNotNull(StreamNames.problem(null));
    }

    @Test
    void aNameOfSeveralSegmentsDoesNotEndWithAnOperationOfTheApi() {
        for (String name : List.of("live/restart", "a/b/health", "cam/switch_source")) {
            assertTrue(StreamNames.problem(name).contains("operation on stream"), name);
        }
        for (String name : List.of("restart", "health", "switch_source", "health/cam", "live/healthy", "live/Health")) {
            assertNull(StreamNames.problem(name), name);
        }
    }

    @Test
    void validateNamesTheField() {
        ConfigException e = Refusals.assertInvalid(ConfigException.INVALID_VALUE, "name",
                () -> StreamNames.validate("a//b", "name"));
        assertTrue(e.getMessage().contains("empty segments"), e.getMessage());
    }

    @Test
    void prefixesUseTheNameAlphabet() {
        assertTrue(StreamNames.isPrefix(""));
        assertTrue(StreamNames.isPrefix("live/"));
        assertTrue(StreamNames.isPrefix("cam"));
        assertFalse(StreamNames.isPrefix("a b"));
        assertFalse(StreamNames.isPrefix("%"));
        assertEquals(false, StreamNames.isPrefix("x".repeat(256)));
    }
}
