// Card payments by redirect in a real browser: the checkout sends the customer to Webpay's form
// (the local fake Webpay, which speaks Transbank's API and keeps its own ledger) by a form POST
// of token_ws; the customer pays and comes back to the order's payment page, which shows it
// paid; another aborts, sees the failure, retries on the same order and pays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { accessTokenOf, apiRegister, launch, newPage, shot, uiLogin, uniqueEmail, url } from '../support.mjs';

const WEBPAY = process.env.E2E_WEBPAY_URL;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// A product sold without variants with stock to spare.
async function simpleProduct() {
  const list = await (await fetch(url('/api/v1/products?limit=50'))).json();
  for (const p of list.data) {
    const detail = await (await fetch(url(`/api/v1/products/${p.slug}`))).json();
    if ((detail.variants ?? []).length === 0 && detail.stock >= 5) return detail;
  }
  throw new Error('no simple product in stock in the demo catalog');
}

// A signed-in customer with one unit of `product` in the cart, on the checkout page with Webpay chosen.
async function toCheckoutWithWebpay(product) {
  const page = await newPage(browser);
  const email = uniqueEmail('webpay');
  await apiRegister(email);
  await uiLogin(page, email);
  const token = await accessTokenOf(page);
  const added = await fetch(url('/api/v1/cart/items'), {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ product_id: product.id, quantity: 1 }),
  });
  assert.equal(added.status < 300, true, await added.text());
  await page.goto(url('/checkout'));
  await page.getByRole('heading', { name: 'Finalizar compra' }).waitFor();
  await page.getByLabel('Calle').fill('Av. Providencia');
  await page.getByLabel('Número').fill('1234');
  await page.getByLabel('Región').selectOption('CL-RM');
  await page.getByLabel('Comuna').selectOption('Providencia');
  await page.getByRole('radio', { name: /Despacho estándar/ }).check();
  await page.getByRole('radio', { name: /Webpay/ }).check();
  return { page, token };
}

async function orderOf(token, id) {
  return (await fetch(url(`/api/v1/orders/${id}`), { headers: { Authorization: `Bearer ${token}` } })).json();
}

test('a customer pays through the Webpay form and sees the order paid', { skip: !WEBPAY && 'no fake Webpay built' }, async () => {
  const product = await simpleProduct();
  const { page, token } = await toCheckoutWithWebpay(product);
  await page.getByRole('button', { name: 'Confirmar pedido' }).click();
  // Webpay's form, reached by a form POST of token_ws.
  await page.waitForURL(`${WEBPAY}/webpayserver/initTransaction`);
  await page.getByRole('heading', { name: /Webpay Plus/ }).waitFor();
  await shot(page, 'webpay-form');
  await page.getByLabel('Tipo de pago').selectOption('VD');
  await page.getByRole('button', { name: 'Pagar' }).click();
  await page.waitForURL(/\/cuenta\/pedidos\/\d+\/pago$/);
  await page.getByRole('heading', { name: '¡Pago recibido!' }).waitFor();
  await shot(page, 'webpay-paid');
  const id = page.url().match(/pedidos\/(\d+)\/pago/)[1];
  const order = await orderOf(token, id);
  assert.equal(order.payment_status, 'paid');
  assert.equal(order.status, 'confirmed');
  const charge = order.payments.find((p) => p.kind === 'charge');
  assert.equal(charge.provider, 'webpay');
  assert.equal(charge.payment_type, 'VD');
  assert.equal(charge.card_last4, '4051');
  assert.deepEqual(page.consoleErrors, []);
});

test('a customer who aborts sees the failure, retries on the same order and pays', { skip: !WEBPAY && 'no fake Webpay built' }, async () => {
  const product = await simpleProduct();
  const { page, token } = await toCheckoutWithWebpay(product);
  await page.getByRole('button', { name: 'Confirmar pedido' }).click();
  await page.waitForURL(`${WEBPAY}/webpayserver/initTransaction`);
  await page.getByRole('button', { name: /Anular compra/ }).click();
  await page.waitForURL(/\/cuenta\/pedidos\/\d+\/pago$/);
  await page.getByRole('heading', { name: 'El pago no se completó' }).waitFor();
  await shot(page, 'webpay-aborted');
  const id = page.url().match(/pedidos\/(\d+)\/pago/)[1];
  assert.equal((await orderOf(token, id)).status, 'pending', 'the order waits, its stock held');
  await page.getByRole('button', { name: 'Intentar pagar de nuevo' }).click();
  await page.waitForURL(`${WEBPAY}/webpayserver/initTransaction`);
  await page.getByRole('button', { name: 'Pagar' }).click();
  await page.waitForURL(new RegExp(`/cuenta/pedidos/${id}/pago$`));
  await page.getByRole('heading', { name: '¡Pago recibido!' }).waitFor();
  const order = await orderOf(token, id);
  assert.equal(order.payment_status, 'paid');
  assert.deepEqual(order.payments.filter((p) => p.kind === 'charge').map((p) => p.status), ['failed', 'succeeded']);
  assert.deepEqual(page.consoleErrors, []);
});
