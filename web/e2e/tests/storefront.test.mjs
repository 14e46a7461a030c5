// The whole shopping trip in a real browser against a real server: browse, filter, search with a
// typo, pick a variant, add to cart as a guest, register, check out with a bank transfer; staff
// mark it paid and ship it while the customer's order page is open, which follows live (no
// reload); then the customer reviews the product.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, axe, launch, newPage, shot, uiLogin, uniqueEmail, url, PASSWORD, accessTokenOf } from '../support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a guest browses, searches, buys as a new customer; staff ship it; the customer reviews', async () => {
  const page = await newPage(browser);
  const email = uniqueEmail();

  // Browse: home -> category from the menu -> subcategory.
  await page.goto(url('/'));
  await page.getByRole('heading', { name: 'Destacados' }).waitFor();
  await page.locator('[data-testid=product-card]').first().waitFor();
  await shot(page, 'home');
  await page.locator('#cat-menu').getByRole('link', { name: 'Moda' }).click();
  await page.waitForURL('**/categoria/moda');
  await page.getByRole('link', { name: /^Calzado/ }).first().click();
  await page.waitForURL('**/categoria/calzado');
  const countText = page.getByTestId('result-count');
  await countText.filter({ hasText: 'productos' }).waitFor();
  const before = await countText.innerText();

  // Filter by brand and sort: the state goes to the URL and survives a reload.
  await page.getByLabel('Marca').selectOption('adidas');
  await page.waitForURL(/brand=adidas/);
  await page.getByLabel('Ordenar por').selectOption('price_asc');
  await page.waitForURL(/sort=price_asc/);
  await page.waitForFunction((b) => document.querySelector('[data-testid=result-count]')?.textContent !== b, before);
  const filtered = await countText.innerText();
  assert.notEqual(filtered, before, 'the brand filter changes the count');
  await page.reload();
  // The brand list loads after the page: wait for the select to show the URL's brand.
  await page.waitForFunction(() => document.querySelector('select[name=brand]')?.value === 'adidas');
  assert.equal(await page.getByLabel('Ordenar por').inputValue(), 'price_asc');
  await countText.filter({ hasText: filtered }).waitFor();
  const prices = await page.locator('[data-testid=product-card] [data-testid=price]').allInnerTexts();
  const numbers = prices.map((p) => Number(p.replace(/\D/g, '')));
  assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), 'sorted by price ascending');
  await shot(page, 'category');

  // Search with a typo: autocomplete appears while typing, then "¿Quisiste decir…?".
  const box = page.getByRole('combobox', { name: 'Buscar' });
  await box.fill('zapa');
  await page.getByRole('option').first().waitFor();
  await box.fill('zapatilas');
  await box.press('Enter');
  await page.waitForURL(/\/buscar\?q=zapatilas/);
  const didYouMean = page.getByTestId('did-you-mean');
  await didYouMean.waitFor();
  assert.match(await didYouMean.innerText(), /zapatillas/);
  await shot(page, 'search-typo');
  await didYouMean.getByRole('link').click();
  await page.waitForURL(/q=zapatillas/);
  await page.locator('[data-testid=product-card]').first().waitFor();

  // Open a product with variants and pick one.
  await page.goto(url('/producto/zapatillas-running-adidas-runfalcon-3-0'));
  const add = page.getByRole('button', { name: 'Elige una opción' });
  assert.equal(await add.isDisabled(), true, 'cannot add before choosing a variant');
  const variant = page.locator('label:has(input[name=variant])').filter({ hasNotText: /^$/ }).first();
  await variant.click();
  await page.getByTestId('stock-status').filter({ hasText: /stock|unidades/i }).waitFor();
  await page.getByLabel('Cantidad').selectOption('2');
  await shot(page, 'product');
  await page.getByRole('button', { name: 'Agregar al carro' }).click();
  const drawer = page.getByRole('dialog', { name: 'Carro de compras' });
  await drawer.waitFor();
  await drawer.getByTestId('cart-line').waitFor();
  assert.equal(await page.getByTestId('cart-count').innerText(), '(2)');
  await shot(page, 'cart-drawer');

  // The guest cart survives a reload (cart_token cookie).
  await page.reload();
  await page.getByTestId('cart-count').filter({ hasText: '(2)' }).waitFor();
  await page.goto(url('/carro'));
  await page.getByTestId('cart-line').waitFor();
  await shot(page, 'cart');

  // Checkout needs an account: register from the login redirect, landing back on checkout.
  await page.getByRole('link', { name: 'Ir a pagar' }).click();
  await page.waitForURL(/\/ingresar\?next=/);
  await page.getByRole('link', { name: 'Crear cuenta' }).click();
  await page.getByLabel('Nombre completo').fill('Camila Rojas');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await page.waitForURL('**/checkout');

  // The guest cart merged into the new account's cart.
  await page.getByRole('heading', { name: 'Finalizar compra' }).waitFor();
  assert.equal(await page.getByTestId('cart-count').innerText(), '(2)');

  // A new address with a Chilean region and comuna, standard shipping, bank transfer.
  await page.getByLabel('Calle').fill('Av. Providencia');
  await page.getByLabel('Número').fill('1234');
  await page.getByLabel('Región').selectOption('CL-RM');
  await page.getByLabel('Comuna').selectOption('Providencia');
  await page.getByRole('radio', { name: /Despacho estándar/ }).check();
  await page.getByRole('radio', { name: /Transferencia bancaria/ }).check();
  await shot(page, 'checkout');
  // A double click places one order (Idempotency-Key + disabled button).
  await page.getByRole('button', { name: 'Confirmar pedido' }).dblclick();
  await page.waitForURL(/\/pedido-confirmado\/\d+/);
  const orderNumber = (await page.getByTestId('order-number').innerText()).trim();
  assert.match(orderNumber, /^MOD-\d{4}-[A-Z0-9]+$/);
  await shot(page, 'confirmation');
  const token = await accessTokenOf(page);
  const mine = await (await fetch(url('/api/v1/orders'), { headers: { Authorization: `Bearer ${token}` } })).json();
  assert.equal(mine.pagination.total, 1, 'exactly one order after a double click');

  // See the order in the account; it follows the order live (Server-Sent Events).
  await page.getByRole('link', { name: 'Ver mi pedido' }).click();
  await page.getByTestId('order-status').filter({ hasText: 'Pendiente' }).waitFor();
  await page.getByTestId('live-badge').filter({ hasText: 'En vivo' }).waitFor();
  // A mark that a reload would wipe: the changes below must arrive without one.
  await page.evaluate(() => { window.__sameDocument = true; });
  await shot(page, 'order-detail');

  // Staff: find the order, mark the transfer paid, prepare and ship it with a tracking number.
  const admin = await newPage(browser);
  await uiLogin(admin, ADMIN.email, ADMIN.password);
  await admin.goto(url('/admin/pedidos'));
  await admin.getByLabel('N° de pedido o correo').fill(orderNumber);
  await admin.getByRole('button', { name: 'Filtrar' }).click();
  await admin.getByRole('link', { name: orderNumber }).click();
  await admin.getByTestId('admin-order-status').filter({ hasText: 'Pendiente' }).waitFor();
  await shot(admin, 'admin-order');
  await admin.getByRole('button', { name: 'Marcar pagado' }).click();
  await admin.getByTestId('admin-payment-status').filter({ hasText: 'Pagado' }).waitFor();
  await admin.getByTestId('admin-order-status').filter({ hasText: 'Confirmado' }).waitFor();
  // The customer's open page follows at once: well before its fallback polling (30 s) could.
  await page.getByTestId('order-status').filter({ hasText: 'Confirmado' }).waitFor({ timeout: 10_000 });
  await admin.getByRole('button', { name: 'Cambiar a: En preparación' }).click();
  await admin.getByTestId('admin-order-status').filter({ hasText: 'En preparación' }).waitFor();
  await admin.getByLabel('Número de seguimiento').fill('CHX-123456');
  await admin.getByRole('button', { name: 'Cambiar a: Enviado' }).click();
  await admin.getByTestId('admin-order-status').filter({ hasText: 'Enviado' }).waitFor();
  await shot(admin, 'admin-order-shipped');

  // The customer sees the new status and the tracking number without reloading the page.
  await page.getByTestId('order-status').filter({ hasText: 'Enviado' }).waitFor({ timeout: 10_000 });
  await page.getByText('CHX-123456').waitFor();
  const timeline = await page.getByTestId('status-timeline').innerText();
  assert.match(timeline, /Enviado/);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the order page was not reloaded');
  await shot(page, 'order-detail-live');
  assert.deepEqual(await axe(page), [], 'order detail with the live badge');

  // Delivered: now the customer may review the product.
  await admin.getByRole('button', { name: 'Cambiar a: Entregado' }).click();
  await admin.getByTestId('admin-order-status').filter({ hasText: 'Entregado' }).waitFor();
  await page.goto(url('/producto/zapatillas-running-adidas-runfalcon-3-0'));
  await page.getByRole('button', { name: 'Escribir una opinión' }).click();
  await page.getByLabel('Calificación').selectOption('4');
  await page.getByLabel('Título').fill('Muy cómodas');
  await page.getByLabel('Comentario').fill('Las uso para correr tres veces por semana.');
  await page.getByRole('button', { name: 'Publicar opinión' }).click();
  await page.getByText('¡Gracias por tu opinión!').waitFor();
  await page.getByTestId('review').filter({ hasText: 'Muy cómodas' }).waitFor();
  assert.match(await page.getByTestId('review').first().innerText(), /Compra verificada/);

  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(admin.consoleErrors, []);
  await admin.context().close();
  await page.context().close();
});
