// Helpers for the browser tests: Debian's Chromium through playwright-core (no browser download),
// a page that fails the test on console errors, API shortcuts, axe-core and screenshots.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

export const BASE = process.env.E2E_BASE_URL;
if (!BASE) throw new Error('E2E_BASE_URL is not set: run the suite with `npm run e2e`');
export const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });
export const ADMIN = { email: 'admin@moderno.test', password: 'Admin-Clave-2026!' };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/** A fresh context (own cookies and storage) and page; console errors are collected. */
export async function newPage(browser, { width = 1280, height = 900 } = {}) {
  // bypassCSP lets axe-core be injected as an inline script under the server's script-src 'self'.
  const context = await browser.newContext({ viewport: { width, height }, locale: 'es-CL', timezoneId: 'America/Santiago', bypassCSP: true });
  // Generous: the CI machine has 2 cores shared with the server and, at times, compilers.
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('console', (m) => {
    // 4xx answers the app expects (validation, forbidden) are logged by Chromium as failed loads.
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) page.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => page.consoleErrors.push(String(e)));
  // Requests in flight, for waitForQuiet: the live event stream stays open while signed in.
  page.inflight = new Set();
  page.on('request', (r) => { if (!isEventStream(r.url())) page.inflight.add(r); });
  page.on('requestfinished', (r) => page.inflight.delete(r));
  page.on('requestfailed', (r) => page.inflight.delete(r));
  return page;
}

function isEventStream(u) {
  return new URL(u).pathname === '/api/v1/events';
}

/**
 * Like waitForLoadState('networkidle') (no request for 500 ms), but without counting the live
 * event stream (GET /api/v1/events), which never ends while someone is signed in: with it open,
 * networkidle would never come.
 */
export async function waitForQuiet(page, { idleMs = 500, timeout = 30_000 } = {}) {
  await page.waitForLoadState('load');
  const end = Date.now() + timeout;
  let quietSince = Date.now();
  while (Date.now() < end) {
    if (page.inflight.size > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= idleMs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`still loading after ${timeout} ms: ${[...page.inflight].map((r) => r.url()).join(', ')}`);
}

export function url(path) {
  return BASE + path;
}

export async function shot(page, name) {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

let counter = 0;
export function uniqueEmail(prefix = 'cliente') {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@ejemplo.cl`;
}

export const PASSWORD = 'Clave-Segura-2026';

/** Registers a customer through the API. */
export async function apiRegister(email, name = 'Cliente Prueba') {
  const r = await fetch(url('/api/v1/auth/register'), {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, name }),
  });
  assert.equal(r.status, 201, await r.text());
}

/** Signs in through the login form. */
export async function uiLogin(page, email, password = PASSWORD) {
  await page.goto(url('/ingresar'));
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/ingresar'));
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * The signed-in page's access token, the way the app gets one: a refresh with its HttpOnly cookie
 * (the token is in no storage a script could read). Also checks that nothing token-like is stored.
 */
export async function accessTokenOf(page) {
  const { token, stored, cookies } = await page.evaluate(async () => {
    const r = await fetch('/api/v1/auth/refresh', { method: 'POST', headers: { 'X-Session': 'cookie' }, credentials: 'same-origin' });
    const body = await r.json();
    return { token: body.access_token, stored: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }), cookies: document.cookie };
  });
  if (!token) throw new Error('no access token from the refresh cookie');
  if (/access_token|refresh_token|eyJ/.test(stored)) throw new Error(`a token is stored where scripts can read it: ${stored}`);
  if (/moderno_refresh/.test(cookies)) throw new Error('the refresh cookie is readable by scripts (not HttpOnly)');
  return token;
}
