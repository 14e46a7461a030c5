// Starts a real `moderno` on a fresh migrated and demo-seeded SQLite database in a temp dir,
// on a free port, serving the built web app (web/dist). Used by run.mjs and by hand:
//   node e2e/server.mjs        (prints the URL; Ctrl-C stops it and removes the temp dir)
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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

/** Starts the server; resolves with { url, dataDir, stop }. */
export async function startServer() {
  const bin = findBinary();
  const dist = join(root, 'web/dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
  const dataDir = mkdtempSync(join(tmpdir(), 'moderno-e2e-'));
  const env = {
    ...process.env,
    WEB_DIST: dist,
    LOG_LEVEL: 'warn',
    MODERNO_ENV: 'test',
    RATE_LIMIT_AUTH: 'off', RATE_LIMIT_GENERAL: 'off', RATE_LIMIT_SEARCH: 'off', RATE_LIMIT_ADMIN: 'off',
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
    throw e;
  }
  const stop = async () => {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    if (!process.env.E2E_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, dataDir, stop };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const s = await startServer();
  console.log(`moderno at ${s.url} (data ${s.dataDir}); admin ${ADMIN.email} / ${ADMIN.password}`);
  const bye = async () => { await s.stop(); process.exit(0); };
  process.on('SIGINT', bye);
  process.on('SIGTERM', bye);
}
