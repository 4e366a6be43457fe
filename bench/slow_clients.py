#!/usr/bin/env python3
"""Slow-client benchmark: signed GetUser latency with and without 500 stalled connections.

A stalled connection sends the headers of a POST with `Content-Length: 10`, one byte of body,
then nothing. The stalled connections come from 127.0.0.2 ... 127.0.0.60 (Linux routes all of
127/8 to loopback), so that the per-address connection cap does not refuse them, while wrk,
the legitimate client, uses 127.0.0.1. When the server drops a stalled connection (its read
deadline) the keeper opens another at once, so the count stays at STALLED during the run.

Phases, each a wrk run of DURATION seconds replaying one pre-signed GetUser: a warm-up (JIT),
then ROUNDS rounds of (unloaded, with STALLED stalled connections); medians are reported.
Usage: bench/slow-clients.sh   (environment: STALLED DURATION WARMUP CONNECTIONS ROUNDS PORT KEEP_WORK)
"""
import argparse
import json
import os
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

STALLED_HEAD = (b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\nA")


class StallKeeper(threading.Thread):
    """Holds `count` stalled connections open, replacing each one the server closes."""

    def __init__(self, port, count, first=2, last=60):
        super().__init__(daemon=True)
        self.port, self.count = port, count
        self.sources = [f"127.0.0.{i}" for i in range(first, last + 1)]
        self.sel = selectors.DefaultSelector()
        self.stop_flag = threading.Event()
        self.opened = self.dropped = self.refused = 0
        self.next_source = 0

    def open_one(self):
        src = self.sources[self.next_source % len(self.sources)]
        self.next_source += 1
        s = socket.socket()
        try:
            s.bind((src, 0))
            s.connect(("127.0.0.1", self.port))
            s.sendall(STALLED_HEAD)
        except OSError:
            s.close()
            self.refused += 1
            return
        s.setblocking(False)
        self.sel.register(s, selectors.EVENT_READ)
        self.opened += 1

    def open_count(self):
        return len(self.sel.get_map())

    def run(self):
        while self.open_count() < self.count and not self.stop_flag.is_set():
            self.open_one()
        while not self.stop_flag.is_set():
            for key, _ in self.sel.select(timeout=0.2):
                s = key.fileobj
                try:
                    data = s.recv(4096)
                except OSError:
                    data = b""
                if not data or b"\r\n\r\n" in data:  # answered (RequestTimeout) or closed
                    self.sel.unregister(s)
                    s.close()
                    self.dropped += 1
            while self.open_count() < self.count and not self.stop_flag.is_set():
                self.open_one()
        for key in list(self.sel.get_map().values()):
            key.fileobj.close()


def socket_errors(r):
    e = r.get("errors") or {}
    return sum(e.get(k, 0) for k in ("connect", "read", "write", "timeout"))


def run_phase(name, server, prefix, a, pgid):
    benchlib.log(f"{name}: wrk {a.duration} s, {a.connections} connections")
    r = benchlib.run_wrk(server.endpoint, prefix, a.duration, a.connections, 1, pgid)
    r["phase"] = name
    benchlib.log(f"{name}: {r['rps']:.0f} req/s, p50 {r['p50_us'] / 1000:.2f} ms, "
                 f"p99 {r['p99_us'] / 1000:.2f} ms, non-2xx {r.get('non2xx', 0)}, "
                 f"socket errors {socket_errors(r)}")
    return r


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repo", required=True)
    p.add_argument("--stalled", type=int, default=500)
    p.add_argument("--duration", type=int, default=10)
    p.add_argument("--warmup", type=int, default=15)
    p.add_argument("--connections", type=int, default=8)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--keep-work", action="store_true")
    a = p.parse_args()

    work = tempfile.mkdtemp(prefix="portcullis-slow-")
    port = a.port or benchlib.free_port()
    endpoint = f"http://127.0.0.1:{port}/"
    data = os.path.join(work, "data")
    os.makedirs(data)
    launch = argparse.Namespace(
        name="portcullis", endpoint=endpoint, log=os.path.join(work, "server.log"),
        pidfile=os.path.join(work, "server.pid"), state=os.path.join(work, "state.json"),
        timeout=900, poll_ms=20, fail_4xx_after=5, creds_file=os.path.join(data, "credentials"),
        profile="portcullis", access_key=None, secret_key=None,
        cmd=[os.path.join(a.repo, "portcullis"), "serve", "--port", str(port),
             "--data-dir", data])
    keeper = None
    pid = None
    try:
        benchlib.cmd_launch(launch)
        with open(launch.state) as f:
            server = benchlib.Server(json.load(f))
        pid = server.pid
        benchlib.prepare_fixture(server)
        prefix = benchlib.fixed_pool(server, work, "GetUser", 1)
        if a.warmup:
            benchlib.log(f"warm-up: {a.warmup} s")
            benchlib.run_wrk(server.endpoint, prefix, a.warmup, a.connections, 1, pid)
        results = []
        for n in range(1, a.rounds + 1):
            # Alternate the two phases, so that a busy spell on the machine shows in both.
            results.append(run_phase(f"{n}: unloaded", server, prefix, a, pid))
            keeper = StallKeeper(port, a.stalled)
            keeper.start()
            deadline = time.monotonic() + 60
            while keeper.open_count() < a.stalled and time.monotonic() < deadline:
                time.sleep(0.1)
            benchlib.log(f"{keeper.open_count()} stalled connections open")
            before = keeper.dropped
            loaded = run_phase(f"{n}: {a.stalled} stalled", server, prefix, a, pid)
            loaded["stalled_open_at_end"] = keeper.open_count()
            loaded["stalled_dropped_by_server"] = keeper.dropped - before
            loaded["stalled_refused"] = keeper.refused
            results.append(loaded)
            keeper.stop_flag.set()
            keeper.join()
            keeper = None
            time.sleep(1)
    finally:
        if keeper:
            keeper.stop_flag.set()
        if pid:
            try:
                os.killpg(pid, 15)
            except OSError:
                pass
        if not a.keep_work:
            subprocess.run(["rm", "-rf", work])

    print("\n| round: phase | req/s | p50 ms | p99 ms | non-2xx | socket errors | "
          "stalled open at end | stalled dropped by the server |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(f"| {r['phase']} | {r['rps']:.0f} | {r['p50_us'] / 1000:.2f} | "
              f"{r['p99_us'] / 1000:.2f} | {r.get('non2xx', 0)} | {socket_errors(r)} | "
              f"{r.get('stalled_open_at_end', '')} | {r.get('stalled_dropped_by_server', '')} |")
    unloaded = [r for r in results if "stalled_open_at_end" not in r]
    loaded = [r for r in results if "stalled_open_at_end" in r]
    for key in ("p50_us", "p99_us"):
        u = statistics.median(r[key] for r in unloaded)
        l = statistics.median(r[key] for r in loaded)
        print(f"\nmedian {key[:3]}: unloaded {u / 1000:.2f} ms, with {a.stalled} stalled "
              f"connections {l / 1000:.2f} ms ({l / u:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
