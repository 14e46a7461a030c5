// Staff two-step verification in the browser: a manager turns it on from the account's security
// page (QR code, key, first code, recovery codes), then signing in asks for the app's code; a
// recovery code also works, once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { ADMIN, PASSWORD, apiRegister, launch, newPage, shot, uniqueEmail, url } from '../support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

// RFC 6238 as an authenticator app computes it, for a given 30-second step.
function totp(key, step) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(msg).digest();
  const o = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
const stepNow = () => Math.floor(Date.now() / 30_000);

async function api(path, { method = 'GET', token, body } = {}) {
  const r = await fetch(url(`/api/v1${path}`), {
    method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, body: r.status === 204 ? null : await r.json() };
}

/** A new manager (registered, then promoted by the admin). */
async function newManager() {
  const email = uniqueEmail('gerente');
  await apiRegister(email, 'Gerente Prueba');
  const admin = await api('/auth/login', { method: 'POST', body: ADMIN });
  const users = await api(`/admin/users?search=${encodeURIComponent(email)}`, { token: admin.body.access_token });
  const id = users.body.data[0].id;
  const promoted = await api(`/admin/users/${id}`, { method: 'PATCH', token: admin.body.access_token, body: { role: 'manager' } });
  assert.equal(promoted.status, 200, JSON.stringify(promoted.body));
  return email;
}

async function passwordStep(page, email) {
  await page.goto(url('/ingresar?next=/admin'));
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.getByTestId('second-factor').waitFor();
}

test('a manager turns on two-step verification and then signs in with the app code or a recovery code', async () => {
  const email = await newManager();
  const page = await newPage(browser);
  await page.goto(url('/ingresar'));
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/ingresar'));

  await page.goto(url('/cuenta/seguridad'));
  await page.getByRole('button', { name: 'Activar la verificación en dos pasos' }).click();
  await page.getByTestId('totp-qr').waitFor();
  const key = base32Decode(await page.getByTestId('totp-secret').innerText());
  let used = stepNow();
  await page.getByLabel('Código de verificación').fill(totp(key, used));
  await page.getByRole('button', { name: 'Confirmar y activar' }).click();
  await page.getByTestId('recovery-codes').locator('li').first().waitFor();  // shown once the server answers
  const codes = (await page.getByTestId('recovery-codes').locator('li').allInnerTexts()).map((c) => c.trim());
  assert.equal(codes.length, 10);
  assert.match(await page.getByTestId('twofa-status').innerText(), /Activada desde/);
  await shot(page, 'two-factor-enabled');

  // Signing in again: the password alone no longer lets in; the next code of the app does.
  const second = await newPage(browser);
  await passwordStep(second, email);
  assert.equal(await second.evaluate(() => localStorage.getItem('moderno.session')), null, 'no session before the code');
  used = Math.max(stepNow(), used + 1);  // a code is accepted once: the app's next one
  await second.getByLabel('Código de verificación').fill(totp(key, used));
  await second.getByRole('button', { name: 'Verificar' }).click();
  await second.waitForURL((u) => u.pathname.startsWith('/admin'));
  await second.getByRole('heading', { level: 1 }).waitFor();

  // A recovery code works once.
  const third = await newPage(browser);
  await passwordStep(third, email);
  await third.getByRole('button', { name: 'Usar un código de recuperación' }).click();
  await third.getByLabel('Código de recuperación').fill(codes[0]);
  await third.getByRole('button', { name: 'Verificar' }).click();
  await third.waitForURL((u) => u.pathname.startsWith('/admin'));
  const fourth = await newPage(browser);
  await passwordStep(fourth, email);
  await fourth.getByRole('button', { name: 'Usar un código de recuperación' }).click();
  await fourth.getByLabel('Código de recuperación').fill(codes[0]);
  await fourth.getByRole('button', { name: 'Verificar' }).click();
  const field = fourth.getByLabel('Código de recuperación');
  await fourth.waitForFunction((el) => el.getAttribute('aria-invalid') === 'true', await field.elementHandle());
  assert.equal(new URL(fourth.url()).pathname, '/ingresar');

  for (const p of [page, second, third, fourth]) assert.deepEqual(p.consoleErrors, []);
  for (const p of [page, second, third, fourth]) await p.context().close();
});
