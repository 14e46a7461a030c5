// The account area: profile, address book with regions and comunas, password change, order
// cancel, data export, account deletion, and the English switch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiRegister, launch, newPage, shot, uiLogin, uniqueEmail, url, PASSWORD } from '../support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a customer edits the profile and addresses, changes the password, exports and deletes the account', async () => {
  const email = uniqueEmail('cuenta');
  await apiRegister(email, 'Pedro Soto');
  const page = await newPage(browser);
  await uiLogin(page, email);

  // Profile: an invalid phone is shown on the field, a valid one is saved.
  await page.goto(url('/cuenta'));
  await page.getByLabel('Nombre completo').fill('Pedro Soto Díaz');
  await page.getByLabel('Teléfono').fill('12');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await page.locator('[data-field-error]').filter({ hasText: 'no es válido' }).waitFor();
  await page.getByLabel('Teléfono').fill('+56 9 1234 5678');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await page.getByText('Guardado.').waitFor();
  assert.equal(await page.getByLabel('Teléfono').inputValue(), '+56912345678');

  // Address book: add one in Valparaíso.
  await page.getByRole('link', { name: 'Direcciones' }).click();
  await page.getByText('Aún no tienes direcciones guardadas.').waitFor();
  await page.getByRole('button', { name: 'Agregar dirección' }).click();
  await page.getByLabel('Nombre de la dirección (Casa, Oficina)').fill('Casa');
  await page.getByLabel('Calle').fill('Av. España');
  await page.getByLabel('Número').fill('1680');
  await page.getByLabel('Región').selectOption('CL-VS');
  await page.getByLabel('Comuna').selectOption('Valparaíso');
  await page.getByLabel('Código postal').fill('2340000');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await page.getByText('Av. España 1680').waitFor();
  assert.match(await page.locator('main').innerText(), /Predeterminada/);
  await shot(page, 'account-addresses');

  // Password: the wrong current password is shown on its field, then a real change.
  await page.getByRole('link', { name: 'Contraseña' }).click();
  await page.getByLabel('Contraseña actual').fill('Otra-Clave-1');
  await page.getByLabel('Nueva contraseña').fill('Nueva-Clave-2027');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await page.locator('[data-field-error]').filter({ hasText: 'no es correcta' }).waitFor();
  await page.getByLabel('Contraseña actual').fill(PASSWORD);
  await page.getByRole('button', { name: 'Guardar' }).click();
  await page.getByText('Contraseña actualizada.').waitFor();

  // Still signed in with the new session: the export downloads.
  await page.getByRole('link', { name: 'Privacidad' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Descargar mis datos' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'mis-datos.json');
  const data = JSON.parse(await (await import('node:fs/promises')).readFile(await download.path(), 'utf8'));
  assert.equal(data.profile.email, email);
  assert.equal(data.addresses.length, 1);

  // Deletion needs the right password.
  await page.getByLabel('Contraseña', { exact: true }).fill('Nueva-Clave-2026');
  await page.getByRole('button', { name: 'Eliminar mi cuenta' }).click();
  await page.locator('[data-field-error]').filter({ hasText: 'no es correcta' }).waitFor();
  await page.getByLabel('Contraseña', { exact: true }).fill('Nueva-Clave-2027');
  await page.getByRole('button', { name: 'Eliminar mi cuenta' }).click();
  await page.waitForURL(url('/'));
  await page.getByRole('link', { name: 'Ingresar' }).waitFor();
  const r = await fetch(url('/api/v1/auth/login'), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: 'Nueva-Clave-2027' }),
  });
  assert.equal(r.status, 401, 'the erased account cannot sign in');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('a customer cancels a pending order; the site switches to English', async () => {
  const email = uniqueEmail('cancela');
  await apiRegister(email);
  const page = await newPage(browser);
  await uiLogin(page, email);
  await page.goto(url('/categoria/libros'));
  await page.locator('[data-testid=product-card] a').first().click();
  await page.getByLabel('Cantidad').waitFor();
  const variants = page.locator('label:has(input[name=variant])');
  if (await variants.count()) await variants.first().click();
  await page.getByRole('button', { name: 'Agregar al carro' }).click();
  await page.getByRole('dialog').getByRole('link', { name: 'Ir a pagar' }).click();
  await page.getByLabel('Calle').fill('Los Carrera');
  await page.getByLabel('Número').fill('50');
  await page.getByLabel('Región').selectOption('CL-BI');
  await page.getByLabel('Comuna').selectOption('Concepción');
  await page.getByRole('radio', { name: /Pago contra entrega/ }).check();
  await page.getByRole('button', { name: 'Confirmar pedido' }).click();
  await page.getByRole('link', { name: 'Ver mi pedido' }).click();
  await page.getByTestId('order-status').waitFor();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Cancelar pedido' }).click();
  await page.getByTestId('order-status').filter({ hasText: 'Cancelado' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Cancelar pedido' }).count(), 0);

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('order-status').filter({ hasText: 'Cancelled' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByTestId('order-status').filter({ hasText: 'Cancelado' }).waitFor();
  await page.context().close();
});
