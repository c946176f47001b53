package org.openstreamer.ejb.json;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import org.openstreamer.ejb.error.ConfigException;

import java.io.StringReader;
import java.util.Locale;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/** Request bodies of the configuration API: one JSON object, or 400 {@code invalid_json}. */
public final class JsonBody {

    private JsonBody() {
    }

    public static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("The request body is empty: send a JSON object.");
        }
        JsonValue value;
        try (JsonParser parser = JSON.createParser(new StringReader(body))) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                throw invalid("The request body holds more than one JSON value.");
            }
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw invalid("The request body is not valid JSON (line " + at.getLineNumber() + ", column "
                    + at.getColumnNumber() + "): " + e.getMessage());
        } catch (JsonException e) {
            throw invalid("The request body is not valid JSON: " + e.getMessage());
        } catch (NumberFormatException | ArithmeticException e) {
            // the parser turns a number into a BigDecimal: an exponent past the int range fails there
            throw invalid("The request body holds a number out of range: " + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw invalid("The request body must be a JSON object, not " + value.getValueType().name().toLowerCase(Locale.ROOT) + ".");
        }
        return value.asJsonObject();
    }

    private static ConfigException invalid(String message) {
        return ConfigException.invalid(ConfigException.INVALID_JSON, null, message);
    }
}
