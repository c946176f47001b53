package org.openstreamer.ejb.config.text;

import org.openstreamer.ejb.error.ConfigException;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each field of a block's JSON came from, so that a refusal by the API's own reader or
 * validators ({@code field} = {@code srt_publish.passphrase}) becomes a problem at the line and
 * column of the directive that set it. A field without a position of its own takes its closest
 * parent's ({@code inputs[1].url} -> {@code inputs[1]} -> {@code inputs}), then the block's.
 */
public final class FieldPositions {

    private final Map<String, Position> fields = new HashMap<>();
    private final Position block;

    FieldPositions(Position block) {
        this.block = block;
    }

    public Position block() {
        return block;
    }

    void put(String field, Position at) {
        fields.put(field, at);
    }

    void putIfAbsent(String field, Position at) {
        fields.putIfAbsent(field, at);
    }

    Position exact(String field) {
        return fields.get(field);
    }

    /** The position of {@code field} or of its closest parent. */
    public Position of(String field) {
        String f = field;
        while (f != null && !f.isEmpty()) {
            Position p = fields.get(f);
            if (p != null) {
                return p;
            }
            int cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
            f = cut < 0 ? null : f.substring(0, cut);
        }
        return block;
    }

    /**
     * {@code e}, raised while reading or checking this block's JSON, as a problem of the text.
     * A key the model does not know ({@code unknown_key}) is a directive this server does not
     * support yet.
     *
     * @param prefix how this block's fields are named in the whole import: {@code streams[cam1]}
     */
    public Problem problem(ConfigException e, String prefix) {
        Position at = e.field() == null ? block : of(e.field());
        String field = e.field() == null ? prefix : prefix + "." + e.field();
        if (ConfigException.UNKNOWN_KEY.equals(e.code())) {
            return Problem.invalid(Problem.UNSUPPORTED_DIRECTIVE, field, "Unsupported directive '" + at.directive()
                    + "' at " + at.describe() + ": this server does not store '" + e.field() + "' yet.", at);
        }
        String what = e.kind() == ConfigException.Kind.CONFLICT ? "Conflict" : "Invalid value";
        return new Problem(e.kind(), e.code(), field, what + " at " + at.describe() + ": " + e.getMessage(),
                at.line(), at.column());
    }
}
