#!/usr/bin/env python3
"""Crash safety of checkout on the real binary (SQLite, the embedded default).

Buyers place orders (each with its own Idempotency-Key) from several threads while the server is
killed with SIGKILL; then the server is started again on the same data and:
- every order answered 201 is there, for its buyer;
- no order exists twice: each key names one order, and every order came from one key;
- the stock invariant holds: 0 <= reserved <= quantity, quantity unchanged (manual payments only
  reserve), and the units reserved are exactly those of the orders that exist;
- every request that never got an answer, sent again with its key, answers 201 with the order it
  had made (replayed) or makes it now; afterwards each request sent is exactly one order.
Usage: crash_safety_test.py MODERNO_BIN   (exit 0 when every check passes)
"""
import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid

BIN = sys.argv[1]
BUYERS = 8
THREADS = 12
HOT = 4
PER_WAREHOUSE = 5000
LOAD_SECONDS = 2.5
PASSWORD = "Crash-Clave-2026x"
ADDRESS = {"street": "Av. Uno", "number": "1", "comuna": "Santiago", "city": "Santiago", "region": "RM"}

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args):
    subprocess.run([BIN, *args], check=True, stdout=subprocess.DEVNULL)


def call(port, method, path, body=None, token=None, headers=None, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    h = {"Content-Type": "application/json"}
    if token:
        h["Authorization"] = "Bearer " + token
    h.update(headers or {})
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=h)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, dict(r.getheaders()), (json.loads(data) if data else None)


class Server:
    def __init__(self, data_dir):
        self.data_dir, self.port, self.proc = data_dir, free_port(), None

    def start(self):
        env = dict(os.environ, LOG_LEVEL="warn", RATE_LIMIT_GENERAL="off", RATE_LIMIT_AUTH="off")
        env.pop("DATABASE_URL", None)
        self.proc = subprocess.Popen([BIN, "serve", "--data-dir", self.data_dir, "--port", str(self.port)], env=env,
                                     stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.data_dir, "server.log"), "a"))
        for _ in range(500):
            try:
                if call(self.port, "GET", "/health", timeout=1)[0] == 200:
                    return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("the server did not start")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def stock_state(db_path, products):
    """Per hot product: quantity, reserved, units in live orders, units in 'reserved' reservations."""
    db = sqlite3.connect(db_path, timeout=10)
    out = {}
    marks = ",".join("?" * len(products))
    for pid, q, r, bad in db.execute(
            f"SELECT product_id, SUM(quantity), SUM(reserved_quantity), "
            f"SUM(CASE WHEN reserved_quantity < 0 OR reserved_quantity > quantity THEN 1 ELSE 0 END) "
            f"FROM inventory WHERE product_id IN ({marks}) GROUP BY product_id", products):
        out[pid] = {"quantity": q, "reserved": r, "bad_rows": bad, "ordered": 0, "held": 0}
    for pid, n in db.execute(
            f"SELECT oi.product_id, SUM(oi.quantity) FROM order_items oi JOIN orders o ON o.id = oi.order_id "
            f"WHERE o.status <> 'cancelled' AND oi.product_id IN ({marks}) GROUP BY oi.product_id", products):
        out[pid]["ordered"] = n
    for pid, n in db.execute(
            f"SELECT i.product_id, SUM(r.quantity) FROM stock_reservations r JOIN inventory i ON i.id = r.inventory_id "
            f"WHERE r.state = 'reserved' AND i.product_id IN ({marks}) GROUP BY i.product_id", products):
        out[pid]["held"] = n
    db.close()
    return out


def check_stock(db_path, products, initial, when):
    for pid, s in stock_state(db_path, products).items():
        check(s["bad_rows"] == 0, f"{when}: product {pid}: 0 <= reserved <= quantity on every row")
        check(s["quantity"] == initial, f"{when}: product {pid}: quantity {s['quantity']} unchanged ({initial})")
        check(s["reserved"] == s["ordered"] == s["held"],
              f"{when}: product {pid}: reserved {s['reserved']} = units in live orders {s['ordered']} = held {s['held']}")


def main():
    work = tempfile.mkdtemp(prefix="moderno-crash-")
    data = os.path.join(work, "data")
    db_path = os.path.join(data, "moderno.db")
    run("migrate", "--data-dir", data)
    run("seed", "--demo", "--data-dir", data)
    db = sqlite3.connect(db_path)
    products = [r[0] for r in db.execute(
        "SELECT p.id FROM products p WHERE p.is_active = 1 AND p.deleted_at IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM product_variants v WHERE v.product_id = p.id) ORDER BY p.id LIMIT ?", (HOT,))]
    warehouses = [r[0] for r in db.execute("SELECT id FROM warehouses WHERE is_active = 1")]
    marks = ",".join("?" * len(products))
    db.execute(f"DELETE FROM inventory WHERE product_id IN ({marks})", products)
    for p in products:
        for w in warehouses:
            db.execute("INSERT INTO inventory (product_id, variant_key, warehouse_id, quantity) VALUES (?, 0, ?, ?)",
                       (p, w, PER_WAREHOUSE))
    db.commit()
    db.close()
    initial = PER_WAREHOUSE * len(warehouses)

    server = Server(data)
    server.start()
    tokens = []
    for i in range(BUYERS):
        email = f"crash{i}@moderno.test"
        call(server.port, "POST", "/api/v1/auth/register", {"email": email, "password": PASSWORD, "name": f"Comprador {i}"})
        status, _, body = call(server.port, "POST", "/api/v1/auth/login", {"email": email, "password": PASSWORD})
        assert status == 200, body
        tokens.append(body["access_token"])

    sent, acked, unanswered = [], {}, []  # (key, token, body); key -> order id; (key, token, body)
    lock = threading.Lock()
    stop = threading.Event()

    def buyer(n):
        k = 0
        while not stop.is_set():
            k += 1
            token = tokens[(n + k) % len(tokens)]
            body = {"items": [{"product_id": products[(n * 7 + k) % len(products)], "quantity": 1 + k % 3}],
                    "shipping_address": ADDRESS, "payment_method": "manual"}
            key = str(uuid.uuid4())
            with lock:
                sent.append((key, token, body))
            try:
                status, _, reply = call(server.port, "POST", "/api/v1/orders", body, token, {"Idempotency-Key": key})
            except ConnectionRefusedError:
                with lock:
                    sent.remove((key, token, body))  # the server was already gone: never sent
                continue
            except (OSError, http.client.HTTPException):
                with lock:
                    unanswered.append((key, token, body))
                continue
            with lock:
                if status == 201:
                    acked[key] = (reply["id"], token)
                else:
                    failures.append(f"an order answered {status}: {reply}")

    threads = [threading.Thread(target=buyer, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    time.sleep(LOAD_SECONDS)
    server.kill()
    stop.set()
    for t in threads:
        t.join()
    print(f"killed under load: {len(sent)} sent, {len(acked)} answered 201, {len(unanswered)} without an answer")
    check(len(acked) > 50, "the load placed orders before the kill")
    check(len(sent) == len(acked) + len(unanswered), "every request sent was answered or is tracked as cut by the kill")

    server.start()
    db = sqlite3.connect(db_path, timeout=10)
    orders = {row[0]: row[1] for row in db.execute("SELECT id, user_id FROM orders")}
    keys = dict(db.execute("SELECT idem_key, resource_id FROM idempotency_keys WHERE scope LIKE 'user:%:orders'"))
    db.close()
    check(all(oid in orders for oid, _ in acked.values()), "every order answered 201 is there")
    for key, (oid, token) in list(acked.items())[:20]:
        status, _, reply = call(server.port, "GET", f"/api/v1/orders/{oid}", token=token)
        check(status == 200 and reply["id"] == oid, f"order {oid} is readable by its buyer after the restart")
    check(all(keys.get(k) == oid for k, (oid, _) in acked.items()), "each answered key names its order")
    check(len(orders) == len(set(keys.values())) == len(keys), "every order came from exactly one key (no duplicates)")
    check_stock(db_path, products, initial, "after the restart")

    # Requests that never got an answer, sent again with their keys.
    replayed = made = 0
    wrong = []
    for key, token, body in unanswered:
        status, headers, reply = call(server.port, "POST", "/api/v1/orders", body, token, {"Idempotency-Key": key})
        if status != 201:
            wrong.append(f"{key[:8]}: {status}")
        elif headers.get("Idempotent-Replayed") == "true":
            replayed += 1
            if keys.get(key) != reply["id"]:
                wrong.append(f"{key[:8]}: replayed order {reply['id']} is not the one its key made ({keys.get(key)})")
        else:
            made += 1
            if key in keys:
                wrong.append(f"{key[:8]}: a second order for a key that had made one")
    print(f"retried {len(unanswered)}: {replayed} had been made (replayed), {made} made now")
    check(not wrong, "every retry answers 201 with the order its key made, or makes the one it had not: " + "; ".join(wrong[:5]))
    db = sqlite3.connect(db_path, timeout=10)
    total_orders = db.execute("SELECT COUNT(*) FROM orders").fetchone()[0]
    total_keys = db.execute("SELECT COUNT(DISTINCT resource_id) FROM idempotency_keys "
                            "WHERE scope LIKE 'user:%:orders' AND resource_id IS NOT NULL").fetchone()[0]
    db.close()
    check(total_orders == len(acked) + len(unanswered) == total_keys,
          f"each request sent is exactly one order ({total_orders} orders, {len(acked)} + {len(unanswered)} requests)")
    check_stock(db_path, products, initial, "after the retries")
    server.stop()
    subprocess.run(["rm", "-rf", work])
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
