#!/usr/bin/env python3
"""Reads MPEG-TS from stdin, 7 packets (1316 bytes) at a time, and sends each datagram to N
multicast groups on the loopback interface: GROUP_PREFIX.1 .. GROUP_PREFIX.N, port BASE+i.

    ffmpeg ... -f mpegts pipe:1 | mc_fanout.py N GROUP_PREFIX BASE

ffmpeg's own udp:// output cannot be told to send multicast out of the loopback interface; this
sets IP_MULTICAST_IF to 127.0.0.1, so nothing leaves the machine. Prints the datagrams sent when
its input ends or it is stopped."""
import signal
import socket
import sys

DATAGRAM = 7 * 188


def main(n, prefix, base):
    out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    out.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton('127.0.0.1'))
    out.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 1)
    out.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 0)  # never past this host
    out.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
    targets = [('%s.%d' % (prefix, i), base + i) for i in range(1, n + 1)]
    sent = 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    stdin = sys.stdin.buffer
    try:
        while True:
            d = stdin.read(DATAGRAM)
            if len(d) < DATAGRAM:
                break
            for t in targets:
                out.sendto(d, t)
            sent += 1
    finally:
        print('datagrams sent per group: %d' % sent, file=sys.stderr)


if __name__ == '__main__':
    main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
