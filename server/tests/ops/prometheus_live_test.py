#!/usr/bin/python3
"""A real Prometheus on loopback scraping two real `moderno serve` nodes (SQLite, temp data dirs):
both targets up; every Grafana panel query of deploy/grafana/dashboards parses and names only
metrics the nodes export; one node killed -> its NodeDown alert fires (the rules of
deploy/prometheus/alerts.yml with NodeDown's `for:` shortened to 2 s).

Usage: prometheus_live_test.py MODERNO_BIN REPO_ROOT"""
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import yaml

from loopback import free_port

BIN, ROOT = sys.argv[1], sys.argv[2]
PROCS = []


def get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read().decode()


def get_json(url):
    try:
        return json.loads(get(url))
    except urllib.error.HTTPError as e:  # Prometheus answers 400 with a JSON error body
        return json.loads(e.read().decode())


def wait_for(what, check, seconds):
    deadline = time.time() + seconds
    last = None
    while time.time() < deadline:
        try:
            last = check()
            if last:
                return last
        except (OSError, ValueError) as e:
            last = e
        time.sleep(0.25)
    raise SystemExit(f"FAIL: {what} (last: {last})")


def start(args, log, env=None):
    p = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env)
    PROCS.append(p)
    return p


KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right",
            "offset", "bool", "inf", "nan"}


def metric_names(expr):
    """The metric names a PromQL expression selects (functions, keywords, labels and ranges cut)."""
    s = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    s = re.sub(r"\{[^}]*\}", " ", s)
    s = re.sub(r"\[[^\]]*\]", " ", s)
    s = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", s)
    names = set()
    for m in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", s):
        if m.start() > 0 and (s[m.start() - 1].isdigit() or s[m.start() - 1] == "."):
            continue  # 1e9, 0.5
        if s[m.end():].lstrip().startswith("("):
            continue  # a function or an aggregation
        if m.group(0).lower() in KEYWORDS:
            continue
        names.add(m.group(0))
    return names


def exported_names(metrics_text):
    names = set()
    for line in metrics_text.splitlines():
        if line and not line.startswith("#"):
            names.add(re.match(r"[A-Za-z_:][A-Za-z0-9_:]*", line).group(0))
    return names


def panel_queries():
    files = sorted(glob.glob(os.path.join(ROOT, "deploy/grafana/dashboards/*.json")))
    if len(files) < 3:
        raise SystemExit(f"FAIL: expected the overview, business and internals dashboards, found {files}")
    queries = []

    def walk(panels, source):
        for p in panels:
            walk(p.get("panels", []), source)
            for t in p.get("targets", []):
                queries.append((source, p.get("title"), t["expr"]))

    for f in files:
        with open(f) as fh:
            walk(json.load(fh)["panels"], os.path.basename(f))
    return queries


def main():
    tmp = tempfile.mkdtemp(prefix="moderno-prom-")
    failures = []
    try:
        nodes = []
        for i in range(2):
            d = os.path.join(tmp, f"node{i}")
            os.makedirs(d)
            subprocess.run([BIN, "migrate", "--data-dir", d], check=True, stdout=subprocess.DEVNULL)
            port = free_port()
            env = dict(os.environ, METRICS_REFRESH_SECONDS="1", LOG_LEVEL="warn")
            log = open(os.path.join(tmp, f"node{i}.log"), "w")
            proc = start([BIN, "serve", "--data-dir", d, "--port", str(port)], log, env)
            nodes.append((proc, f"127.0.0.1:{port}"))
        for _, target in nodes:
            wait_for(f"{target} /health", lambda t=target: '"healthy"' in get(f"http://{t}/health"), 20)
            get(f"http://{target}/api/v1/products?limit=1")  # some traffic for the request series

        with open(os.path.join(ROOT, "deploy/prometheus/alerts.yml")) as fh:
            rules = yaml.safe_load(fh)
        shortened = 0
        for group in rules["groups"]:
            for rule in group["rules"]:
                if rule.get("alert") == "NodeDown":
                    rule["for"] = "2s"
                    shortened += 1
        assert shortened == 1, "alerts.yml has one NodeDown rule"
        with open(os.path.join(tmp, "rules.yml"), "w") as fh:
            yaml.safe_dump(rules, fh)
        prom_port = free_port()
        config = {"global": {"scrape_interval": "1s", "evaluation_interval": "1s", "scrape_timeout": "900ms"},
                  "rule_files": [os.path.join(tmp, "rules.yml")],
                  "scrape_configs": [{"job_name": "moderno", "static_configs": [{"targets": [t for _, t in nodes]}]}]}
        with open(os.path.join(tmp, "prometheus.yml"), "w") as fh:
            yaml.safe_dump(config, fh)
        prom = f"http://127.0.0.1:{prom_port}"
        start(["prometheus", f"--config.file={tmp}/prometheus.yml", f"--storage.tsdb.path={tmp}/tsdb",
               f"--web.listen-address=127.0.0.1:{prom_port}", "--log.level=warn"],
              open(os.path.join(tmp, "prometheus.log"), "w"))
        wait_for("prometheus ready", lambda: "Ready" in get(f"{prom}/-/ready"), 30)

        def both_up():
            targets = get_json(f"{prom}/api/v1/targets")["data"]["activeTargets"]
            return len(targets) == 2 and all(t["health"] == "up" for t in targets)
        wait_for("both targets up", both_up, 30)
        up = get_json(f"{prom}/api/v1/query?query=" + urllib.parse.quote('up{job="moderno"}'))["data"]["result"]
        if sorted(r["metric"]["instance"] for r in up if r["value"][1] == "1") != sorted(t for _, t in nodes):
            failures.append(f"up == 1 for both nodes: {up}")
        print("ok: both nodes up")

        # Every panel query: valid PromQL, and only metrics the nodes export.
        exported = exported_names(get(f"http://{nodes[0][1]}/metrics")) | {"up"}
        queries = panel_queries()
        for source, title, expr in queries:
            r = get_json(f"{prom}/api/v1/query?query=" + urllib.parse.quote(expr))
            if r.get("status") != "success":
                failures.append(f"{source} '{title}': {r.get('error')} in {expr}")
            unknown = metric_names(expr) - exported
            if unknown:
                failures.append(f"{source} '{title}': unknown metric(s) {sorted(unknown)} in {expr}")
        print(f"ok: {len(queries)} panel queries checked")

        # Kill one node: its NodeDown alert fires, the other node's does not.
        victim, victim_target = nodes[1]
        victim.send_signal(signal.SIGKILL)
        victim.wait()

        def node_down_firing():
            alerts = get_json(f"{prom}/api/v1/alerts")["data"]["alerts"]
            firing = [a for a in alerts if a["labels"]["alertname"] == "NodeDown" and a["state"] == "firing"]
            return firing or None
        firing = wait_for("NodeDown firing for the killed node", node_down_firing, 40)
        instances = [a["labels"]["instance"] for a in firing]
        if instances != [victim_target]:
            failures.append(f"NodeDown should fire for {victim_target} only, got {instances}")
        a = firing[0]
        if a["labels"].get("severity") != "critical" or a["annotations"].get("runbook_url") != "docs/runbooks/node-down.md":
            failures.append(f"NodeDown labels/annotations: {a}")
        print(f"ok: NodeDown fired for {instances}")
    finally:
        for p in PROCS:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
        if failures:
            for name in ("prometheus.log", "node0.log", "node1.log"):
                path = os.path.join(tmp, name)
                if os.path.exists(path):
                    print(f"--- {name} (tail)")
                    print("".join(open(path).readlines()[-15:]))
        shutil.rmtree(tmp, ignore_errors=True)
    for f in failures:
        print("FAIL:", f)
    if failures:
        sys.exit(1)
    print("prometheus_live: passed")


if __name__ == "__main__":
    main()
