#!/usr/bin/env python3
"""Counts the UDP bytes and datagrams arriving on N consecutive ports of 127.0.0.1.

    udp_sink.py FIRST_PORT N OUT_FILE

On SIGTERM writes "port bytes datagrams" per port to OUT_FILE, then exits. A datagram that is not
whole 188-byte TS packets starting with 0x47 counts as bad (last column)."""
import selectors
import signal
import socket
import sys

first, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
sel = selectors.DefaultSelector()
counts = {}
for port in range(first, first + n):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.bind(("127.0.0.1", port))
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ, port)
    counts[port] = [0, 0, 0]
running = True


def stop(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)
while running:
    for key, _ in sel.select(timeout=0.2):
        try:
            while True:
                data = key.fileobj.recv(65536)
                c = counts[key.data]
                c[0] += len(data)
                c[1] += 1
                if len(data) % 188 or data[0] != 0x47:
                    c[2] += 1
        except BlockingIOError:
            pass
with open(out, "w") as f:
    for port, (b, d, bad) in sorted(counts.items()):
        f.write(f"{port} {b} {d} {bad}\n")
