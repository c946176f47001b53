#!/usr/bin/env python3
"""Continuity check of a captured MPEG-TS file (bench/fault/ts-fuzz.sh): prints
`packets=N cc_errors=N psi_cc_errors=N sync_losses=N pids=N`. A packet with a payload must carry
the next continuity counter of its PID, except when it has the discontinuity_indicator; one repeat
is allowed. cc_errors counts the elementary streams (media), psi_cc_errors the PAT and PMT PIDs."""
import sys

def main(path):
    data = open(path, 'rb').read()
    last = {}
    packets = errors = psi_errors = sync = 0
    pmt_pids = set()
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
        start = 4 + (1 + p[4] if afc & 2 else 0)
        if pid == 0 and p[1] & 0x40 and start < 180:
            sec = start + 1 + p[start]
            end = min(sec + 3 + (((p[sec + 1] & 0x0F) << 8) | p[sec + 2]) - 4, 188)
            for k in range(sec + 8, end - 3, 4):
                if (p[k] << 8 | p[k + 1]) != 0:
                    pmt_pids.add(((p[k + 2] & 0x1F) << 8) | p[k + 3])
        prev = last.get(pid)
        if prev is not None and not disc and cc != (prev + 1) & 0xF and cc != prev:
            if pid == 0 or pid in pmt_pids:
                psi_errors += 1
            else:
                errors += 1
        last[pid] = cc
    print(f'packets={packets} cc_errors={errors} psi_cc_errors={psi_errors} sync_losses={sync} pids={len(last)}')

if __name__ == '__main__':
    main(sys.argv[1])
