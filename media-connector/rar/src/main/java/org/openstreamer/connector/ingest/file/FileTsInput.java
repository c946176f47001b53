package org.openstreamer.connector.ingest.file;

import org.openstreamer.connector.demux.ts.TsClocks;
import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.PullClients;
import org.openstreamer.connector.ingest.pull.TsInput;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code file://PATH}: an MPEG-TS file of the {@link FileFolder}, played in a loop in real time,
 * for 24/7 channels and backups. Packets are handed on when their PCR is due by the wall clock
 * (a packet without a PCR goes with the one before it). Each new round adds the length of the
 * file to every PCR, PTS and DTS, so the stream's clock keeps going forward and players and the
 * packager see one endless stream.
 *
 * <p>Refused with a reason: a file outside the folder or missing, one that is not MPEG-TS, one
 * that loses packet sync, and one with no PCR in its first {@link #MAX_WITHOUT_PCR} bytes (it
 * could not be paced).
 */
public final class FileTsInput implements TsInput {

    static final int PACKET = 188;
    static final long MAX_WITHOUT_PCR = 4L << 20;

    private final Path file;
    private final String name;
    private InputStream in;
    private final byte[] held = new byte[PACKET];
    private boolean holding;
    /** Added to every clock of this round. */
    private long offset;
    /** Within the round: the first and last PCR (unshifted), and the gap between the last two. */
    private long firstPcr = -1;
    private long lastPcr = -1;
    private long lastGap;
    /** The first PCR of the first round (shifted clock) and the wall time it was handed on. */
    private long clockStart = -1;
    private long wallStart;
    private long position;
    private long sincePcr;
    /** The PCR of the packet last read (or held) on a clock that does not wrap, or -1 without one. */
    private long packetClock = -1;

    private FileTsInput(Path file, String name) throws IOException {
        this.file = file;
        this.name = name;
        this.in = open(file);
    }

    public static FileTsInput open(PullUrl url) throws IOException {
        Path file = FileFolder.resolve(FileFolder.root(), url.path());
        try (InputStream probe = Files.newInputStream(file)) {
            byte[] head = probe.readNBytes(PACKET + 1);
            if (head.length == 0) {
                throw new IOException("the file " + url.path() + " is empty");
            }
            if (head[0] != 0x47 || head.length > PACKET && head[PACKET] != 0x47) {
                throw new IOException("the file " + url.path() + " is not MPEG-TS (file:// plays MPEG-TS and MP4 files)");
            }
        }
        return new FileTsInput(file, url.path());
    }

    private static InputStream open(Path file) throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), 256 * 1024);
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int filled = 0;
        long deadline = System.currentTimeMillis() + PullClients.POLL_MILLIS;
        while (filled + PACKET <= len) {
            int p = off + filled;
            if (holding) {
                System.arraycopy(held, 0, buf, p, PACKET);
            } else if (!nextPacket(buf, p)) {
                continue; // a new round began
            }
            if (packetClock >= 0) {
                long wait = dueIn(packetClock);
                if (wait > 0) {
                    if (!holding) {
                        System.arraycopy(buf, p, held, 0, PACKET);
                        holding = true;
                    }
                    if (filled > 0) {
                        return filled;
                    }
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        return 0;
                    }
                    sleep(Math.min(wait, left));
                    continue;
                }
            }
            holding = false;
            filled += PACKET;
        }
        return filled;
    }

    /** Reads the next packet into {@code buf[p..]}, its clocks shifted; false when the file ended and the next round begins. */
    private boolean nextPacket(byte[] buf, int p) throws IOException {
        int n = in.readNBytes(buf, p, PACKET);
        if (n < PACKET) { // the end (a partial last packet is dropped)
            if (lastPcr < 0) {
                throw new IOException("the file " + name + " has no PCR: it cannot be played in real time");
            }
            in.close();
            in = open(file);
            offset += lastPcr - firstPcr + Math.max(lastGap, 1);
            firstPcr = -1;
            lastPcr = -1;
            position = 0;
            return false;
        }
        if (buf[p] != 0x47) {
            throw new IOException("the file " + name + " lost MPEG-TS sync at byte " + position);
        }
        position += PACKET;
        long pcr = TsClocks.pcr(buf, p);
        packetClock = pcr == TsClocks.NO_PCR ? -1 : pcr + offset;
        if (pcr == TsClocks.NO_PCR) {
            sincePcr += PACKET;
            if (sincePcr > MAX_WITHOUT_PCR) {
                throw new IOException("the file " + name + " has no PCR in " + (MAX_WITHOUT_PCR >> 20)
                        + " MiB: it cannot be played in real time");
            }
        } else {
            sincePcr = 0;
            if (firstPcr < 0) {
                firstPcr = pcr;
            } else if (pcr > lastPcr) {
                lastGap = pcr - lastPcr;
            }
            lastPcr = Math.max(lastPcr, pcr);
        }
        TsClocks.shift(buf, p, offset);
        return true;
    }

    /** Milliseconds until a packet with this PCR (shifted, unwrapped) is due; the first one is due at once. */
    private long dueIn(long clock) {
        long now = System.currentTimeMillis();
        if (clockStart < 0) {
            clockStart = clock;
            wallStart = now;
            return 0;
        }
        long due = wallStart + (clock - clockStart) / 90;
        if (due - now > 10_000 || now - due > 10_000) { // a jump in the file's clock: start pacing again from here
            clockStart = clock;
            wallStart = now;
            return 0;
        }
        return due - now;
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("stopped");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
