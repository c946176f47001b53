package org.openstreamer.ejb.config.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of the text format:
 * <pre>
 *   config    = directive* END
 *   directive = WORD WORD* ( ";" | "{" directive* "}" )
 * </pre>
 * Stray semicolons are skipped, and the semicolon before a closing brace may be left out
 * ({@code path /mount/disk2 }}), as the reference's own examples do. Anything else out of place is
 * a syntax error naming the line and column.
 */
public final class ConfigTextParser {

    private final List<Token> tokens;
    private int next;

    private ConfigTextParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The directives of {@code text}; throws {@link TextConfigException} on the first syntax error. */
    public static List<Directive> parse(String text) {
        return new ConfigTextParser(ConfigLexer.tokens(text)).directives(null);
    }

    /** Directives up to the end of the text ({@code open} null) or up to the '}' closing {@code open}. */
    private List<Directive> directives(Token open) {
        List<Directive> list = new ArrayList<>();
        while (true) {
            Token t = tokens.get(next);
            switch (t.kind()) {
                case WORD -> list.add(directive());
                case SEMICOLON -> next++;
                case CLOSE -> {
                    if (open == null) {
                        throw new TextConfigException(Problem.syntax("'}' closes no block.", t));
                    }
                    next++;
                    return list;
                }
                case END -> {
                    if (open != null) {
                        throw new TextConfigException(Problem.syntax("the block opened at line " + open.line()
                                + ", column " + open.column() + " is never closed with '}'.", t));
                    }
                    return list;
                }
                case OPEN -> throw new TextConfigException(Problem.syntax(
                        "'{' must follow a directive name, as in 'stream NAME {'.", t));
            }
        }
    }

    private Directive directive() {
        Token name = tokens.get(next++);
        List<Token> args = new ArrayList<>();
        while (tokens.get(next).kind() == Token.Kind.WORD) {
            args.add(tokens.get(next++));
        }
        Token end = tokens.get(next);
        switch (end.kind()) {
            case SEMICOLON -> {
                next++;
                return new Directive(name, args, null);
            }
            case OPEN -> {
                next++;
                return new Directive(name, args, directives(end));
            }
            case CLOSE -> {
                return new Directive(name, args, null); // the '}' closes the enclosing block
            }
            default -> throw new TextConfigException(Problem.syntax("'" + name.text()
                    + "' ends without ';' (or a '{ ... }' block).", end));
        }
    }
}
