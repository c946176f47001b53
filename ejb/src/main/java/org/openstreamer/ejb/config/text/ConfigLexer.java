package org.openstreamer.ejb.config.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a configuration text into tokens. Words end at white space, braces and semicolons; a
 * double-quoted part ({@code "Custom Agent v1.2"}, with {@code \"} and {@code \\} escapes) may hold
 * any of them and may sit inside a word ({@code user_agent="VLC 3"}). {@code #} starts a comment
 * to the end of the line only where a token could start, so {@code 16#fb} and URLs keep theirs.
 */
final class ConfigLexer {

    private final String text;
    private int pos;
    private int line = 1;
    private int column = 1;

    private ConfigLexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        return new ConfigLexer(text).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= text.length()) {
                tokens.add(new Token(Token.Kind.END, "", line, column));
                return tokens;
            }
            int startLine = line;
            int startColumn = column;
            char c = text.charAt(pos);
            switch (c) {
                case '{' -> tokens.add(punctuation(Token.Kind.OPEN, startLine, startColumn));
                case '}' -> tokens.add(punctuation(Token.Kind.CLOSE, startLine, startColumn));
                case ';' -> tokens.add(punctuation(Token.Kind.SEMICOLON, startLine, startColumn));
                default -> tokens.add(new Token(Token.Kind.WORD, word(), startLine, startColumn));
            }
        }
    }

    private Token punctuation(Token.Kind kind, int startLine, int startColumn) {
        advance();
        return new Token(kind, "", startLine, startColumn);
    }

    private String word() {
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == '{' || c == '}' || c == ';') {
                break;
            }
            if (c == '"') {
                quoted(sb);
            } else {
                sb.append(c);
                advance();
            }
        }
        return sb.toString();
    }

    private void quoted(StringBuilder sb) {
        Token open = new Token(Token.Kind.WORD, "\"", line, column);
        advance();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                advance();
                return;
            }
            if (c == '\\' && pos + 1 < text.length() && (text.charAt(pos + 1) == '"' || text.charAt(pos + 1) == '\\')) {
                advance();
                c = text.charAt(pos);
            }
            sb.append(c);
            advance();
        }
        throw new TextConfigException(Problem.syntax("the quote opened here is never closed.", open));
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    advance();
                }
            } else if (Character.isWhitespace(c)) {
                advance();
            } else {
                return;
            }
        }
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        pos++;
    }
}
