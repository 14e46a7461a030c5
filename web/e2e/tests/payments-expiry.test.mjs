// An abandoned payment gives its stock back: on a store of its own whose reservations last one
// minute (swept every second), a customer goes to Webpay's form (the local fake) and never pays;
// the product's stock drops by the unit held and comes back when the reservation ends, and the
// order's payment page then says the order was cancelled, with no retry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, shot, uniqueEmail, PASSWORD } from '../support.mjs';
import { startServer } from '../server.mjs';

let browser;
let store;
before(async () => {
  browser = await launch();
  store = await startServer({ env: { RESERVATION_TTL_MINUTES: '1', SWEEP_INTERVAL_SECONDS: '1' } });
});
after(async () => {
  await browser?.close();
  await store?.stop();
});

const api = (path, init) => fetch(`${store.url}/api/v1${path}`, init);

async function stockOf(slug) {
  return (await (await api(`/products/${slug}`)).json()).stock;
}

test('the stock held by an abandoned Webpay payment comes back when its reservation ends', { skip: !process.env.E2E_WEBPAY_URL && 'no fake Webpay built' }, async () => {
  const list = await (await api('/products?limit=50')).json();
  let product;
  for (const p of list.data) {
    const d = await (await api(`/products/${p.slug}`)).json();
    if ((d.variants ?? []).length === 0 && d.stock >= 5) { product = d; break; }
  }
  assert.ok(product, 'a simple product in stock');
  const email = uniqueEmail('abandona');
  const registered = await api('/auth/register', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, name: 'Cliente Indecisa' }) });
  assert.equal(registered.status, 201);
  const login = await (await api('/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }) })).json();
  const auth = { Authorization: `Bearer ${login.access_token}`, 'Content-Type': 'application/json' };
  assert.equal((await api('/cart/items', { method: 'POST', headers: auth, body: JSON.stringify({ product_id: product.id, quantity: 1 }) })).status < 300, true);

  const page = await newPage(browser);
  await page.goto(`${store.url}/ingresar`);
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/ingresar'));
  await page.goto(`${store.url}/checkout`);
  await page.getByLabel('Calle').fill('Av. Providencia');
  await page.getByLabel('Número').fill('1234');
  await page.getByLabel('Región').selectOption('CL-RM');
  await page.getByLabel('Comuna').selectOption('Providencia');
  await page.getByRole('radio', { name: /Despacho estándar/ }).check();
  await page.getByRole('radio', { name: /Webpay/ }).check();
  await page.getByRole('button', { name: 'Confirmar pedido' }).click();
  await page.waitForURL(`${store.webpay}/webpayserver/initTransaction`);
  assert.equal(await stockOf(product.slug), product.stock - 1, 'one unit held while the customer is on Webpay');

  // The customer walks away. Within the minute of the reservation plus the sweep, the unit is back.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && (await stockOf(product.slug)) !== product.stock) await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await stockOf(product.slug), product.stock, 'the abandoned unit came back');

  const mine = await (await api('/orders', { headers: auth })).json();
  const order = mine.data[0];
  assert.equal(order.status, 'cancelled');
  await page.goto(`${store.url}/cuenta/pedidos/${order.id}/pago`);
  await page.getByRole('heading', { name: 'El pago no se completó' }).waitFor();
  await page.getByText('La reserva de este pedido terminó').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Intentar pagar de nuevo' }).count(), 0);
  await shot(page, 'webpay-abandoned');
  assert.deepEqual(page.consoleErrors, []);
});
