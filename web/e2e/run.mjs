// Runs the browser suite: starts a fresh moderno (server.mjs), runs e2e/tests/*.test.mjs with
// node:test one file at a time, stops the server. Needs web/dist (npm run build) and a moderno binary.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { startServer } from './server.mjs';

const dir = new URL('./tests/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort()
  .filter((f) => !process.argv[2] || f.includes(process.argv[2])).map((f) => dir + f);
const server = await startServer();
console.log(`e2e against ${server.url}`);
let code = 1;
try {
  code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
      { stdio: 'inherit', env: { ...process.env, E2E_BASE_URL: server.url, E2E_WEBPAY_URL: server.webpay ?? '' } });
    child.on('exit', (c) => resolve(c ?? 1));
  });
} finally {
  await server.stop();
}
process.exit(code);
