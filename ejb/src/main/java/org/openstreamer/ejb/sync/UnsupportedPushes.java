package org.openstreamer.ejb.sync;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Pushes this version stores but cannot run: every scheme, as the engine has no push output yet.
 * A push says so in its stream's {@code stats.pushes}; the log says it once per stream (or publish
 * location, or template) and URL (again only after the push was removed or disabled and came back),
 * not at every configuration change.
 */
public final class UnsupportedPushes {

    private static final Logger LOG = Logger.getLogger(UnsupportedPushes.class.getName());

    /**
     * Enabled pushes as {@code who, url}: a stream's own, and those that publish locations and
     * templates give the streams they make (one line per location or template, with its {@code %s}).
     */
    static final String ENABLED = """
            SELECT 'Stream ' || p.stream, p.url, 1, p.stream, p.position
              FROM stream_pushes p JOIN streams s ON s.name = p.stream
             WHERE NOT p.disabled AND NOT s.disabled
            UNION ALL
            SELECT 'Publish location ' || l.prefix, e.push->>'url', 2, l.prefix, e.n
              FROM publish_locations l, jsonb_array_elements(l.options->'pushes') WITH ORDINALITY e(push, n)
             WHERE jsonb_typeof(l.options->'pushes') = 'array' AND NOT coalesce((l.options->>'disabled')::boolean, false)
               AND NOT coalesce((e.push->>'disabled')::boolean, false)
            UNION ALL
            SELECT 'Template ' || t.name, e.push->>'url', 3, t.name, e.n
              FROM stream_templates t, jsonb_array_elements(t.options->'pushes') WITH ORDINALITY e(push, n)
             WHERE jsonb_typeof(t.options->'pushes') = 'array' AND NOT coalesce((t.options->>'disabled')::boolean, false)
               AND NOT coalesce((e.push->>'disabled')::boolean, false)
            ORDER BY 3, 4, 5""";

    /** {@code who NUL url} of the pushes logged so far; guarded by this. */
    private final Set<String> logged = new HashSet<>();

    /** Why the push to {@code url} does not run, for the API and the log. */
    public static String problem(String url) {
        int end = url.indexOf("://");
        String scheme = end < 0 ? url : url.substring(0, end).toLowerCase(Locale.ROOT);
        return "push scheme " + scheme + " is not supported yet (" + url + ")";
    }

    /**
     * Logs each enabled push of an enabled stream not logged before. A failed read is logged and
     * leaves the rest of the engine's configuration to go through.
     */
    synchronized void check(Connection c) {
        Set<String> now = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(ENABLED)) {
            while (rs.next()) {
                String who = rs.getString(1);
                String url = rs.getString(2);
                now.add(who + '\0' + url);
                if (!logged.contains(who + '\0' + url)) {
                    LOG.warning(who + ": " + problem(url) + (who.startsWith("Stream ")
                            ? "; the push waits with status error"
                            : "; the streams made here show the push with status error"));
                }
            }
        } catch (SQLException e) {
            LOG.warning("The pushes were not checked: " + e.getMessage());
            return;
        }
        logged.clear();
        logged.addAll(now);
    }
}
