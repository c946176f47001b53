package org.openstreamer.web.view;

import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.model.StreamOptions;

import java.io.Serializable;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * One line of the streams table: the stored stream with what the engine says of it now.
 *
 * @param type   how media arrives: {@code publish} (pushed to us), {@code pull SCHEME} (we fetch
 *               the first input), {@code static}
 * @param status {@code disabled}, {@code idle} (no pipeline), or the pipeline's state
 * @param reason why the pipeline is in trouble, or null
 * @param thumbnails whether the table shows the stream's latest thumbnail (the {@code thumbnails} option)
 */
public record StreamRow(String name, String title, String type, String status, String reason, long inputKbit,
                        int viewers, boolean dvr, Integer srtPort, boolean disabled,
                        boolean thumbnails) implements Serializable {

    static StreamRow of(StreamDefinition d, PipelineInfo p) {
        StreamOptions o = d.options();
        String status = o.disabled() ? "disabled" : p == null ? "idle" : p.state();
        return new StreamRow(d.name(), o.title(), type(o), status, p == null || o.disabled() ? null : p.problem(),
                p == null ? 0 : p.inputBitrate() / 1000, p == null ? 0 : p.clients(), o.dvr() != null, srtPort(o),
                o.disabled(), o.thumbnails() && !o.disabled());
    }

    /** The console's thumbnail of this stream ({@link ThumbnailServlet}), relative to /admin/. */
    public String thumbnailUrl() {
        return "thumbnail?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private static String type(StreamOptions o) {
        if (o.inputs().isEmpty()) {
            return o.isStatic() ? "static" : "publish";
        }
        String url = o.inputs().get(0).url();
        try {
            String scheme = URI.create(url).getScheme();
            return "pull " + (scheme == null ? "" : scheme);
        } catch (IllegalArgumentException e) {
            return "pull";
        }
    }

    private static Integer srtPort(StreamOptions o) {
        for (SrtEndpoint e : o.endpoints().values()) {
            if (e.port() > 0) {
                return e.port();
            }
        }
        return null;
    }
}
