// Guest cart merge on sign-in, server validation errors shown on the right fields, and the
// staff area refused to customers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiRegister, launch, newPage, shot, uiLogin, uniqueEmail, url, accessTokenOf } from '../support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function fieldErrors(page, label) {
  const input = page.getByLabel(label, { exact: true });
  const ids = (await input.getAttribute('aria-describedby')) ?? '';
  const texts = [];
  for (const id of ids.split(' ').filter(Boolean)) {
    const el = page.locator(`[id="${id}"][data-field-error]`);
    if (await el.count()) texts.push(await el.innerText());
  }
  return texts.join('\n');
}

test('a guest cart merges into the account on sign-in, adding to what the account had', async () => {
  const email = uniqueEmail('merge');
  await apiRegister(email);
  // The account already holds one unit of a product (from another device).
  const device = await newPage(browser);
  await uiLogin(device, email);
  await device.goto(url('/producto/zapatillas-running-adidas-runfalcon-3-0'));
  await device.locator('label:has(input[name=variant])').first().click();
  await device.getByRole('button', { name: 'Agregar al carro' }).click();
  await device.getByRole('dialog').getByTestId('cart-line').waitFor();

  // A guest elsewhere adds another product, then signs in.
  const page = await newPage(browser);
  await page.goto(url('/categoria/libros'));
  await page.locator('[data-testid=product-card] a').first().click();
  await page.waitForURL(/\/producto\//);
  // Navigation keeps the old page on screen until the new one is ready: wait for the product form.
  await page.getByLabel('Cantidad').waitFor();
  const productName = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  const variants = page.locator('label:has(input[name=variant])');
  if (await variants.count()) await variants.first().click();
  await page.getByRole('button', { name: 'Agregar al carro' }).click();
  await page.getByRole('dialog').getByTestId('cart-line').waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('cart-count').innerText(), '(1)');

  await uiLogin(page, email);
  await page.goto(url('/carro'));
  await page.getByTestId('cart-line').nth(1).waitFor();
  const lines = await page.getByTestId('cart-line').allInnerTexts();
  assert.equal(lines.length, 2);
  assert.ok(lines.some((l) => l.includes(productName)), `the guest line (${productName}) is in the account cart: ${lines}`);
  assert.ok(lines.some((l) => l.includes('Runfalcon')), 'the account line is still there');
  assert.equal(await page.getByTestId('cart-count').innerText(), '(2)');

  // The same cart on the other device.
  await device.goto(url('/carro'));
  await device.getByTestId('cart-line').nth(1).waitFor();
  assert.equal(await device.getByTestId('cart-count').innerText(), '(2)');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
  await device.context().close();
});

test('registration shows each server validation error under its field', async () => {
  const page = await newPage(browser);
  await page.goto(url('/registro'));
  await page.getByLabel('Correo electrónico').fill('no-es-un-correo');
  await page.getByLabel('Contraseña', { exact: true }).fill('corta');
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await page.locator('[data-field-error]').first().waitFor();
  assert.match(await fieldErrors(page, 'Nombre completo'), /obligatorio/);
  assert.match(await fieldErrors(page, 'Correo electrónico'), /correo válido/);
  const pw = await fieldErrors(page, 'Contraseña');
  assert.match(pw, /al menos 8 caracteres/);
  assert.match(pw, /mayúscula/);
  assert.match(pw, /número/);
  assert.equal(await page.getByLabel('Correo electrónico').getAttribute('aria-invalid'), 'true');
  await shot(page, 'register-errors');

  // An email that already has an account: a form-level message.
  const taken = uniqueEmail('taken');
  await apiRegister(taken);
  await page.getByLabel('Nombre completo').fill('Otra Persona');
  await page.getByLabel('Correo electrónico').fill(taken);
  await page.getByLabel('Contraseña', { exact: true }).fill('Clave-Segura-2026');
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await page.getByRole('alert').filter({ hasText: /account|cuenta|exists|existe/i }).waitFor();
  assert.equal(await page.locator('[data-field-error]').count(), 0);
  await page.context().close();
});

test('checkout shows address errors on the address fields', async () => {
  const email = uniqueEmail('addr');
  await apiRegister(email);
  const page = await newPage(browser);
  await uiLogin(page, email);
  await page.goto(url('/categoria/libros'));
  await page.locator('[data-testid=product-card] a').first().click();
  const variants = page.locator('label:has(input[name=variant])');
  await page.getByLabel('Cantidad').waitFor();
  if (await variants.count()) await variants.first().click();
  await page.getByRole('button', { name: 'Agregar al carro' }).click();
  await page.getByRole('dialog').getByRole('link', { name: 'Ir a pagar' }).click();
  await page.getByRole('heading', { name: 'Finalizar compra' }).waitFor();
  // Only the region is chosen: street, number, comuna and city are missing.
  await page.getByLabel('Región').selectOption('CL-VS');
  await page.getByRole('button', { name: 'Confirmar pedido' }).click();
  await page.locator('[data-field-error]').first().waitFor();
  for (const label of ['Calle', 'Número', 'Comuna', 'Ciudad']) {
    assert.match(await fieldErrors(page, label), /obligatorio/, `${label} shows its error`);
  }
  await shot(page, 'checkout-errors');
  const token = await accessTokenOf(page);
  const mine = await (await fetch(url('/api/v1/orders'), { headers: { Authorization: `Bearer ${token}` } })).json();
  assert.equal(mine.pagination.total, 0);
  await page.context().close();
});

test('a customer is refused the admin area and sees no admin link', async () => {
  const email = uniqueEmail('nostaff');
  await apiRegister(email);
  const page = await newPage(browser);
  await uiLogin(page, email);
  assert.equal(await page.getByRole('link', { name: 'Administración' }).count(), 0);
  for (const path of ['/admin', '/admin/pedidos', '/admin/usuarios']) {
    await page.goto(url(path));
    await page.getByTestId('admin-forbidden').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Pedidos' }).count(), 0, `no admin menu on ${path}`);
  }
  // Signed out, the admin area asks to sign in.
  const guest = await newPage(browser);
  await guest.goto(url('/admin/pedidos'));
  await guest.waitForURL(/\/ingresar\?next=%2Fadmin%2Fpedidos/);
  await page.context().close();
  await guest.context().close();
});
