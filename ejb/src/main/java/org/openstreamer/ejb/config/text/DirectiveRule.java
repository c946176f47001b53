package org.openstreamer.ejb.config.text;

/**
 * How one directive becomes JSON: the key (a path such as {@code listeners.http}) it sets or
 * appends to, and the reader that turns its arguments into the value.
 *
 * @param blockAllowed whether the directive may come with a { ... } block ({@code srt_publish { port 9001; }})
 */
record DirectiveRule(String key, Reader reader, boolean blockAllowed) {

    @FunctionalInterface
    interface Reader {
        void read(Directive d, String key, BlockJson json);
    }

    static DirectiveRule line(String key, Reader reader) {
        return new DirectiveRule(key, reader, false);
    }

    static DirectiveRule lineOrBlock(String key, Reader reader) {
        return new DirectiveRule(key, reader, true);
    }

    void apply(Directive d, BlockJson json) {
        if (d.hasBlock() && !blockAllowed) {
            throw Refuse.invalid(d.at(), "'" + d.text() + "' takes no { ... } block; end it with ';'.");
        }
        reader.read(d, key, json);
    }
}
