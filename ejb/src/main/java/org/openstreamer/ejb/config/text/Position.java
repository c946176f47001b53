package org.openstreamer.ejb.config.text;

/**
 * Where something stands in a configuration text: line and column, both from 1, and the
 * directive it belongs to (for messages such as "unsupported directive dvr").
 */
public record Position(int line, int column, String directive) {

    /** "line 12, column 3" */
    public String describe() {
        return "line " + line + ", column " + column;
    }
}
