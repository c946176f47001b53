package org.openstreamer.web.view;

import org.openstreamer.connector.api.PipelineInfo;

import java.util.List;

/**
 * Streams by state for the dashboard: configured in total, live (a publisher or source feeds it),
 * waiting for one, in error; and how many publishers feed them.
 */
public record StreamCounts(long total, long live, long waiting, long failing, long publishers) {

    static StreamCounts of(long configured, List<PipelineInfo> pipelines) {
        long live = pipelines.stream().filter(p -> "publishing".equals(p.state())).count();
        long waiting = pipelines.stream().filter(p -> "waiting".equals(p.state())).count();
        long failing = pipelines.stream().filter(p -> "error".equals(p.state()) || p.problem() != null).count();
        long publishers = pipelines.stream().filter(p -> p.publisher() != null && !p.publisher().isEmpty()).count();
        return new StreamCounts(configured, live, waiting, failing, publishers);
    }
}
