// Accessibility (axe-core: no serious or critical violations, asserted) and Web Vitals
// (LCP and CLS from PerformanceObserver, recorded in artifacts/perf.json, not asserted).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { ADMIN, ARTIFACTS, apiRegister, axe, launch, newPage, shot, uiLogin, uniqueEmail, url, waitForQuiet } from '../support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const VITALS = `
  window.__vitals = { lcp: 0, cls: 0 };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__vitals.lcp = e.startTime; })
    .observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__vitals.cls += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
`;

test('LCP and CLS on home, category and product pages (recorded)', async () => {
  const results = {};
  for (const [name, path] of [['home', '/'], ['category', '/categoria/calzado'], ['product', '/producto/zapatillas-running-adidas-runfalcon-3-0']]) {
    const samples = [];
    for (let run = 0; run < 3; run++) {
      const page = await newPage(browser, { width: 1280, height: 900 });
      await page.addInitScript(VITALS);
      await page.goto(url(path), { waitUntil: 'networkidle' });
      await page.waitForFunction(() => window.__vitals.lcp > 0, null, { timeout: 5000 }).catch(() => undefined);
      await page.waitForTimeout(300);
      samples.push(await page.evaluate(() => window.__vitals));
      await page.context().close();
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    results[name] = {
      path,
      lcp_ms: Math.round(median(samples.map((s) => s.lcp))),
      cls: Number(median(samples.map((s) => s.cls)).toFixed(4)),
      samples,
    };
  }
  writeFileSync(`${ARTIFACTS}perf.json`, JSON.stringify({ measured_at: new Date().toISOString(), results }, null, 2));
  for (const [name, r] of Object.entries(results)) console.log(`# ${name}: LCP ${r.lcp_ms} ms, CLS ${r.cls}`);
  for (const r of Object.values(results)) assert.ok(r.lcp_ms > 0, 'LCP was observed');
});

async function checkAxe(page, name) {
  const violations = await axe(page);
  await shot(page, `axe-${name}`);
  assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations, null, 1)}`);
}

test('no serious or critical axe violations on the main pages', async () => {
  const page = await newPage(browser);
  await page.goto(url('/'));
  await page.locator('[data-testid=product-card]').first().waitFor();
  await checkAxe(page, 'home');

  await page.goto(url('/categoria/calzado'));
  await page.locator('[data-testid=product-card]').first().waitFor();
  await checkAxe(page, 'catalog');

  await page.goto(url('/producto/zapatillas-running-adidas-runfalcon-3-0'));
  await page.getByLabel('Cantidad').waitFor();
  await checkAxe(page, 'product');
  await page.locator('label:has(input[name=variant])').first().click();
  await page.getByRole('button', { name: 'Agregar al carro' }).click();
  await page.getByRole('dialog').getByTestId('cart-line').waitFor();
  await checkAxe(page, 'cart-drawer');
  await page.keyboard.press('Escape');

  await page.goto(url('/carro'));
  await page.getByTestId('cart-line').waitFor();
  await checkAxe(page, 'cart');

  await page.goto(url('/ingresar'));
  await page.getByRole('button', { name: 'Ingresar' }).waitFor();
  await checkAxe(page, 'login');

  const email = uniqueEmail('a11y');
  await apiRegister(email);
  await uiLogin(page, email);
  await page.goto(url('/checkout'));
  await page.getByRole('heading', { name: 'Finalizar compra' }).waitFor();
  await page.getByLabel('Calle').waitFor();
  await checkAxe(page, 'checkout');
  await page.context().close();

  const admin = await newPage(browser);
  await uiLogin(admin, ADMIN.email, ADMIN.password);
  await admin.goto(url('/admin'));
  await admin.getByRole('heading', { name: 'Resumen' }).waitFor();
  await checkAxe(admin, 'admin-dashboard');
  await admin.goto(url('/admin/pedidos'));
  await admin.getByRole('heading', { name: 'Pedidos' }).waitFor();
  await waitForQuiet(admin);
  await checkAxe(admin, 'admin-orders');
  await admin.context().close();
});

test('the storefront works on a 360 px phone', async () => {
  const page = await newPage(browser, { width: 360, height: 740 });
  await page.goto(url('/'));
  await page.locator('[data-testid=product-card]').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll at 360 px (overflow ${overflow})`);
  await page.getByRole('button', { name: /Categorías/ }).click();
  await page.locator('#cat-menu').getByRole('link', { name: 'Hogar' }).click();
  await page.waitForURL('**/categoria/hogar');
  await page.locator('[data-testid=product-card]').first().waitFor();
  await shot(page, 'mobile-category');
  await page.context().close();
});
