// Staff pages in a real browser: as admin, the dashboard's charts, a new product with a variant
// and stock that shows in the storefront, a price change, a coupon, review moderation and the
// audit log; a manager sees read-only pages; axe-core on the dashboard and the products pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { ADMIN, PASSWORD, apiRegister, axe, launch, newPage, shot, uiLogin, uniqueEmail, url, waitForQuiet } from '../support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function api(method, path, { token, body, headers = {} } = {}) {
  const r = await fetch(url(`/api/v1${path}`), {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  const data = text ? JSON.parse(text) : null;
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`);
  return data;
}

async function login(email, password = PASSWORD) {
  return (await api('POST', '/auth/login', { body: { email, password } })).access_token;
}

/** A small solid-colour PNG (w x h), built by hand so no image file is needed. */
function png(w, h) {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, Buffer.from([200, 30, 60]))]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

async function checkAxe(page, name) {
  const violations = await axe(page);
  await shot(page, `axe-${name}`);
  assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations, null, 1)}`);
}

/** A customer buys a product, staff deliver it and the customer reviews it: revenue and a review to moderate. */
async function deliveredOrderWithReview(adminToken, title) {
  const email = uniqueEmail('admin-e2e');
  await apiRegister(email, 'Cliente Opina');
  const token = await login(email);
  const { data } = await api('GET', '/products?in_stock=true&limit=50');
  const product = data.find((p) => p.stock >= 2);
  const detail = await api('GET', `/products/${product.id}`);
  const variant = detail.variants.find((v) => v.in_stock);
  const order = await api('POST', '/orders', {
    token,
    headers: { 'Idempotency-Key': `e2e-${Date.now()}` },
    body: {
      items: [{ product_id: product.id, variant_id: variant?.id, quantity: 1 }],
      shipping_address: { recipient_name: 'Cliente Opina', street: 'Av. Providencia', number: '1234', comuna: 'Providencia', city: 'Santiago', region: 'Región Metropolitana de Santiago', phone: '+56911112222' },
      payment_method: 'manual',
    },
  });
  await api('POST', `/admin/orders/${order.id}/mark-paid`, { token: adminToken, body: {}, headers: { 'Idempotency-Key': `paid-${order.id}` } });
  for (const status of ['processing', 'shipped', 'delivered']) {
    await api('PUT', `/orders/${order.id}/status`, { token: adminToken, body: { status, tracking_number: status === 'shipped' ? 'E2E-1' : undefined } });
  }
  await api('POST', `/products/${product.id}/reviews`, { token, body: { rating: 2, title, body: 'Llegó bien pero la talla es pequeña.' } });
  return product;
}

test('admin: dashboard, products, coupons, reviews and the audit log', async () => {
  const adminToken = await login(ADMIN.email, ADMIN.password);
  const reviewTitle = `Opinión e2e ${Date.now().toString(36)}`;
  const reviewed = await deliveredOrderWithReview(adminToken, reviewTitle);

  const page = await newPage(browser);
  page.on('dialog', (d) => d.accept());
  await uiLogin(page, ADMIN.email, ADMIN.password);

  // Dashboard: KPI cards and the four Recharts charts (today has the delivered order's revenue).
  await page.goto(url('/admin'));
  await page.getByRole('heading', { name: 'Resumen' }).waitFor();
  await page.getByRole('button', { name: 'Hoy' }).click();
  await page.getByTestId('kpi-revenue').waitFor();
  assert.notEqual(await page.getByTestId('kpi-revenue').getByTestId('kpi-value').innerText(), '$0');
  for (const chart of ['chart-revenue', 'chart-status', 'chart-top-products', 'chart-categories']) {
    await page.getByTestId(chart).locator('svg.recharts-surface').first().waitFor();
  }
  assert.equal(await page.getByTestId('chart-revenue').locator('.recharts-bar-rectangle').count() > 0, true, 'revenue bars drawn');
  await page.getByRole('button', { name: '30 días' }).click();
  await page.getByTestId('chart-revenue').locator('svg.recharts-surface').first().waitFor();
  await shot(page, 'admin-dashboard');
  await checkAxe(page, 'admin-dashboard-charts');

  // Products: the table, then a new product with a variant and initial stock.
  await page.goto(url('/admin/productos'));
  await page.getByTestId('product-row').first().waitFor();
  await checkAxe(page, 'admin-products');
  const sku = `E2E-${Date.now().toString(36).toUpperCase()}`;
  const name = `Parka Térmica E2E ${sku}`;
  await page.getByRole('link', { name: '+ Nuevo producto' }).click();
  await page.getByRole('heading', { name: 'Nuevo producto' }).waitFor();
  await page.getByLabel('Nombre', { exact: true }).fill(name);
  await page.getByLabel('SKU', { exact: true }).fill(sku);
  await page.getByLabel('Precio', { exact: true }).fill('49990');
  await page.getByLabel('Precio normal (tachado)').fill('59990');
  const calzado = await api('GET', '/categories/calzado');
  await page.getByLabel('Categoría').selectOption(String(calzado.id));
  await page.getByLabel('Título SEO').fill(`${name} | Moderno`);
  await page.getByRole('button', { name: '+ Agregar variante' }).click();
  const variant = page.getByRole('group', { name: 'Variante 1' });
  await variant.getByLabel('Nombre').fill('Talla M');
  await variant.getByLabel('SKU de la variante').fill(`${sku}-M`);
  await variant.getByLabel('Opciones (talla=42, color=Negro)').fill('talla=M');
  await variant.getByLabel('Stock inicial').fill('7');
  await checkAxe(page, 'admin-product-form');
  await page.getByRole('button', { name: 'Crear', exact: true }).click();
  await page.getByText('Producto creado.').waitFor();
  const productId = Number(new URL(page.url()).pathname.split('/').pop());
  assert.ok(productId > 0);
  await page.getByTestId('stock-editor').waitFor();
  const stockInputs = page.getByTestId('stock-editor').locator('input[type=number]');
  const quantities = await stockInputs.evaluateAll((els) => els.map((e) => Number(e.value)));
  assert.equal(quantities.reduce((a, b) => a + b, 0), 7, `initial stock in the warehouses: ${quantities}`);
  await shot(page, 'admin-product-created');

  // Upload an image (multipart); it shows in the product's images.
  await page.getByLabel('Subir imagen').setInputFiles({ name: 'parka.png', mimeType: 'image/png', buffer: png(320, 320) });
  await page.getByTestId('image-manager').locator('li img').first().waitFor();
  assert.equal((await api('GET', `/products/${productId}`)).images.length, 1);

  // The storefront catalog lists it (newest first) with its sale price.
  const slug = (await api('GET', `/products/${productId}`)).slug;
  await page.goto(url('/categoria/calzado?sort=newest'));
  await page.locator('[data-testid=product-card]', { hasText: name }).waitFor();
  await page.goto(url(`/producto/${slug}`));
  await page.getByRole('heading', { name }).waitFor();
  assert.match(await page.locator('main').innerText(), /\$49\.990/);

  // Edit the price; the store shows the new one.
  await page.goto(url(`/admin/productos/${productId}`));
  await page.getByLabel('Precio', { exact: true }).fill('44990');
  await page.getByRole('button', { name: 'Guardar', exact: true }).click();
  await page.getByText('Cambios guardados.').waitFor();
  await page.goto(url(`/producto/${slug}`));
  await page.getByRole('heading', { name }).waitFor();
  await page.getByText('$44.990').first().waitFor();

  // A validation error from the server shows on its field.
  await page.goto(url(`/admin/productos/${productId}`));
  await page.getByLabel('Precio normal (tachado)').fill('100');
  await page.getByRole('button', { name: 'Guardar', exact: true }).click();
  const compare = page.getByLabel('Precio normal (tachado)');
  await page.waitForFunction(() => document.querySelector('[name=compare_price]')?.getAttribute('aria-invalid') === 'true');
  assert.equal(await compare.getAttribute('aria-invalid'), 'true');
  await shot(page, 'admin-product-field-error');

  // A coupon.
  const code = `E2E${Date.now().toString(36).toUpperCase()}`;
  await page.goto(url('/admin/cupones'));
  await page.getByLabel('Código', { exact: true }).fill(code);
  await page.getByLabel('Valor').fill('15');
  await page.getByLabel('Usos por cliente').fill('1');
  await page.getByRole('button', { name: 'Guardar', exact: true }).click();
  await page.getByTestId('coupons-table').getByRole('cell', { name: code, exact: true }).waitFor();
  await shot(page, 'admin-coupons');

  // Review moderation: hide the new review, then find it under "Ocultas".
  await page.goto(url('/admin/opiniones'));
  await page.getByRole('button', { name: 'Publicadas' }).click();
  const row = page.getByTestId('review-row').filter({ hasText: reviewTitle });
  await row.waitFor();
  await row.getByRole('button', { name: /^Ocultar/ }).click();
  await page.getByRole('status').filter({ hasText: 'Ocultas' }).waitFor();
  await page.getByRole('button', { name: 'Ocultas' }).click();
  await page.getByTestId('review-row').filter({ hasText: reviewTitle }).waitFor();
  await shot(page, 'admin-reviews');
  const publicReviews = await api('GET', `/products/${reviewed.id}/reviews`);
  assert.ok(!JSON.stringify(publicReviews).includes(reviewTitle), 'a hidden review leaves the product page');

  // The audit log has the product's creation and price change.
  await page.goto(url(`/admin/auditoria?entity=product&entity_id=${productId}`));
  await page.getByTestId('audit-row').filter({ hasText: 'product.create' }).waitFor();
  await page.getByTestId('audit-row').filter({ hasText: 'product.update' }).first().waitFor();
  assert.match(await page.getByTestId('audit-table').innerText(), /44990/);
  await shot(page, 'admin-audit');

  // Other pages render without errors.
  for (const [path, heading] of [['/admin/categorias', 'Categorías'], ['/admin/marcas', 'Marcas'], ['/admin/inventario', 'Bodegas e inventario'], ['/admin/usuarios', 'Usuarios'], ['/admin/trabajos', 'Trabajos en segundo plano']]) {
    await page.goto(url(path));
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    await waitForQuiet(page);
    await shot(page, `admin${path.replace(/\//g, '-').replace(/^-admin/, '')}`);
  }
  // Sistema: this node's dependencies from the real server, the database healthy.
  await page.goto(url('/admin/sistema'));
  await page.getByRole('heading', { name: 'Sistema', exact: true }).waitFor();
  assert.match(await page.getByTestId('dep-database').innerText(), /OK/);
  assert.match(await page.getByTestId('system-node').innerText(), /versión \d+\.\d+\.\d+/);
  await page.getByTestId('hk-guest_carts').waitFor();
  // Back up now: a worker takes the job and the archive shows up in the list.
  await page.getByRole('button', { name: 'Respaldar ahora' }).click();
  await page.getByTestId('backups-table').getByText(/^moderno-backup-\d{8}T\d{6}Z/).waitFor({ timeout: 20_000 });
  assert.match(await page.getByTestId('backups-last').innerText(), /Último respaldo:/);
  await page.getByRole('button', { name: 'Respaldar ahora' }).waitFor();
  await shot(page, 'admin-sistema');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('admin: the stock page lists stock from the JSON endpoint, filters by SKU and shows a change', async () => {
  const token = await login(ADMIN.email, ADMIN.password);
  const first = (await api('GET', '/admin/inventory?limit=1', { token })).data[0];
  assert.ok(first, 'the demo store has stock rows');
  const rowsOf = async (page) => page.getByTestId('levels-table').locator('tbody tr').evaluateAll(
    (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent.trim())));

  const page = await newPage(browser);
  await uiLogin(page, ADMIN.email, ADMIN.password);
  await page.goto(url('/admin/inventario'));
  await page.getByTestId('levels-table').locator('tbody tr').first().waitFor();
  await page.locator('#levels-filter').fill(first.sku);
  await page.waitForFunction((sku) => {
    const rows = Array.from(document.querySelectorAll('[data-testid="levels-table"] tbody tr'));
    return rows.length > 0 && rows.every((tr) => tr.querySelector('td')?.textContent.trim().startsWith(sku));
  }, first.sku);
  const before = (await rowsOf(page)).find((cells) => cells[0] === first.sku && cells[2] === first.warehouse);
  assert.ok(before, `row of ${first.sku} in ${first.warehouse}`);
  assert.equal(Number(before[3]), first.quantity);

  await api('POST', '/inventory/adjust', { token, body: { sku: first.sku, warehouse: first.warehouse, delta: 7, reason: 'e2e' } });
  await page.reload();
  await page.locator('#levels-filter').fill(first.sku);
  await page.waitForFunction(({ sku, warehouse, quantity }) => Array.from(document.querySelectorAll('[data-testid="levels-table"] tbody tr'))
    .some((tr) => { const c = Array.from(tr.querySelectorAll('td')).map((td) => td.textContent.trim()); return c[0] === sku && c[2] === warehouse && Number(c[3]) === quantity; }),
  { sku: first.sku, warehouse: first.warehouse, quantity: first.quantity + 7 });
  await shot(page, 'admin-stock');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('a manager sees the staff pages read-only where the API says so', async () => {
  const adminToken = await login(ADMIN.email, ADMIN.password);
  const email = uniqueEmail('encargado');
  await apiRegister(email, 'Encargada Bodega');
  const users = await api('GET', `/admin/users?search=${encodeURIComponent(email)}`, { token: adminToken });
  await api('PATCH', `/admin/users/${users.data[0].id}`, { token: adminToken, body: { role: 'manager' } });

  const page = await newPage(browser);
  await uiLogin(page, email);
  await page.goto(url('/admin'));
  await page.getByRole('heading', { name: 'Resumen' }).waitFor();
  const menu = await page.getByRole('navigation', { name: 'Administración' }).innerText();
  assert.match(menu, /Cupones/);
  assert.doesNotMatch(menu, /Usuarios|Auditoría/);

  await page.goto(url('/admin/cupones'));
  await page.getByTestId('read-only').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Guardar' }).count(), 0, 'no coupon form for a manager');
  await shot(page, 'manager-coupons');

  await page.goto(url('/admin/trabajos'));
  await page.getByTestId('read-only').waitFor();
  assert.equal(await page.getByRole('button', { name: /^Reintentar #/ }).count(), 0);

  await page.goto(url('/admin/usuarios'));
  await page.getByTestId('admin-forbidden').waitFor();
  await page.goto(url('/admin/auditoria'));
  await page.getByTestId('admin-forbidden').waitFor();
  await shot(page, 'manager-forbidden');
  await page.context().close();
});
