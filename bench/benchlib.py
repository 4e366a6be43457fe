#!/usr/bin/env python3
"""Helper for bench/load.sh: launches servers, signs requests, drives wrk, writes the report.

Sub-commands (load.sh calls them; run with --help for options):
  launch   start a server in its own process group, poll a signed ListUsers every ~20 ms
           until it answers 200, write a state file (endpoint, keys, startup ms)
  bench    for every server state: create the fixture users, then per operation:
           sanity check -> warm-up -> measured wrk run; write results JSON + Markdown
  selftest check the fast SigV4 signer against botocore's SigV4Auth

Requests are signed with AWS Signature V4 (service iam, region us-east-1). The fixed
GetUser/ListUsers requests are signed once and replayed by wrk (a signature stays valid for
15 minutes); CreateUser needs one distinct signed request per user name, so a pool of them is
pre-signed here (a small HMAC-only signer, cross-checked against botocore on every run) and a
wrk Lua script cycles through it.
"""

import argparse
import configparser
import datetime
import hashlib
import hmac
import html
import http.client
import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse

REGION = "us-east-1"
SERVICE = "iam"
API_VERSION = "2010-05-08"
CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8"
HERE = os.path.dirname(os.path.abspath(__file__))
LUA_SCRIPT = os.path.join(HERE, "wrk_pool.lua")
FIXTURE_USERS = 100
FIXTURE_PREFIX = "bench-user-"
OPS = ("GetUser", "ListUsers", "CreateUser")


class BenchError(Exception):
    """An error that aborts the run with a clear message (no traceback)."""


def log(msg):
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- signing

class Signer:
    """Minimal SigV4 signer for POST / with a form body (the IAM Query protocol).

    The signing key is derived once per date, so signing costs one SHA-256 of the body,
    one of the canonical request and one HMAC: ~10x faster than botocore, which matters
    when pre-signing a few hundred thousand CreateUser requests. `check_against_botocore`
    proves byte-equality with botocore's SigV4Auth before any pool is used.
    """

    def __init__(self, access_key, secret_key, host, region=REGION, service=SERVICE):
        self.ak = access_key
        self.sk = secret_key
        self.host = host
        self.region = region
        self.service = service
        self._key_date = None
        self._key = None

    def _signing_key(self, date):
        if self._key_date != date:
            k = hmac.new(("AWS4" + self.sk).encode(), date.encode(), hashlib.sha256).digest()
            for part in (self.region, self.service, "aws4_request"):
                k = hmac.new(k, part.encode(), hashlib.sha256).digest()
            self._key_date, self._key = date, k
        return self._key

    def sign(self, body, amz_date=None):
        """Return the headers (Host, Content-Type, X-Amz-Date, Authorization) for POST /."""
        if amz_date is None:
            amz_date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        date = amz_date[:8]
        body_hash = hashlib.sha256(body.encode()).hexdigest()
        canonical = (
            "POST\n/\n\n"
            f"content-type:{CONTENT_TYPE}\nhost:{self.host}\nx-amz-date:{amz_date}\n\n"
            f"content-type;host;x-amz-date\n{body_hash}"
        )
        scope = f"{date}/{self.region}/{self.service}/aws4_request"
        to_sign = f"AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
        sig = hmac.new(self._signing_key(date), to_sign.encode(), hashlib.sha256).hexdigest()
        return {
            "Host": self.host,
            "Content-Type": CONTENT_TYPE,
            "X-Amz-Date": amz_date,
            "Authorization": (
                f"AWS4-HMAC-SHA256 Credential={self.ak}/{scope}, "
                f"SignedHeaders=content-type;host;x-amz-date, Signature={sig}"
            ),
        }

    def check_against_botocore(self, body):
        """Sign `body` with botocore, re-sign with the same timestamp here, compare."""
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials

        req = AWSRequest(method="POST", url=f"http://{self.host}/", data=body,
                         headers={"Content-Type": CONTENT_TYPE})
        SigV4Auth(Credentials(self.ak, self.sk), self.service, self.region).add_auth(req)
        ours = self.sign(body, amz_date=req.headers["X-Amz-Date"])
        if ours["Authorization"] != req.headers["Authorization"]:
            raise BenchError(
                "internal error: fast SigV4 signer disagrees with botocore\n"
                f"  botocore: {req.headers['Authorization']}\n  ours:     {ours['Authorization']}")


def query_body(action, **params):
    items = [("Action", action), ("Version", API_VERSION)] + sorted(params.items())
    return urllib.parse.urlencode(items, quote_via=urllib.parse.quote)


# --------------------------------------------------------------------------- HTTP

def parse_endpoint(endpoint):
    u = urllib.parse.urlsplit(endpoint)
    if u.scheme != "http" or not u.hostname or not u.port:
        raise BenchError(f"endpoint must look like http://HOST:PORT/, got {endpoint!r}")
    return u.hostname, u.port


def send(endpoint, headers, body, timeout=10.0, conn=None):
    """POST / once; return (status, body text). Reuses `conn` if given."""
    host, port = parse_endpoint(endpoint)
    own = conn is None
    if own:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("POST", "/", body=body.encode(), headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read().decode("utf-8", "replace")
    finally:
        if own:
            conn.close()


def port_in_use(host, port):
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def short(text, n=400):
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "..."


def xml_error(text):
    m = re.search(r"<Code>([^<]*)</Code>", text)
    msg = re.search(r"<Message>([^<]*)</Message>", text)
    if m:
        return f"{m.group(1)}: {msg.group(1) if msg else ''}".strip()
    return short(text, 200)


# --------------------------------------------------------------------------- launch

def read_credentials(path, profile):
    """Keys from an AWS-CLI credentials file, or None while it is missing/incomplete."""
    if not os.path.exists(path):
        return None
    cp = configparser.ConfigParser()
    try:
        cp.read(path)
        sec = cp[profile]
        ak, sk = sec["aws_access_key_id"].strip(), sec["aws_secret_access_key"].strip()
    except (configparser.Error, KeyError):
        return None
    return (ak, sk) if ak and sk else None


def log_tail(path, lines=25):
    try:
        with open(path, "rb") as f:
            data = f.read().decode("utf-8", "replace").splitlines()
        return "\n".join("    | " + l for l in data[-lines:]) or "    | (empty)"
    except OSError:
        return "    | (no log)"


def cmd_launch(a):
    host, port = parse_endpoint(a.endpoint)
    if port_in_use(host, port):
        raise BenchError(f"{a.name}: port {port} is already in use; pick another one "
                         f"(PORTCULLIS_PORT / MOTO_PORT)")
    if not a.cmd:
        raise BenchError("launch: no command given")
    if a.cmd[0] == "--":
        a.cmd = a.cmd[1:]
    if a.creds_file and os.path.exists(a.creds_file):
        raise BenchError(f"{a.name}: {a.creds_file} exists before launch; use a fresh data dir")

    body = query_body("ListUsers")
    logf = open(a.log, "ab")
    logf.write(f"\n===== {datetime.datetime.now().isoformat()} launch: {' '.join(a.cmd)}\n".encode())
    logf.flush()
    t0 = time.monotonic()
    try:
        proc = subprocess.Popen(a.cmd, stdout=logf, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    except OSError as e:
        raise BenchError(f"{a.name}: cannot start {a.cmd[0]}: {e}")
    with open(a.pidfile, "w") as f:
        f.write(str(proc.pid))
    proc.returncode = 0  # keep Popen.__del__ quiet: the server must outlive this helper

    deadline = t0 + a.timeout
    last = "no attempt yet"
    attempts = 0
    creds = None if a.creds_file else (a.access_key, a.secret_key)
    signer = None
    first_4xx = None
    while True:
        rc = subprocess_poll(proc.pid)
        if rc is not None:
            raise BenchError(f"{a.name}: server process exited (status {rc}) before answering; "
                             f"last poll result: {last}\n  log {a.log}:\n{log_tail(a.log)}")
        if creds is None:
            creds = read_credentials(a.creds_file, a.profile)
            if creds is None:
                last = f"credentials file {a.creds_file} (profile [{a.profile}]) not written yet"
        if creds is not None:
            if signer is None:
                signer = Signer(creds[0], creds[1], f"{host}:{port}")
            attempts += 1
            try:
                remaining = max(0.05, deadline - time.monotonic())
                status, text = send(a.endpoint, signer.sign(body), body, timeout=min(2.0, remaining))
                if status == 200 and "ListUsersResponse" in text:
                    startup_ms = (time.monotonic() - t0) * 1000
                    break
                last = f"HTTP {status}: {xml_error(text)}"
                if 400 <= status < 500:
                    # maybe the credentials file was caught half-written: re-read it next time;
                    # but a 4xx that persists is a credentials/signing problem, not slowness
                    first_4xx = first_4xx or time.monotonic()
                    if a.creds_file:
                        creds, signer = None, None
                    if time.monotonic() - first_4xx > a.fail_4xx_after:
                        raise BenchError(
                            f"{a.name}: signed ListUsers keeps failing with {last} for "
                            f"{a.fail_4xx_after:.0f} s; wrong credentials or a signing mismatch?\n"
                            f"  log {a.log}:\n{log_tail(a.log)}")
                else:
                    first_4xx = None
            except (OSError, http.client.HTTPException) as e:
                last = f"{type(e).__name__}: {e}"
        now = time.monotonic()
        if now > deadline:
            raise BenchError(
                f"{a.name}: no successful signed ListUsers within {a.timeout:.0f} s "
                f"({attempts} attempts); last result: {last}\n  log {a.log}:\n{log_tail(a.log)}")
        # poll on a ~20 ms grid
        time.sleep(max(0.0, a.poll_ms / 1000 - ((now - t0) % (a.poll_ms / 1000))))

    state = {
        "name": a.name, "endpoint": a.endpoint, "pid": proc.pid, "log": a.log,
        "access_key": creds[0], "secret_key": creds[1],
        "startup_ms": round(startup_ms, 1), "poll_attempts": attempts,
    }
    if a.state:
        with open(a.state, "w") as f:
            json.dump(state, f)
    log(f"{a.name}: first signed 200 after {startup_ms:.0f} ms (pid {proc.pid}, {attempts} polls)")


def subprocess_poll(pid):
    """Exit status if child `pid` has exited (reaping it), else None."""
    try:
        wpid, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return "unknown"
    if wpid == 0:
        return None
    return os.waitstatus_to_exitcode(status)


# --------------------------------------------------------------------------- pools / wrk

POOL_SEP = b"\x1e"


def write_pool(prefix, reqs, threads):
    """Round-robin raw requests into one file per wrk thread: PREFIX.0, PREFIX.1, ...

    Each request is followed by the byte 0x1E (see wrk_pool.lua). A single request is
    written to every thread's file (they all replay it).
    """
    files = [open(f"{prefix}.{i}", "wb") for i in range(threads)]
    try:
        if len(reqs) < threads:
            for f in files:
                f.write(POOL_SEP.join(reqs) + POOL_SEP)
        else:
            for i in range(threads):
                files[i].write(POOL_SEP.join(reqs[i::threads]) + POOL_SEP)
    finally:
        for f in files:
            f.close()


def raw_request(headers, body):
    """The exact bytes of POST / with these headers and body (what wrk sends)."""
    b = body.encode()
    head = "POST / HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    raw = (head + f"Content-Length: {len(b)}\r\n\r\n").encode() + b
    if POOL_SEP in raw:
        raise BenchError("internal error: separator byte inside a request")
    return raw


def send_raw(endpoint, raw, timeout=10.0):
    """Send exactly these request bytes on a new connection; return (status, body text)."""
    host, port = parse_endpoint(endpoint)
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(raw)
        resp = http.client.HTTPResponse(sock, method="POST")
        resp.begin()
        return resp.status, resp.read().decode("utf-8", "replace")


CLK_TCK = os.sysconf("SC_CLK_TCK")


def proc_cpu(pid):
    """(utime + stime in seconds, pgrp) of a process, or (0, None) if it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0, None
    return (int(fields[11]) + int(fields[12])) / CLK_TCK, int(fields[2])


def group_cpu(pgid):
    """CPU seconds used so far by the live processes of process group `pgid` (a server)."""
    total = 0.0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            cpu, pgrp = proc_cpu(entry)
            if pgrp == pgid:
                total += cpu
    return total


def system_busy():
    """CPU seconds the whole machine spent not idle (all cores)."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + (v[4] if len(v) > 4 else 0)
    return (sum(v[:8]) - idle) / CLK_TCK


def cpu_sample(wrk_pid, server_pgid):
    return (time.monotonic(), proc_cpu(wrk_pid)[0],
            group_cpu(server_pgid) if server_pgid else 0.0, system_busy())


def run_wrk(endpoint, prefix, duration, connections, threads, server_pgid=None, timeout_s=10):
    """Run wrk with wrk_pool.lua; return its BENCH_RESULT dict plus rps and CPU shares.

    CPU use is sampled over the measured window only (from when wrk has started all its
    threads until shortly before it stops): wrk's own, the server's process group, and the
    rest of the machine ("other": other processes, interrupts), each in % of one core.
    """
    for i in range(threads):  # readiness markers of a previous run with the same pool
        try:
            os.unlink(f"{prefix}.ready.{i}")
        except FileNotFoundError:
            pass
    cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s",
           "--timeout", f"{timeout_s}s", "-s", LUA_SCRIPT, endpoint, "--", prefix, str(threads)]
    out_f = open(os.path.join(os.path.dirname(prefix), "wrk.out"), "w+")
    err_f = open(os.path.join(os.path.dirname(prefix), "wrk.err"), "w+")
    proc = subprocess.Popen(cmd, stdout=out_f, stderr=err_f, stdin=subprocess.DEVNULL)
    first = last = None
    try:
        # wrk's clock starts once it has created all its threads (main + `threads`)
        limit = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < limit:
            try:
                if len(os.listdir(f"/proc/{proc.pid}/task")) >= threads + 1:
                    break
            except OSError:
                break
            time.sleep(0.002)
        if proc.poll() is None:
            first = cpu_sample(proc.pid, server_pgid)
            window_end = first[0] + max(0.2, duration - 0.3)
            while proc.poll() is None and time.monotonic() < window_end:
                time.sleep(min(0.05, max(0.0, window_end - time.monotonic())))
            if proc.poll() is None:
                last = cpu_sample(proc.pid, server_pgid)
        proc.wait(timeout=duration + 120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    out_f.seek(0), err_f.seek(0)
    stdout, stderr = out_f.read(), err_f.read()
    out_f.close(), err_f.close()
    line = next((l for l in stdout.splitlines() if l.startswith("BENCH_RESULT ")), None)
    if proc.returncode != 0 or line is None:
        raise BenchError(f"wrk failed (exit {proc.returncode}): {' '.join(cmd)}\n"
                         f"stdout:\n{stdout}\nstderr:\n{stderr}")
    if stderr.strip():
        log(f"wrk stderr: {short(stderr)}")
    r = json.loads(line[len("BENCH_RESULT "):])
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
    r["wrk_cpu_pct"] = r["server_cpu_pct"] = r["other_cpu_pct"] = None
    if first and last and last[0] > first[0]:
        dt = last[0] - first[0]
        wrk_c, srv_c, busy = (last[i] - first[i] for i in (1, 2, 3))
        r["wrk_cpu_pct"] = 100 * wrk_c / dt
        if server_pgid:
            r["server_cpu_pct"] = 100 * srv_c / dt
            r["other_cpu_pct"] = max(0.0, 100 * (busy - wrk_c - srv_c) / dt)
    return r


# --------------------------------------------------------------------------- bench

class Server:
    def __init__(self, state):
        self.__dict__.update(state)
        host, port = parse_endpoint(self.endpoint)
        self.signer = Signer(self.access_key, self.secret_key, f"{host}:{port}")

    def call(self, action, conn=None, **params):
        body = query_body(action, **params)
        return send(self.endpoint, self.signer.sign(body), body, conn=conn)


def expect_ok(server, what, status, text, must_contain):
    if status != 200 or any(s not in text for s in must_contain):
        raise BenchError(
            f"sanity check failed for {server.name} {what}: HTTP {status}\n"
            f"  expected 200 with {must_contain}\n  got: {short(text, 600)}\n"
            f"  (a benchmark of error responses would be worthless; aborting)")


def prepare_fixture(server):
    """Create bench-user-000..099 (idempotent: EntityAlreadyExists is fine)."""
    host, port = parse_endpoint(server.endpoint)
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        for i in range(FIXTURE_USERS):
            name = f"{FIXTURE_PREFIX}{i:03d}"
            status, text = server.call("CreateUser", conn=conn, UserName=name)
            if status == 409 and "EntityAlreadyExists" in text:
                continue
            expect_ok(server, f"CreateUser {name} (fixture)", status, text, ["CreateUserResponse", name])
    finally:
        conn.close()
    # all fixture users must be listed (following Marker: a server may hold other users,
    # e.g. Portcullis' bootstrap administrator, so they need not fit on the first page)
    names, marker = set(), None
    for _ in range(1000):
        params = {"Marker": marker} if marker else {}
        status, text = server.call("ListUsers", **params)
        expect_ok(server, "ListUsers after creating the fixture", status, text, ["ListUsersResponse"])
        names.update(re.findall(r"<UserName>([^<]*)</UserName>", text))
        m = re.search(r"<Marker>([^<]*)</Marker>", text)
        if "<IsTruncated>true</IsTruncated>" not in text or not m:
            break
        marker = html.unescape(m.group(1))
    found = sum(1 for i in range(FIXTURE_USERS) if f"{FIXTURE_PREFIX}{i:03d}" in names)
    if found != FIXTURE_USERS:
        raise BenchError(f"{server.name}: ListUsers shows {found} of the {FIXTURE_USERS} fixture users")


def verifies_signatures(server):
    """Does the server reject a request whose signature was tampered with? (informational)"""
    body = query_body("GetUser", UserName=FIXTURE_PREFIX + "000")
    h = server.signer.sign(body)
    sig = h["Authorization"][-1]
    h["Authorization"] = h["Authorization"][:-1] + ("0" if sig != "0" else "1")
    try:
        status, _ = send(server.endpoint, h, body)
    except (OSError, http.client.HTTPException):
        return "?"
    return "yes" if status == 403 else f"no (HTTP {status})"


def fixed_pool(server, workdir, op, threads):
    params = {"UserName": FIXTURE_PREFIX + "000"} if op == "GetUser" else {}
    body = query_body(op, **params)
    server.signer.check_against_botocore(body)
    prefix = os.path.join(workdir, f"{server.name}-{op}")
    raw = raw_request(server.signer.sign(body), body)
    write_pool(prefix, [raw], threads)
    # sanity: send exactly the request wrk will replay
    status, text = send_raw(server.endpoint, raw)
    must = {"GetUser": ["GetUserResponse", f"<UserName>{FIXTURE_PREFIX}000</UserName>"],
            "ListUsers": ["ListUsersResponse", FIXTURE_PREFIX]}[op]
    expect_ok(server, f"{op} (the pre-signed request wrk will replay)", status, text, must)
    if op == "ListUsers":  # the default page (MaxItems 100) must be full
        listed = text.count("<UserName>")
        if listed < FIXTURE_USERS:
            raise BenchError(f"sanity check failed for {server.name} ListUsers: {listed} users on "
                             f"the page, expected {FIXTURE_USERS}\n  got: {short(text, 600)}")
    return prefix


def create_pool(server, workdir, tag, n, threads):
    """n distinct pre-signed CreateUser requests; returns the pool prefix."""
    t = time.monotonic()
    amz_date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    reqs = []
    for i in range(n + 1):
        body = f"Action=CreateUser&UserName=bc-{tag}-{i:07d}&Version={API_VERSION}"
        reqs.append(raw_request(server.signer.sign(body, amz_date), body))
    # sanity: request 0, sent exactly as wrk would send it, must create its user;
    # it is then left out of the pool (its name is taken now)
    status, text = send_raw(server.endpoint, reqs[0])
    expect_ok(server, "CreateUser (a pre-signed pool request)", status, text,
              ["CreateUserResponse", f"bc-{tag}-0000000"])
    prefix = os.path.join(workdir, f"{server.name}-CreateUser-{tag}")
    write_pool(prefix, reqs[1:], threads)
    log(f"{server.name}: pre-signed {n} CreateUser requests in {time.monotonic() - t:.1f} s")
    return prefix


def sanity_create(server):
    name = f"bench-sanity-{secrets.token_hex(4)}"
    body = query_body("CreateUser", UserName=name)
    server.signer.check_against_botocore(body)
    status, text = send(server.endpoint, server.signer.sign(body), body)
    expect_ok(server, "CreateUser", status, text, ["CreateUserResponse", f"<UserName>{name}</UserName>"])
    status, text = server.call("GetUser", UserName=name)
    expect_ok(server, f"GetUser of the just-created {name}", status, text, [f"<UserName>{name}</UserName>"])


def bench_op(server, op, a, workdir):
    log(f"{server.name} {op}: sanity check")
    if op == "CreateUser":
        sanity_create(server)
        warm_rate = None
        if a.warmup > 0:
            prefix = create_pool(server, workdir, "w" + secrets.token_hex(3), a.create_n, a.threads)
            w = run_wrk(server.endpoint, prefix, a.warmup, a.connections, a.threads, server.pid)
            warm_rate = w["rps"]
            log(f"{server.name} {op}: warm-up {w['rps']:.0f} req/s")
        n = a.create_n
        if warm_rate:
            n = max(n, math.ceil(warm_rate * a.duration * 1.5))
        for attempt in (1, 2):
            n = min(n, a.create_n_max)
            prefix = create_pool(server, workdir, "m" + secrets.token_hex(3), n, a.threads)
            log(f"{server.name} {op}: measuring {a.duration} s")
            r = run_wrk(server.endpoint, prefix, a.duration, a.connections, a.threads, server.pid)
            r["pool"] = n
            if r["reused"] == 0 or attempt == 2 or n >= a.create_n_max:
                break
            n = math.ceil(r["rps"] * a.duration * 1.5)
            log(f"{server.name} {op}: pool of {r['pool']} exhausted ({r['reused']} repeated names); "
                f"retrying with {n}")
    else:
        prefix = fixed_pool(server, workdir, op, a.threads)
        if a.warmup > 0:
            w = run_wrk(server.endpoint, prefix, a.warmup, a.connections, a.threads, server.pid)
            log(f"{server.name} {op}: warm-up {w['rps']:.0f} req/s")
        log(f"{server.name} {op}: measuring {a.duration} s")
        r = run_wrk(server.endpoint, prefix, a.duration, a.connections, a.threads, server.pid)
        r["pool"] = 1
    r.update(server=server.name, op=op)
    log(f"{server.name} {op}: {r['rps']:.0f} req/s, p50 {r['p50_us'] / 1000:.2f} ms, "
        f"p99 {r['p99_us'] / 1000:.2f} ms, non-2xx {r['non2xx']}, socket errors {socket_errors(r)}, "
        f"CPU % wrk/server/other {cpu_shares(r)}")
    if r["non2xx"]:
        log(f"  WARNING {server.name} {op}: {r['non2xx']} non-2xx responses {r['statuses']}; "
            f"first: {short(r['first_error'], 300)}")
    return r


def cpu_shares(r):
    return " / ".join("?" if r.get(k) is None else f"{r[k]:.0f}"
                      for k in ("wrk_cpu_pct", "server_cpu_pct", "other_cpu_pct"))


def socket_errors(r):
    e = r["errors"]
    return e["connect"] + e["read"] + e["write"] + e["timeout"]


def cmd_bench(a):
    if not shutil.which("wrk"):
        raise BenchError("wrk not found on PATH")
    servers = []
    for path in a.state:
        with open(path) as f:
            servers.append(Server(json.load(f)))
    wanted = a.ops.split(",") if a.ops else list(OPS)
    for op in wanted:
        if op not in OPS:
            raise BenchError(f"unknown operation {op!r}; choose from {', '.join(OPS)}")
    ops = [op for op in OPS if op in wanted]  # fixed order: ListUsers before CreateUser adds users
    os.makedirs(a.workdir, exist_ok=True)

    load_start = loadavg()
    info = {}
    for s in servers:
        log(f"{s.name}: creating {FIXTURE_USERS} fixture users")
        prepare_fixture(s)
        info[s.name] = {"startup_ms": s.startup_ms, "verifies_signatures": verifies_signatures(s)}

    results = []
    for op in ops:  # interleave servers per operation
        for s in servers:
            results.append(bench_op(s, op, a, a.workdir))

    meta = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "duration": a.duration, "warmup": a.warmup, "connections": a.connections,
        "threads": a.threads, "cpus": os.cpu_count(), "wrk": wrk_version(),
        "revision": a.revision, "create_n": a.create_n,
        "loadavg_start": load_start, "loadavg_end": loadavg(),
    }
    with open(a.json_out, "w") as f:
        json.dump({"meta": meta, "servers": info, "results": results}, f, indent=1)
    md = render(meta, info, results)
    with open(a.out, "w") as f:
        f.write(md)
    print(md)
    bad = [r for r in results if r["non2xx"] or socket_errors(r)]
    if bad:
        log("WARNING: some runs had errors: " + ", ".join(f"{r['server']} {r['op']}" for r in bad))
        return 3
    return 0


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def wrk_version():
    p = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    m = re.search(r"wrk (\S+)", p.stdout + p.stderr)
    return m.group(1) if m else "?"


def render(meta, info, results):
    def ms(us):
        return f"{us / 1000:.2f}"

    out = [f"# Portcullis load benchmark ({meta['date']})", ""]
    out.append(f"wrk {meta['wrk']}, {meta['threads']} thread(s), {meta['connections']} connections, "
               f"{meta['duration']} s per test after a {meta['warmup']} s warm-up, "
               f"{meta['cpus']} CPUs shared by load generator and server; "
               f"repository revision {meta['revision']}. "
               f"1-minute load average {meta['loadavg_start']:.1f} at start, "
               f"{meta['loadavg_end']:.1f} at end.")
    out.append("")
    out.append("| server | operation | req/s | p50 ms | p99 ms | errors | socket errors "
               "| CPU % wrk / server / other |")
    out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        err = str(r["non2xx"])
        if r["non2xx"]:
            err += " (" + ", ".join(f"{k}: {v}" for k, v in sorted(r["statuses"].items()) if not k.startswith("2")) + ")"
        out.append(f"| {r['server']} | {r['op']} | {r['rps']:.0f} | {ms(r['p50_us'])} | {ms(r['p99_us'])} "
                   f"| {err} | {socket_errors(r)} | {cpu_shares(r)} |")
    out.append("")

    by = {(r["server"], r["op"]): r for r in results}
    ops = list(dict.fromkeys(r["op"] for r in results))
    if all(s in info for s in ("portcullis", "moto")):
        out.append("Portcullis / moto (req/s ratio > 1 and latency ratio < 1 favour Portcullis):")
        out.append("")
        out.append("| operation | req/s ratio | p50 ratio | p99 ratio |")
        out.append("| --- | ---: | ---: | ---: |")
        for op in ops:
            p, m = by.get(("portcullis", op)), by.get(("moto", op))
            if p and m:
                def ratio(x, y):
                    return f"{x / y:.2f}" if y else "n/a"
                out.append(f"| {op} | {ratio(p['rps'], m['rps'])} | {ratio(p['p50_us'], m['p50_us'])} "
                           f"| {ratio(p['p99_us'], m['p99_us'])} |")
        out.append("")
    else:
        out.append("Portcullis / moto ratio: n/a (only one server was run).")
        out.append("")

    out.append("| server | startup ms (launch to first signed ListUsers 200) | rejects a bad signature |")
    out.append("| --- | ---: | --- |")
    for name, i in info.items():
        out.append(f"| {name} | {i['startup_ms']:.0f} | {i['verifies_signatures']} |")
    out.append("")
    notes = [r for r in results if r.get("reused")]
    for r in notes:
        out.append(f"Note: {r['server']} CreateUser exhausted its pool of {r['pool']} pre-signed names; "
                   f"{r['reused']} requests repeated a name (raise CREATE_N).")
    out.append("errors = responses with a non-2xx status (counted by the wrk Lua response hook); "
               "socket errors = connect/read/write errors and timeouts; CPU % is of one core during the "
               "measured window (other = the rest of the machine: other processes, interrupts; a high "
               "value means the numbers were disturbed). Latency percentiles are wrk's, which corrects "
               "them for coordinated omission.")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- selftest

def cmd_selftest(a):
    s = Signer("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "127.0.0.1:4566")
    for body in (query_body("GetUser", UserName="bench-user-000"), query_body("ListUsers"),
                 "Action=CreateUser&UserName=bc-x-0000001&Version=2010-05-08"):
        s.check_against_botocore(body)
    n = 20000
    t = time.monotonic()
    for i in range(n):
        s.sign(f"Action=CreateUser&UserName=bc-x-{i:07d}&Version=2010-05-08", "20240101T000000Z")
    dt = time.monotonic() - t
    print(f"signer matches botocore; {dt / n * 1e6:.1f} us per signature")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)

    l = sub.add_parser("launch", help="start a server and time it to the first signed 200")
    l.add_argument("--name", required=True)
    l.add_argument("--endpoint", required=True)
    l.add_argument("--log", required=True)
    l.add_argument("--pidfile", required=True)
    l.add_argument("--state", help="write the server state JSON here")
    l.add_argument("--timeout", type=float, default=60)
    l.add_argument("--poll-ms", type=float, default=20)
    l.add_argument("--fail-4xx-after", type=float, default=5,
                   help="give up after this many seconds of consecutive 4xx answers")
    l.add_argument("--creds-file", help="read keys from this AWS-CLI credentials file (polled)")
    l.add_argument("--profile", default="portcullis")
    l.add_argument("--access-key", default="AKIAIOSFODNN7EXAMPLE")
    l.add_argument("--secret-key", default="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    l.add_argument("cmd", nargs=argparse.REMAINDER)
    l.set_defaults(func=cmd_launch)

    b = sub.add_parser("bench", help="run the load tests against launched servers")
    b.add_argument("--state", action="append", required=True, help="server state JSON (repeatable)")
    b.add_argument("--duration", type=int, default=10)
    b.add_argument("--warmup", type=int, default=2)
    b.add_argument("--connections", type=int, default=16)
    b.add_argument("--threads", type=int, default=1)
    b.add_argument("--create-n", type=int, default=20000)
    b.add_argument("--create-n-max", type=int, default=400000)
    b.add_argument("--ops", default="", help="comma-separated subset of " + ",".join(OPS))
    b.add_argument("--workdir", required=True)
    b.add_argument("--out", required=True)
    b.add_argument("--json-out", required=True)
    b.add_argument("--revision", default="?")
    b.set_defaults(func=cmd_bench)

    t = sub.add_parser("selftest", help="check the signer against botocore")
    t.set_defaults(func=cmd_selftest)

    f = sub.add_parser("free-port", help="print a free TCP port on 127.0.0.1")
    f.set_defaults(func=lambda a: print(free_port()))

    a = p.parse_args(argv)

    def on_term(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, on_term)
    try:
        return a.func(a) or 0
    except BenchError as e:
        print(f"\nERROR: {e}", file=sys.stderr, flush=True)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr, flush=True)
        return 130


if __name__ == "__main__":
    sys.exit(main())
