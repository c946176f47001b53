package org.openstreamer.ejb.config.text;

/**
 * One token of the text format: a word (quoted parts already unquoted), a brace, a semicolon,
 * or the end of the text. A quoted word is never taken for punctuation: {@code "{"} is a word.
 */
public record Token(Kind kind, String text, int line, int column) {

    public enum Kind { WORD, OPEN, CLOSE, SEMICOLON, END }

    public Position at(String directive) {
        return new Position(line, column, directive);
    }
}
