package org.openstreamer.ejb.validate;

import org.junit.jupiter.api.function.Executable;
import org.openstreamer.ejb.error.ConfigException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Assertions on refused configuration: the kind, code and field of the {@link ConfigException}. */
final class Refusals {

    private Refusals() {
    }

    static ConfigException assertInvalid(String code, String field, Executable check) {
        return assertRefused(ConfigException.Kind.INVALID, code, field, check);
    }

    static ConfigException assertRefused(ConfigException.Kind kind, String code, String field, Executable check) {
        ConfigException e = assertThrows(ConfigException.class, check);
        assertEquals(kind, e.kind(), e.getMessage());
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        return e;
    }
}
