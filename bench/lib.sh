# Helpers shared by the benchmarks (sourced from the repository root).
. scripts/lib.sh  # free_port
now_ms() { date +%s%3N; }
# wrk's durations (850us, 1.20ms, 2.00s, 1.5m) in milliseconds.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v} else if (v ~ /m$/) {sub(/m/,"",v); print v*60000} else if (v ~ /s$/) {sub(/s/,"",v); print v*1000} else print v}' <<<"$1"; }
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# write_checkout_lua FILE HOT_CSV TOKENS...: the wrk script of the checkout benchmarks. Every
# (buyer, product) pair is prepared once (POST /api/v1/orders, payment manual, one unit); each
# connection walks the list from its own offset; `done` prints "status CODE COUNT" lines.
write_checkout_lua() {
  local file="$1" hot="$2"; shift 2
  {
    printf 'tokens = {'; printf '"%s",' "$@"; printf '}\n'
    printf 'products = {%s}\n' "$hot"
    cat <<'LUA'
local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end
function init(args)
  statuses = {}
  reqs = {}
  for k = 0, #tokens * #products - 1 do
    local t = tokens[(k % #tokens) + 1]
    local p = products[(math.floor(k / #tokens) % #products) + 1]
    local body = '{"items":[{"product_id":' .. p .. ',"quantity":1}],' ..
      '"shipping_address":{"street":"Av. Uno","number":"1","comuna":"Santiago","city":"Santiago","region":"RM"},' ..
      '"payment_method":"manual"}'
    reqs[#reqs + 1] = wrk.format("POST", "/api/v1/orders",
      {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. t}, body)
  end
  n = (id or 1) * 37
end
function request()
  n = n + 1
  return reqs[(n % #reqs) + 1]
end
function response(status, headers, body)
  local k = tostring(status)
  statuses[k] = (statuses[k] or 0) + 1
end
function done(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do all[k] = (all[k] or 0) + v end
  end
  for k, v in pairs(all) do io.write("status " .. k .. " " .. v .. "\n") end
end
LUA
  } >"$file"
}

# The checkout benchmarks' stock, through the caller's `sql QUERY` (tab-separated rows).
# set_hot_stock HOT STOCK: the first HOT active products without variants get STOCK units each,
# split evenly over the active warehouses; sets hot_csv, wh_csv, per_row and per_sku.
set_hot_stock() {
  local hot="$1" stock="$2" nwh
  hot_csv=$(sql "SELECT p.id FROM products p WHERE p.is_active = 1 AND p.deleted_at IS NULL AND NOT EXISTS
                 (SELECT 1 FROM product_variants v WHERE v.product_id = p.id) ORDER BY p.id LIMIT $hot" | paste -sd, -)
  wh_csv=$(sql "SELECT id FROM warehouses WHERE is_active = 1 ORDER BY id" | paste -sd, -)
  nwh=$(awk -F, '{print NF}' <<<"$wh_csv")
  per_row=$(( stock / nwh ))
  per_sku=$(( per_row * nwh ))
  sql "UPDATE inventory SET quantity = $per_row, reserved_quantity = 0
       WHERE variant_key = 0 AND product_id IN ($hot_csv) AND warehouse_id IN ($wh_csv);
       INSERT INTO inventory (product_id, variant_key, warehouse_id, quantity, reserved_quantity)
       SELECT p.id, 0, w.id, $per_row, 0 FROM products p, warehouses w
       WHERE p.id IN ($hot_csv) AND w.id IN ($wh_csv) AND NOT EXISTS
         (SELECT 1 FROM inventory i WHERE i.product_id = p.id AND i.variant_key = 0 AND i.warehouse_id = w.id);"
  echo "hot products: $hot_csv; warehouses: $wh_csv; $per_sku units each ($per_row per warehouse)"
}

# stock_invariant LAST_ORDER_ID: prints "PASS|FAIL BAD_ROWS UNITS" for the hot products after
# set_hot_stock: no inventory row out of range, available + units ordered (orders after
# LAST_ORDER_ID, not cancelled) = per_sku, reserved = ordered = held by reservations. Each failing
# product is named on stderr.
stock_invariant() {
  local last_id="$1" bad_rows invariant=PASS units_total=0 id avail reserved units held
  bad_rows=$(sql "SELECT COUNT(*) FROM inventory WHERE product_id IN ($hot_csv) AND variant_key = 0
                  AND (reserved_quantity < 0 OR reserved_quantity > quantity OR quantity < 0)")
  [ "$bad_rows" -eq 0 ] || invariant=FAIL
  while IFS=$'\t' read -r id avail reserved units held; do
    units_total=$(( units_total + units ))
    if [ $(( avail + units )) -ne "$per_sku" ] || [ "$reserved" -ne "$units" ] || [ "$held" -ne "$units" ]; then
      invariant=FAIL
      echo "FAIL product $id: available $avail + ordered $units != $per_sku, or reserved $reserved / reservations $held != $units" >&2
    fi
  done < <(sql "SELECT p.id,
      (SELECT SUM(i.quantity - i.reserved_quantity) FROM inventory i
        WHERE i.product_id = p.id AND i.variant_key = 0 AND i.warehouse_id IN ($wh_csv)),
      (SELECT SUM(i.reserved_quantity) FROM inventory i
        WHERE i.product_id = p.id AND i.variant_key = 0 AND i.warehouse_id IN ($wh_csv)),
      (SELECT COALESCE(SUM(oi.quantity), 0) FROM order_items oi JOIN orders o ON o.id = oi.order_id
        WHERE oi.product_id = p.id AND o.status <> 'cancelled' AND o.id > $last_id),
      (SELECT COALESCE(SUM(r.quantity), 0) FROM stock_reservations r JOIN inventory i ON i.id = r.inventory_id
        WHERE i.product_id = p.id AND r.state = 'reserved' AND r.order_id > $last_id)
    FROM products p WHERE p.id IN ($hot_csv) ORDER BY p.id")
  echo "$invariant $bad_rows $units_total"
}

# buyer_tokens BASE N PASSWORD: registers buyer1..N@bench.test at BASE and signs them in; sets
# the array `tokens` to their access tokens.
buyer_tokens() {
  local base="$1" n="$2" password="$3" i email
  tokens=()
  for i in $(seq 1 "$n"); do
    email="buyer$i@bench.test"
    curl -fs -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"email\":\"$email\",\"password\":\"$password\",\"name\":\"Comprador $i\"}" "$base/api/v1/auth/register"
    tokens+=("$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" \
      "$base/api/v1/auth/login" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')")
  done
}

# settled_orders: the orders count once it stops moving (requests still queued in the server
# when wrk stopped finish first), through the caller's `sql`.
settled_orders() {
  local now settled
  now=$(sql "SELECT COUNT(*) FROM orders")
  for _ in $(seq 1 50); do
    sleep 0.3; settled=$(sql "SELECT COUNT(*) FROM orders")
    [ "$settled" = "$now" ] && break
    now=$settled
  done
  echo "$now"
}
