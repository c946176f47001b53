package org.openstreamer.connector.demux.ts;

/** The demuxer-wide error and traffic counters, written on the feeding thread only. */
final class DemuxCounters {
    long bytesIn;
    long packets;
    long bytesDropped;
    long syncLosses;
    long teiPackets;
    long ccErrors;
    long duplicatePackets;
    long malformedPackets;
    long badCrcSections;
    long psiErrors;
    long pesErrors;
    long oversizePes;
    long timestampDiscontinuities;
}
