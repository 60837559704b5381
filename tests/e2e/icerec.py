#!/usr/bin/env python3
"""icerec.py - a listener of an Icecast mount, for tests/e2e/stream*.sh.

  icerec.py URL OUT WAIT_S [--icy]

Waits (up to WAIT_S seconds) for the mount to be listed by the server's
status-json.xsl, then records it to OUT until the server ends the stream.
OUT.log gets a line per Ogg page, "TIME SERIAL GRANULE" (TIME in seconds
since the first byte arrived), a line "rate SERIAL HZ" per logical stream
and "title SERIAL TEXT" for each TITLE comment.  With --icy it asks for
ICY metadata (MP3) and logs "title - TEXT" for each StreamTitle instead.
Only 127.0.0.1 is used by the tests.
"""
import json
import re
import socket
import struct
import sys
import time
import urllib.request
from urllib.parse import urlsplit


def wait_for_mount(url, wait_s):
    u = urlsplit(url)
    status = f"{u.scheme}://{u.netloc}/status-json.xsl"
    end = time.time() + wait_s
    while time.time() < end:
        try:
            with urllib.request.urlopen(status, timeout=1) as r:
                src = json.loads(r.read().decode("utf-8", "replace"))["icestats"].get("source")
            srcs = src if isinstance(src, list) else [src] if src else []
            if any(s.get("listenurl", "").endswith(u.path) for s in srcs):
                return True
        except (OSError, ValueError):
            pass
        time.sleep(0.02)
    return False


def comments(packet):
    """KEY=value comments of a Vorbis or Opus comment header."""
    if packet.startswith(b"\x03vorbis"):
        pos = 7
    elif packet.startswith(b"OpusTags"):
        pos = 8
    else:
        return []
    n = struct.unpack_from("<I", packet, pos)[0]
    pos += 4 + n
    count = struct.unpack_from("<I", packet, pos)[0]
    pos += 4
    out = []
    for _ in range(count):
        n = struct.unpack_from("<I", packet, pos)[0]
        out.append(packet[pos + 4:pos + 4 + n].decode("utf-8", "replace"))
        pos += 4 + n
    return out


class Pages:
    """Ogg pages out of a byte stream as it arrives."""

    def __init__(self, log):
        self.buf = b""
        self.log = log
        self.packets = {}   # serial: the packet being assembled (headers only)
        self.seen = {}      # serial: pages seen

    def feed(self, data, t):
        self.buf += data
        while True:
            i = self.buf.find(b"OggS")
            if i < 0 or len(self.buf) < i + 27:
                return
            nseg = self.buf[i + 26]
            if len(self.buf) < i + 27 + nseg:
                return
            lacing = self.buf[i + 27:i + 27 + nseg]
            size = sum(lacing)
            end = i + 27 + nseg + size
            if len(self.buf) < end:
                return
            granule, serial = struct.unpack_from("<qI", self.buf, i + 6)
            body = self.buf[i + 27 + nseg:end]
            self.buf = self.buf[end:]
            self.page(serial, granule, lacing, body, t)

    def page(self, serial, granule, lacing, body, t):
        k = self.seen.get(serial, 0)
        self.seen[serial] = k + 1
        if k <= 3:
            self.headers(serial, lacing, body)
        if granule >= 0:
            self.log.write(f"{t:.4f} {serial} {granule}\n")

    def headers(self, serial, lacing, body):
        pos = 0
        pkt = self.packets.get(serial, b"")
        for lace in lacing:
            pkt += body[pos:pos + lace]
            pos += lace
            if lace < 255:
                if pkt.startswith(b"\x01vorbis"):
                    self.log.write(f"rate {serial} {struct.unpack_from('<I', pkt, 12)[0]}\n")
                elif pkt.startswith(b"OpusHead"):
                    self.log.write(f"rate {serial} 48000\n")
                for c in comments(pkt):
                    if c.upper().startswith("TITLE="):
                        self.log.write(f"title {serial} {c[6:]}\n")
                pkt = b""
        self.packets[serial] = pkt


def main():
    url, out, wait_s = sys.argv[1], sys.argv[2], float(sys.argv[3])
    icy = "--icy" in sys.argv[4:]
    if not wait_for_mount(url, wait_s):
        sys.exit(f"icerec: no mount {url} within {wait_s} s")
    u = urlsplit(url)
    sock = socket.create_connection((u.hostname, u.port), timeout=30)
    sock.sendall(f"GET {u.path} HTTP/1.0\r\nHost: {u.netloc}\r\n"
                 f"{'Icy-MetaData: 1' if icy else 'X-Test: 1'}\r\n\r\n".encode())
    f = sock.makefile("rb")
    head = b""
    while not head.endswith(b"\r\n\r\n"):
        c = f.read(1)
        if not c:
            sys.exit("icerec: no answer")
        head += c
    if b" 200 " not in head.split(b"\r\n")[0]:
        sys.exit("icerec: " + head.split(b"\r\n")[0].decode())
    m = re.search(rb"icy-metaint:\s*(\d+)", head, re.I)
    metaint = int(m.group(1)) if icy and m else 0
    with open(out, "wb") as audio, open(out + ".log", "w", encoding="utf-8") as log:
        pages = Pages(log)
        t0 = None
        while True:
            try:
                data = f.read1(65536) if not metaint else f.read(metaint)
            except OSError:
                break
            if not data:
                break
            t = time.monotonic()
            t0 = t if t0 is None else t0
            audio.write(data)
            if metaint:
                n = f.read(1)
                if not n:
                    break
                meta = f.read(n[0] * 16).rstrip(b"\0").decode("utf-8", "replace")
                m = re.search(r"StreamTitle='(.*?)';", meta)
                if m:
                    log.write(f"title - {m.group(1)}\n")
            else:
                pages.feed(data, t - t0)
            log.flush()


if __name__ == "__main__":
    main()
