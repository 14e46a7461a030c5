#!/usr/bin/python3
"""deploy/nginx checked by a real nginx on loopback, in front of a real `moderno serve` node
(SQLite, temp data dir). The configuration is deploy/nginx/render-loopback.sh's copy of the
production files (only listen ports and file paths differ) with a self-signed certificate made
by openssl now, and an upstream of the live node plus a closed port (a dead node).

Checks: `nginx -t` accepts it; HTTP/2 over TLS 1.3; TLS 1.2 with an ECDHE AEAD cipher, and a
cipher outside the list refused; every GET answered although one node is dead (proxy_next_upstream);
/metrics and /health/detailed 404 through nginx (200 on the node); nginx's own answers carry the
security headers, the nodes' answers carry each header once; the auth limit lets 5 logins
through and answers the 6th with nginx's 429 problem+json; the event stream arrives unbuffered.

Usage: nginx_test.py MODERNO_BIN REPO_ROOT"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from loopback import free_port

BIN, ROOT = sys.argv[1], sys.argv[2]
PROCS = []
FAILS = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        FAILS.append(what)


def curl(*args, timeout=10):
    r = subprocess.run(["curl", "-sk", "--max-time", str(timeout), *args],
                       capture_output=True, text=True)
    return r


def head(url, *extra):
    """Status and headers (lower-cased names, every value kept) of one GET through nginx."""
    r = curl("-D", "-", "-o", "/dev/null", *extra, url)
    status, headers = 0, {}
    for line in r.stdout.splitlines():
        if line.startswith("HTTP/"):
            status, headers = int(line.split()[1]), {}
        elif ":" in line:
            k, v = line.split(":", 1)
            headers.setdefault(k.strip().lower(), []).append(v.strip())
    return status, headers


def wait_for(what, fn, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if fn():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"FAIL: {what}")


def debian_layout_ok(tmp, rendered):
    """The production files as docs/DEPLOY.md installs them (conf.d/, snippets/) under a copy of
    Debian's own /etc/nginx (its nginx.conf's http-level settings included); only absolute paths
    of this machine (certificates, cache, logs, pid) point into the temp dir."""
    etc = os.path.join(tmp, "etc-nginx")
    shutil.copytree("/etc/nginx", etc, symlinks=False, ignore=shutil.ignore_patterns("sites-enabled"))
    os.makedirs(os.path.join(etc, "sites-enabled"))
    logs = os.path.join(tmp, "debian-logs")
    os.makedirs(logs)

    def rewrite(text):
        return (text.replace("/etc/nginx/", etc + "/").replace("/run/nginx.pid", tmp + "/debian.pid")
                .replace("/var/log/nginx/", logs + "/").replace("/etc/ssl/moderno/", rendered + "/tls/")
                .replace("/var/cache/nginx/moderno", tmp + "/debian-cache"))
    with open(os.path.join(etc, "nginx.conf")) as f:
        main_conf = rewrite(f.read())
    with open(os.path.join(etc, "nginx.conf"), "w") as f:
        f.write(main_conf)
    for name in ("moderno.conf", "moderno-upstream.conf"):
        with open(os.path.join(ROOT, "deploy/nginx", name)) as f:
            text = rewrite(f.read())
        with open(os.path.join(etc, "conf.d", name), "w") as f:
            f.write(text)
    for name in os.listdir(os.path.join(ROOT, "deploy/nginx/snippets")):
        shutil.copy(os.path.join(ROOT, "deploy/nginx/snippets", name), os.path.join(etc, "snippets", name))
    t = subprocess.run(["nginx", "-t", "-p", tmp, "-c", os.path.join(etc, "nginx.conf"), "-e", logs + "/error.log"],
                       capture_output=True, text=True)
    if t.returncode != 0:
        print(t.stderr)
    return t.returncode == 0 and "test is successful" in t.stderr


def main(tmp):
    os.chmod(tmp, 0o755)  # nginx's workers run as nobody when the test runs as root
    node_port, dead_port = free_port(), free_port()
    https_port, http_port = free_port(), free_port()
    conf_dir = os.path.join(tmp, "nginx")
    web = os.path.join(tmp, "web")
    os.makedirs(os.path.join(web, "assets"))
    with open(os.path.join(web, "assets", "app-1234.js"), "w") as f:
        f.write("console.log('moderno');\n")

    subprocess.run([os.path.join(ROOT, "deploy/nginx/render-loopback.sh"), conf_dir,
                    "--https-port", str(https_port), "--http-port", str(http_port),
                    "--node", f"127.0.0.1:{node_port}", "--node", f"127.0.0.1:{dead_port}",
                    "--web-dist", web], check=True, stdout=subprocess.DEVNULL)
    conf = os.path.join(conf_dir, "nginx.conf")
    err = os.path.join(conf_dir, "logs", "error.log")
    t = subprocess.run(["nginx", "-t", "-p", conf_dir, "-c", conf, "-e", err], capture_output=True, text=True)
    check(t.returncode == 0 and "test is successful" in t.stderr, "nginx -t accepts the configuration")
    if t.returncode != 0:
        print(t.stderr)
        return
    check(debian_layout_ok(tmp, conf_dir), "nginx -t accepts the files installed in Debian's /etc/nginx layout")
    dump = subprocess.run(["nginx", "-T", "-p", conf_dir, "-c", conf, "-e", err], capture_output=True, text=True).stdout
    retry = [l.strip() for l in dump.splitlines() if l.strip().startswith("proxy_next_upstream ")]
    check(retry != [] and all(l == "proxy_next_upstream error timeout http_502 http_503 http_504;" for l in retry),
          "failed idempotent requests move on to another node; non-idempotent ones never do")
    check("ssl_stapling on;" in dump and "ssl_trusted_certificate" in dump, "OCSP stapling is on")

    data = os.path.join(tmp, "data")
    subprocess.run([BIN, "migrate", "--data-dir", data], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([BIN, "create-admin", "--email", "ops@example.cl", "--password", "Nginx-test-pass-1"]
                   + ["--data-dir", data], check=True, stdout=subprocess.DEVNULL)
    env = dict(os.environ, TRUSTED_PROXIES="127.0.0.1", BEHIND_TLS="true", RATE_LIMIT_AUTH="off",
               EVENTS_KEEPALIVE_MS="300", LOG_LEVEL="warn")
    log = open(os.path.join(tmp, "node.log"), "w")
    PROCS.append(subprocess.Popen([BIN, "serve", "--data-dir", data, "--port", str(node_port)],
                                  stdout=log, stderr=subprocess.STDOUT, env=env))
    node = f"http://127.0.0.1:{node_port}"
    wait_for("the node answers /health", lambda: urllib.request.urlopen(node + "/health", timeout=2).status == 200, 20)
    PROCS.append(subprocess.Popen(["nginx", "-p", conf_dir, "-c", conf, "-e", err],
                                  stdout=log, stderr=subprocess.STDOUT))
    base = f"https://127.0.0.1:{https_port}"
    wait_for("nginx answers", lambda: curl(base + "/health").returncode == 0, 10)

    # TLS and HTTP/2.
    r = curl("-o", "/dev/null", "-w", "%{http_version} %{response_code}", "--http2", base + "/health")
    check(r.stdout == "2 200", f"HTTP/2 over TLS: /health answered 200 (got {r.stdout!r})")
    s = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{https_port}", "-brief"],
                       input="", capture_output=True, text=True, timeout=10)
    check("Protocol version: TLSv1.3" in s.stderr, "TLS 1.3 is negotiated by default")
    s = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{https_port}", "-brief", "-tls1_2"],
                       input="", capture_output=True, text=True, timeout=10)
    check("Protocol version: TLSv1.2" in s.stderr and "Ciphersuite: ECDHE-ECDSA-AES" in s.stderr,
          "TLS 1.2 works with an ECDHE AEAD cipher")
    s = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{https_port}", "-brief", "-tls1_2",
                        "-cipher", "ECDHE-ECDSA-AES128-SHA"], input="", capture_output=True, text=True, timeout=10)
    check(s.returncode != 0, "a CBC cipher outside the list is refused")
    status, h = head(f"http://127.0.0.1:{http_port}/api/v1/products")
    check(status == 301 and h.get("location", [""])[0] == f"https://127.0.0.1/api/v1/products",
          "plain HTTP is redirected to https")

    # One node is dead: every GET is still answered (the failed attempt moves to the live node).
    codes = [curl("-o", "/dev/null", "-w", "%{response_code}", base + "/api/v1/categories").stdout
             for _ in range(12)]
    check(all(c == "200" for c in codes), f"12 GETs with a dead node in the upstream all 200 (got {codes})")

    # Not public.
    for path in ("/metrics", "/health/detailed"):
        status, h = head(base + path)
        direct = urllib.request.urlopen(node + path, timeout=5).status
        check(status == 404 and direct == 200, f"{path}: 404 through nginx, 200 on the node")

    # Security headers: on nginx's own answers, and once (the node's) on proxied answers.
    status, h = head(base + "/assets/app-1234.js")
    check(status == 200 and h.get("cache-control") == ["public, max-age=31536000, immutable"],
          f"assets served by nginx, one Cache-Control: immutable (got {h.get('cache-control')})")
    for name in ("strict-transport-security", "x-content-type-options", "x-frame-options",
                 "referrer-policy", "content-security-policy", "permissions-policy"):
        check(len(h.get(name, [])) == 1, f"asset answer carries {name}")
    status, h = head(base + "/health")
    for name in ("strict-transport-security", "x-content-type-options", "content-security-policy"):
        check(len(h.get(name, [])) == 1, f"proxied answer carries {name} exactly once (got {h.get(name)})")

    # The auth limit (5/min per address): five logins reach the node, the sixth is nginx's 429.
    codes = []
    for _ in range(6):
        codes.append(curl("-o", "/dev/null", "-w", "%{response_code}", "-H", "Content-Type: application/json",
                          "--data", '{"email":"nobody@example.cl","password":"wrong-password-1"}',
                          base + "/api/v1/auth/login").stdout)
    check(codes[:5] == ["401"] * 5 and codes[5] == "429", f"5 logins reach the node, the 6th is 429 (got {codes})")
    r = curl("-D", "-", "-H", "Content-Type: application/json", "--data", "{}", base + "/api/v1/auth/login")
    body = r.stdout.split("\n\n", 1)[-1]  # text mode turns CRLF into LF
    try:
        problem = json.loads(body)
    except ValueError:
        problem = {}
    check("application/problem+json" in r.stdout and problem.get("status") == 429
          and problem.get("type", "").endswith("/rate_limited") and "retry-after:" in r.stdout.lower(),
          f"nginx's 429 is problem+json with Retry-After ({r.stdout[-300:]!r})")
    status, h = head(base + "/api/v1/products")
    check(status == 200, "other API routes are not limited by the auth zone")

    # The event stream: signed in at the node, ticket and stream through nginx; the first line
    # and the keep-alive comments (every 300 ms here) arrive while the stream stays open.
    req = urllib.request.Request(node + "/api/v1/auth/login", method="POST",
                                 data=b'{"email":"ops@example.cl","password":"Nginx-test-pass-1"}',
                                 headers={"Content-Type": "application/json"})
    token = json.loads(urllib.request.urlopen(req, timeout=5).read())["access_token"]
    r = curl("-X", "POST", "-H", f"Authorization: Bearer {token}", base + "/api/v1/events/ticket")
    ticket = json.loads(r.stdout)["ticket"]
    r = curl("-N", "-H", "Accept-Encoding: gzip", base + f"/api/v1/events?ticket={ticket}", timeout=2)
    check(r.returncode == 28 and r.stdout.startswith("retry: 3000") and r.stdout.count("\n:") >= 3,
          f"event stream through nginx: open after 2 s, keep-alives arrived as sent ({r.stdout[:60]!r})")
    with open(os.path.join(conf_dir, "logs", "access.log")) as f:
        logged = f.read()
    check("/api/v1/events" in logged and ticket not in logged, "the stream's ticket is not in the access log")

    # The loopback variant for load tests (render-loopback.sh --plain-http --no-rate-limits):
    # plain HTTP on the main port, and no 429 for many sign-ins from one address.
    plain_dir, plain_port = os.path.join(tmp, "nginx-plain"), free_port()
    subprocess.run([os.path.join(ROOT, "deploy/nginx/render-loopback.sh"), plain_dir,
                    "--https-port", str(plain_port), "--http-port", str(free_port()),
                    "--node", f"127.0.0.1:{node_port}", "--web-dist", web, "--plain-http", "--no-rate-limits",
                    "--user", "root"], check=True, stdout=subprocess.DEVNULL)
    perr = os.path.join(plain_dir, "logs", "error.log")
    PROCS.append(subprocess.Popen(["nginx", "-p", plain_dir, "-c", os.path.join(plain_dir, "nginx.conf"), "-e", perr],
                                  stdout=log, stderr=subprocess.STDOUT))
    plain = f"http://127.0.0.1:{plain_port}"
    wait_for("the plain variant answers", lambda: curl(plain + "/health").stdout.startswith("{"), 10)
    codes = [curl("-o", "/dev/null", "-w", "%{response_code}", "-H", "Content-Type: application/json",
                  "--data", '{"email":"nobody@example.cl","password":"wrong-password-1"}', plain + "/api/v1/auth/login").stdout
             for _ in range(8)]
    check(codes == ["401"] * 8, f"--plain-http --no-rate-limits: 8 logins over plain HTTP reach the node (got {codes})")


tmp = tempfile.mkdtemp(prefix="moderno-nginx-")
try:
    main(tmp)
finally:
    for p in reversed(PROCS):
        p.terminate()
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
    if FAILS:
        for name in ("nginx/logs/error.log", "node.log"):
            path = os.path.join(tmp, name)
            if os.path.exists(path):
                print(f"--- {name}\n" + open(path).read()[-3000:])
    shutil.rmtree(tmp, ignore_errors=True)
if FAILS:
    sys.exit(f"{len(FAILS)} check(s) failed")
print("nginx: all checks passed")
