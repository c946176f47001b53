package org.openstreamer.ejb.config.text;

import java.util.List;

/**
 * One statement of the text format: a name, its arguments, and either a semicolon or a block of
 * nested directives ({@code stream cam1 { input publish://; }}).
 *
 * @param block the nested directives, or null when the directive ended with a semicolon
 */
public record Directive(Token name, List<Token> args, List<Directive> block) {

    public Directive {
        args = List.copyOf(args);
        block = block == null ? null : List.copyOf(block);
    }

    public String text() {
        return name.text();
    }

    public boolean hasBlock() {
        return block != null;
    }

    public Position at() {
        return name.at(name.text());
    }

    /** Where argument {@code i} stands, attributed to this directive. */
    public Position at(int i) {
        return args.get(i).at(name.text());
    }

    public String arg(int i) {
        return args.get(i).text();
    }
}
