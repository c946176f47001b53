package org.openstreamer.ejb.json;

import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.connector.fuzz.MutationFuzzer;
import org.openstreamer.ejb.validate.NotifySinkValidator;
import org.openstreamer.ejb.validate.ServerConfigValidator;
import org.openstreamer.ejb.validate.StreamValidator;

import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Arbitrary request bodies through what the configuration API does with them: {@link JsonBody#object},
 * the entity's reader, its validator and its writer. The only exception allowed is
 * {@link ConfigException} (a 400 with a code); anything else would be a 500.
 */
class JsonReadersFuzzTest {

    /** What the API does with one request body; returns what it would write back. */
    interface Reader {
        Object read(String body);
    }

    /** The corpus {@code name}, the tokens and the rules (shared with {@link JsonReadersJazzerTest}). */
    static MutationFuzzer fuzzer(String name) {
        return new MutationFuzzer(name)
                .token("{").token("}").token("[").token("]").token("\"").token(":").token(",").token("null")
                .token("true").token("-1").token("1e309").token("0.5").token("99999999999999999999").token("\\u0000")
                .token("\"inputs\":").token("\"url\":").token("\"port\":").token("\"dvr\":").token("\"listeners\":")
                .allow(t -> t instanceof ConfigException)
                .maxLength(8 * 1024);
    }

    private static void fuzz(String name, Reader reader) {
        MutationFuzzer bytes = fuzzer(name);
        bytes.run(bodyTarget(reader));
        // then mutants that stay valid JSON, built from the same seeds, to reach the readers
        List<JsonValue> docs = new ArrayList<>();
        for (byte[] seed : bytes.seeds()) {
            try {
                docs.add(JsonBody.object(new String(seed, StandardCharsets.UTF_8)));
            } catch (ConfigException e) {
                // a regression seed that is not JSON: only for the byte mutants
            }
        }
        new MutationFuzzer(name + "-structured")
                .seed(new byte[] {0, 1, 2}).seed(new byte[] {1, 3, 7, 5, 0, 30}).seed(new byte[] {3, 2, 0, 4, 5, 9})
                .allow(t -> t instanceof ConfigException)
                .maxLength(48)
                .run(recipe -> {
                    JsonValue doc = docs.get((recipe.length == 0 ? 0 : recipe[0] & 0xFF) % docs.size());
                    reader.read(JsonMutants.apply(doc, recipe).toString());
                    return "ok";
                });
    }

    /** The byte target (also of {@link JsonReadersJazzerTest}): the input as a UTF-8 body. */
    static MutationFuzzer.Target bodyTarget(Reader reader) {
        return input -> {
            Object written = reader.read(new String(input, StandardCharsets.UTF_8));
            return written == null ? "null" : "ok";
        };
    }

    /** Found by the fuzzer: the exponent overflowed BigDecimal and came out as a NumberFormatException. */
    @Test
    void aNumberWithAnExponentPastTheIntRangeIsInvalidJson() {
        ConfigException e = assertThrows(ConfigException.class, () -> JsonBody.object("{\"depth\":1e3090000000}"));
        assertEquals(ConfigException.INVALID_JSON, e.code());
    }

    @Test
    void streams() {
        fuzz("json-stream", JsonReadersFuzzTest::stream);
    }

    @Test
    void publishLocations() {
        fuzz("json-publish-location", JsonReadersFuzzTest::publishLocation);
    }

    @Test
    void templates() {
        fuzz("json-template", JsonReadersFuzzTest::template);
    }

    @Test
    void serverConfig() {
        fuzz("json-server-config", JsonReadersFuzzTest::serverConfig);
    }

    @Test
    void notifySinks() {
        fuzz("json-notify-sink", JsonReadersFuzzTest::notifySink);
    }

    // The readers (also of JsonReadersJazzerTest): the entity's read, its validator and its write.

    static Object stream(String body) {
        var d = StreamJson.read(JsonBody.object(body), "cam1");
        StreamValidator.validate(d);
        return StreamJson.write(d);
    }

    static Object publishLocation(String body) {
        var d = PublishLocationJson.read(JsonBody.object(body), "live");
        StreamValidator.validate(d);
        return PublishLocationJson.write(d);
    }

    static Object template(String body) {
        var d = StreamTemplateJson.read(JsonBody.object(body), "nsk");
        StreamValidator.validate(d);
        return StreamTemplateJson.write(d);
    }

    static Object serverConfig(String body) {
        var d = ServerConfigJson.read(JsonBody.object(body));
        ServerConfigValidator.validate(d);
        return ServerConfigJson.write(d);
    }

    static Object notifySink(String body) {
        var d = NotifySinkJson.read(JsonBody.object(body), "hooks");
        NotifySinkValidator.validate(d);
        return NotifySinkJson.write(d);
    }
}
