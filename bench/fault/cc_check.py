#!/usr/bin/env python3
"""Continuity check of a captured MPEG-TS file (bench/fault/ts-fuzz.sh): prints
`packets=N cc_errors=N sync_losses=N pids=N`. A packet with a payload must carry the next
continuity counter of its PID, except after a discontinuity_indicator; one repeat is allowed."""
import sys

def main(path):
    data = open(path, 'rb').read()
    last = {}
    packets = errors = sync = 0
    i = 0
    while i + 188 <= len(data):
        if data[i] != 0x47:
            sync += 1
            j = data.find(b'\x47', i + 1)
            if j < 0:
                break
            i = j
            continue
        p = data[i:i + 188]
        i += 188
        packets += 1
        pid = ((p[1] & 0x1F) << 8) | p[2]
        if pid == 0x1FFF:
            continue
        afc = (p[3] >> 4) & 3
        cc = p[3] & 0xF
        disc = afc & 2 and p[4] > 0 and p[5] & 0x80
        if not afc & 1:
            continue
        prev = last.get(pid)
        if prev is not None and not disc and cc != (prev + 1) & 0xF and cc != prev:
            errors += 1
        last[pid] = cc
    print(f'packets={packets} cc_errors={errors} sync_losses={sync} pids={len(last)}')

if __name__ == '__main__':
    main(sys.argv[1])
