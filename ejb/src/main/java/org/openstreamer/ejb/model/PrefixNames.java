package org.openstreamer.ejb.model;

import java.util.List;

/**
 * Names under a prefix, as publish locations and templates use them: {@code chats/room1} is under
 * {@code chats}, {@code chats} itself and {@code chatsx/1} are not. {@code %s} in the URLs of a
 * stream made from a prefix is filled in here.
 */
public final class PrefixNames {

    public static final String PLACEHOLDER = "%s";

    private PrefixNames() {
    }

    public static boolean isUnder(String name, String prefix) {
        return name.length() > prefix.length() + 1 && name.startsWith(prefix) && name.charAt(prefix.length()) == '/';
    }

    /** What follows {@code prefix/} in {@code name}. */
    public static String rest(String name, String prefix) {
        return name.substring(prefix.length() + 1);
    }

    /** Pushes with {@code %s} replaced by what follows {@code prefix/} in the stream's name, as in input URLs. */
    static List<Push> pushesFor(List<Push> pushes, String name, String prefix) {
        String rest = rest(name, prefix);
        return pushes.stream().map(p -> new Push(p.url().replace(PLACEHOLDER, rest), p.retryTimeout(), p.retryLimit(),
                p.disabled(), p.timeout(), p.tlsVerify())).toList();
    }
}
