package org.openstreamer.web.metrics;

import org.openstreamer.connector.api.DvrStatus;
import org.openstreamer.connector.api.EngineInfo;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.api.SrtConnectionStats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything a scrape reports from the engine, read through one handle: no database, so metrics
 * keep coming while PostgreSQL is away.
 */
public record EngineSnapshot(EngineInfo info, List<StreamFigures> streams, List<SrtConnectionStats> srt) {

    public static EngineSnapshot read(MediaEngine engine) {
        List<StreamFigures> streams = new ArrayList<>();
        for (PipelineInfo p : engine.pipelines()) {
            DvrStatus dvr = engine.dvrStatus(p.stream());
            streams.add(new StreamFigures(p, dvr == null ? DvrStatus.NONE : dvr, engine.segments(p.stream())));
        }
        // sorted, so that successive scrapes list series in the same order (easier to read and diff)
        streams.sort(Comparator.comparing(StreamFigures::name));
        List<SrtConnectionStats> srt = new ArrayList<>(engine.srtConnections());
        srt.sort(Comparator.comparing(SrtConnectionStats::stream).thenComparing(SrtConnectionStats::role)
                .thenComparing(SrtConnectionStats::peer));
        return new EngineSnapshot(engine.info(), streams, srt);
    }
}
