// Starts a real `moderno` on a fresh migrated and demo-seeded SQLite database in a temp dir,
// on a free port, serving the built web app (web/dist). Used by run.mjs and by hand:
//   node e2e/server.mjs        (prints the URL; Ctrl-C stops it and removes the temp dir)
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, openSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(new URL('../..', import.meta.url).pathname);
export const ADMIN = { email: 'admin@moderno.test', password: 'Admin-Clave-2026!' };

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

function findBinary() {
  const candidates = [process.env.MODERNO_BIN, join(root, 'build-web/moderno'), join(root, 'build/moderno')].filter(Boolean);
  const bin = candidates.find((c) => existsSync(c));
  if (!bin) throw new Error(`no moderno binary (tried ${candidates.join(', ')}); build it or set MODERNO_BIN`);
  return bin;
}

async function waitHealthy(url, deadlineMs) {
  const end = Date.now() + deadlineMs;
  let last;
  while (Date.now() < end) {
    try {
      const r = await fetch(`${url}/health/detailed`);
      const body = await r.json();
      if (r.ok && body.checks?.search?.index === 'ready') return;
      last = JSON.stringify(body.checks?.search ?? body);
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moderno did not become healthy: ${last}`);
}

// The fake Webpay (server/tests/support/fake_webpay*, built beside moderno): when present, the
// store offers Webpay Plus and the browser pays on the fake's form.
async function startFakeWebpay(bin) {
  const fake = join(dirname(bin), 'moderno_fake_webpay');
  if (!existsSync(fake)) return null;
  const port = await freePort();
  const child = spawn(fake, [String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((res, rej) => {
    child.stdout.once('data', res);
    child.once('exit', () => rej(new Error('the fake Webpay exited')));
  });
  const exited = new Promise((r) => child.once('exit', r));
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => { child.kill('SIGTERM'); await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]); },
  };
}

/** Starts the server (`env`: extra settings); resolves with { url, dataDir, webpay, stop }. */
export async function startServer({ env: extra = {} } = {}) {
  const bin = findBinary();
  const webpay = await startFakeWebpay(bin);
  const dist = join(root, 'web/dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
  const dataDir = mkdtempSync(join(tmpdir(), 'moderno-e2e-'));
  // The key sealing the secrets in backups (the Sistema page's "back up now").
  const backupKey = join(dataDir, 'backup.key');
  writeFileSync(backupKey, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
  const env = {
    ...process.env,
    WEB_DIST: dist,
    LOG_LEVEL: 'warn',
    MODERNO_ENV: 'test',
    BACKUP_KEY_FILE: backupKey,
    RATE_LIMIT_AUTH: 'off', RATE_LIMIT_GENERAL: 'off', RATE_LIMIT_SEARCH: 'off', RATE_LIMIT_ADMIN: 'off',
    // Transbank's public integration credentials, against the local fake.
    ...(webpay ? { WEBPAY_API_BASE: webpay.base, WEBPAY_COMMERCE_CODE: '597055555532',
      WEBPAY_API_KEY: '579B532A7440BB0C9079DED94D31EA1615BACEB56610332264630D42D0A36B1C' } : {}),
    ...extra,
  };
  const run = (...args) => execFileSync(bin, [...args, '--data-dir', dataDir], { env, cwd: dataDir, stdio: 'pipe' });
  run('migrate');
  run('seed', '--demo');
  run('create-admin', '--email', ADMIN.email, '--password', ADMIN.password, '--name', 'Admin E2E');
  const port = await freePort();
  const log = openSync(join(dataDir, 'server.log'), 'a');
  const child = spawn(bin, ['serve', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir],
    { env, cwd: dataDir, stdio: ['ignore', log, log] });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    await Promise.race([waitHealthy(url, 60_000), exited.then(() => { throw new Error('moderno exited; see ' + join(dataDir, 'server.log')); })]);
  } catch (e) {
    child.kill('SIGTERM');
    await webpay?.stop();
    throw e;
  }
  const stop = async () => {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    await webpay?.stop();
    if (!process.env.E2E_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, dataDir, webpay: webpay?.base ?? null, stop };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const s = await startServer();
  console.log(`moderno at ${s.url} (data ${s.dataDir}); admin ${ADMIN.email} / ${ADMIN.password}`);
  const bye = async () => { await s.stop(); process.exit(0); };
  process.on('SIGINT', bye);
  process.on('SIGTERM', bye);
}
