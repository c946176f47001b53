#!/usr/bin/env python3
"""Publisher-to-player latency of SRT relays, measured on identical TS packets.

Sends one MPEG-TS file in real time as 1316-byte UDP datagrams to the UDP input of each path's
publisher (an srt-live-transmit udp:// -> srt:// process), and receives what each path's player
(an srt-live-transmit srt:// -> udp:// process) delivers. After every 4th media datagram comes a
datagram of one extra TS packet on PID 0x1FF0, which no program lists and every relay passes on
untouched: it holds a run nonce and a sequence number, so the tool matches sent and received
packets by content, with one clock (time.monotonic_ns) at both ends. The media itself is sent
unchanged. The endpoints are the same program for every path, so their cost cancels out when
paths are compared.

A player joining a live stream may first get a burst of older data (a server starts it at the
last keyframe), so only probes sent from --settle seconds after a path's first arrival count.

    latency_probe.py --ts FILE --bitrate BPS --seconds 25 --path NAME:SEND_PORT:RECV_PORT ...

Prints one line per path: probes counted, lost, p50/p99/max latency in milliseconds.
"""
import argparse
import math
import os
import socket
import struct
import sys
import threading
import time

PROBE_PID = 0x1FF0
PACKET = 188
MAGIC = b"OSLATPRB"


def probe_packet(nonce, seq, cc):
    header = bytes([0x47, 0x40 | (PROBE_PID >> 8), PROBE_PID & 0xFF, 0x10 | (cc & 0x0F)])
    body = MAGIC + nonce + struct.pack(">I", seq)
    return header + body + b"\xff" * (PACKET - len(header) - len(body))


class Path:
    def __init__(self, spec):
        name, send, recv = spec.rsplit(":", 2)
        self.name = name
        self.dest = ("127.0.0.1", int(send))
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        self.sock.bind(("127.0.0.1", int(recv)))
        self.sock.settimeout(0.2)
        self.sent = {}       # seq -> send time (ns)
        self.received = {}   # seq -> first arrival time (ns)
        self.first_arrival = None


def receive(path, key, stop):
    offset = len(key)
    while not stop.is_set():
        try:
            data = path.sock.recv(65536)
        except socket.timeout:
            continue
        now = time.monotonic_ns()
        i = data.find(key)
        while i >= 0:
            seq = struct.unpack_from(">I", data, i + offset)[0]
            path.received.setdefault(seq, now)
            if path.first_arrival is None:
                path.first_arrival = now
            i = data.find(key, i + offset)


def percentile(sorted_values, p):
    """Nearest-rank percentile."""
    return sorted_values[max(0, math.ceil(p * len(sorted_values)) - 1)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ts", required=True, help="MPEG-TS file to send (looped if shorter than the run)")
    ap.add_argument("--bitrate", type=float, required=True, help="its bit rate, bits per second")
    ap.add_argument("--seconds", type=float, default=25, help="how long to send")
    ap.add_argument("--settle", type=float, default=3, help="seconds after a path's first arrival before counting")
    ap.add_argument("--path", action="append", required=True, help="NAME:SEND_PORT:RECV_PORT")
    args = ap.parse_args()

    with open(args.ts, "rb") as f:
        media = f.read()
    media = media[: len(media) - len(media) % PACKET]
    nonce = os.urandom(8)
    key = MAGIC + nonce
    paths = [Path(spec) for spec in args.path]
    stop = threading.Event()
    threads = [threading.Thread(target=receive, args=(p, key, stop), daemon=True) for p in paths]
    for t in threads:
        t.start()

    out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    chunk = 7 * PACKET
    interval = chunk * 8 / args.bitrate
    start = time.monotonic()
    deadline = start + args.seconds
    pos = 0
    n = 0
    seq = 0
    while True:
        due = start + n * interval
        now = time.monotonic()
        if due > now:
            time.sleep(due - now)
        if due >= deadline:
            break
        if pos + chunk > len(media):
            pos = 0
        datagram = media[pos:pos + chunk]
        pos += chunk
        for p in paths:
            out.sendto(datagram, p.dest)
        if n % 4 == 0:
            probe = probe_packet(nonce, seq, seq)
            for p in paths:
                out.sendto(probe, p.dest)
                p.sent[seq] = time.monotonic_ns()
            seq += 1
        n += 1
    time.sleep(1.5)  # what is still on its way
    stop.set()
    for t in threads:
        t.join()

    for p in paths:
        if p.first_arrival is None:
            print(f"{p.name}: nothing received")
            continue
        since = p.first_arrival + int(args.settle * 1e9)
        counted = [s for s, t in p.sent.items() if t >= since]
        lost = sum(1 for s in counted if s not in p.received)
        lat = sorted((p.received[s] - p.sent[s]) / 1e6 for s in counted if s in p.received)
        if not lat:
            print(f"{p.name}: no probes counted")
            continue
        print(f"{p.name}: {len(lat)} probes, {lost} lost, latency p50 {percentile(lat, 0.5):.1f} ms, "
              f"p99 {percentile(lat, 0.99):.1f} ms, max {lat[-1]:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
