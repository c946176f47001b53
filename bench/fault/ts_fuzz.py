#!/usr/bin/env python3
"""Mutated MPEG-TS for bench/fault/ts-fuzz.sh: reads a clean TS file, sends --packets packets over
UDP (7 per datagram, to srt-live-transmit, which carries them over SRT) with about half of them
damaged, then --recover-seconds of the clean file at its own rate, so the receiver can show that
the stream recovers. Damage: bit flips, truncated datagrams, wrong continuity counters, PID storms,
huge PES lengths, a new PAT and PMT (valid CRC, new version, random PIDs and stream types) every
packet, random packets, lost sync. Prints what it sent, by kind."""
import argparse, random, socket, sys, time

TS = 188

def crc32_mpeg(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) & 0xFFFFFFFF if crc & 0x80000000 else (crc << 1) & 0xFFFFFFFF
    return crc

def section_packet(pid, table):
    body = table + crc32_mpeg(table).to_bytes(4, 'big')
    pkt = bytes([0x47, 0x40 | (pid >> 8), pid & 0xFF, 0x10 | random.randrange(16), 0]) + body
    return pkt + b'\xff' * (TS - len(pkt))

def pat(version, pmt_pid):
    n = random.randrange(1, 4)
    progs = b''.join(random.randrange(1, 65536).to_bytes(2, 'big') + (0xE000 | (pmt_pid if i == 0 else random.randrange(16, 8191))).to_bytes(2, 'big') for i in range(n))
    length = 5 + len(progs) + 4
    return bytes([0x00, 0xB0 | (length >> 8), length & 0xFF, 0, 1, 0xC1 | (version << 1), 0, 0]) + progs

def pmt(version, pcr_pid):
    es = b''
    for _ in range(random.randrange(0, 12)):
        st = random.choice([0x1B, 0x0F, 0x24, 0x03, 0x06, 0x15, 0x86, random.randrange(256)])
        info = bytes(random.randrange(256) for _ in range(random.randrange(0, 6)))
        es += bytes([st]) + (0xE000 | random.randrange(16, 8191)).to_bytes(2, 'big') + (0xF000 | len(info)).to_bytes(2, 'big') + info
    length = 9 + len(es) + 4
    return bytes([0x02, 0xB0 | (length >> 8), length & 0xFF, 0, 1, 0xC1 | (version << 1), 0, 0,
                  0xE0 | (pcr_pid >> 8), pcr_pid & 0xFF, 0xF0, 0]) + es

def mutate(pkt, kinds, state):
    kind = random.choice(kinds)
    p = bytearray(pkt)
    if kind == 'bitflip':
        for _ in range(random.randrange(1, 9)):
            i = random.randrange(TS)
            p[i] ^= 1 << random.randrange(8)
    elif kind == 'cc':
        p[3] = (p[3] & 0xF0) | random.randrange(16)
    elif kind == 'pid_storm':
        pid = random.randrange(0x20, 0x1FFF)
        p[1] = (p[1] & 0xE0) | (pid >> 8)
        p[2] = pid & 0xFF
        p[1] |= 0x40 if random.random() < 0.5 else 0
    elif kind == 'huge_pes':
        # a PES start with the largest length, or a header length past the packet
        p[1] |= 0x40
        p[3] = (p[3] & 0xCF) | 0x10
        p[4:10] = bytes([0, 0, 1, random.choice([0xE0, 0xC0, 0xBD]), 0xFF, 0xFF])
        p[10:13] = bytes([0x80, random.choice([0x80, 0xC0, 0xFF]), random.choice([5, 10, 0xFF])])
    elif kind == 'psi':
        state['version'] = (state['version'] + 1) & 0x1F
        if random.random() < 0.5:
            return bytearray(section_packet(0, pat(state['version'], state['pmt_pid']))), kind
        return bytearray(section_packet(state['pmt_pid'], pmt(state['version'], random.randrange(16, 8191)))), kind
    elif kind == 'random':
        p = bytearray([0x47]) + bytearray(random.randbytes(TS - 1))
    elif kind == 'nosync':
        p[0] = random.randrange(256)
    elif kind == 'adaptation':
        p[3] = (p[3] & 0xCF) | random.choice([0x20, 0x30])
        p[4] = random.choice([0, 1, 182, 183, 184, 255])
    return p, kind

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ts', required=True)
    ap.add_argument('--udp', required=True, help='host:port')
    ap.add_argument('--packets', type=int, default=1_000_000)
    ap.add_argument('--pps', type=int, default=20000, help='packets per second while fuzzing')
    ap.add_argument('--damage', type=float, default=0.5, help='share of damaged packets')
    ap.add_argument('--recover-seconds', type=float, default=20)
    ap.add_argument('--bitrate', type=int, required=True, help='the clean file\'s bits per second')
    ap.add_argument('--seed', type=int, default=1)
    a = ap.parse_args()
    random.seed(a.seed)
    data = open(a.ts, 'rb').read()
    clean = [data[i:i + TS] for i in range(0, len(data) - TS + 1, TS) if data[i] == 0x47]
    host, port = a.udp.rsplit(':', 1)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
    dest = (host, int(port))
    pmt_pid = next((int.from_bytes(clean[i][13:15], 'big') & 0x1FFF for i in range(len(clean))
                    if (int.from_bytes(clean[i][1:3], 'big') & 0x1FFF) == 0 and clean[i][1] & 0x40), 0x1000)
    state = {'version': 0, 'pmt_pid': pmt_pid}
    kinds = ['bitflip', 'cc', 'pid_storm', 'huge_pes', 'psi', 'random', 'nosync', 'adaptation', 'truncate']
    counts = {}
    start = time.monotonic()
    sent = 0
    idx = 0
    while sent < a.packets:
        n = min(7, a.packets - sent)
        dgram = bytearray()
        truncate = False
        for _ in range(n):
            pkt = clean[idx % len(clean)]
            idx += 1
            if random.random() < a.damage:
                k = random.choice(kinds)
                if k == 'truncate':
                    truncate = True
                    counts[k] = counts.get(k, 0) + 1
                else:
                    pkt, k = mutate(pkt, [k], state)
                    counts[k] = counts.get(k, 0) + 1
            dgram += pkt
        if truncate:
            dgram = dgram[:random.randrange(1, len(dgram))]
        sock.sendto(bytes(dgram), dest)
        sent += n
        ahead = sent / a.pps - (time.monotonic() - start)
        if ahead > 0:
            time.sleep(ahead)
    fuzz_s = time.monotonic() - start
    print(f'fuzzed {sent} packets in {fuzz_s:.1f} s: ' + ', '.join(f'{k} {v}' for k, v in sorted(counts.items())), flush=True)
    # clean, at the file's rate, from where the fuzzing left off
    pps = a.bitrate / 8 / TS
    start = time.monotonic()
    clean_sent = 0
    while time.monotonic() - start < a.recover_seconds:
        dgram = b''.join(clean[(idx + i) % len(clean)] for i in range(7))
        idx += 7
        sock.sendto(dgram, dest)
        clean_sent += 7
        ahead = clean_sent / pps - (time.monotonic() - start)
        if ahead > 0:
            time.sleep(ahead)
    print(f'clean {clean_sent} packets in {time.monotonic() - start:.1f} s', flush=True)

if __name__ == '__main__':
    sys.exit(main())
