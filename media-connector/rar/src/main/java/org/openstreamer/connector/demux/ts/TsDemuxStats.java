package org.openstreamer.connector.demux.ts;

import java.util.List;

/**
 * A snapshot of a {@link TsDemuxer}'s counters and of its tracks' figures. Immutable: it may be
 * handed to other threads.
 *
 * @param bytesIn                  bytes given to {@code feed}
 * @param packets                  valid packets passed to {@code onPacket}
 * @param bytesDropped             bytes skipped while looking for sync (garbage, truncated packets)
 * @param syncLosses               times the packet sync was lost after it had been found
 * @param teiPackets               packets dropped for transport_error_indicator
 * @param ccErrors                 continuity counter gaps (duplicates excepted)
 * @param duplicatePackets         duplicate packets whose payload was ignored
 * @param malformedPackets         packets whose adaptation field overruns them
 * @param badCrcSections           PAT/PMT sections dropped for a wrong CRC_32
 * @param psiErrors                PAT/PMT sections dropped as malformed (lengths, pointer, loops)
 * @param pesErrors                PES dropped for a malformed header
 * @param oversizePes              PES dropped for exceeding the size limit
 * @param timestampDiscontinuities times the timeline was re-based after a timestamp jump
 * @param tracks                   per track, in PMT order
 */
public record TsDemuxStats(long bytesIn, long packets, long bytesDropped, long syncLosses, long teiPackets,
                           long ccErrors, long duplicatePackets, long malformedPackets, long badCrcSections,
                           long psiErrors, long pesErrors, long oversizePes, long timestampDiscontinuities,
                           List<TsTrackStats> tracks) {
}
