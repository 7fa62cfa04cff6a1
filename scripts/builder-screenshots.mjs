// Screenshots of the builder for docs/builder.md: `node scripts/builder-screenshots.mjs` builds
// the builder (as npm run build does, into a folder of its own), configures an example through
// its labelled controls, sends a test lead to a local endpoint, and writes docs/images/builder-*.png
// (light, dark, a 375 px phone, the test send, the code). Look at each before committing them.
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from './chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const images = join(root, 'docs/images');
const built = mkdtempSync(join(tmpdir(), 'builder-screenshots-'));
execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn', '--config', 'vite.builder.config.ts', '--outDir', built, '--emptyOutDir'], { cwd: root, stdio: 'inherit' });

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };
const site = createServer(async (request, response) => {
  const { pathname } = new URL(request.url, 'http://site.invalid');
  const file = normalize(join(built, decodeURIComponent(pathname.replace(/^\/builder\//, '/')) || 'index.html'));
  const path = pathname.endsWith('/') ? join(file, 'index.html') : file;
  if (!path.startsWith(built) || !(await stat(path).then((entry) => entry.isFile(), () => false))) return response.writeHead(404).end();
  response.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' });
  createReadStream(path).pipe(response);
});
// An endpoint that takes leads from the builder's page (CORS answered), for the test send.
const endpoint = createServer((request, response) => {
  const cors = { 'Access-Control-Allow-Origin': request.headers.origin ?? '*', 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key' };
  request.resume();
  request.on('end', () => response.writeHead(request.method === 'OPTIONS' ? 204 : 201, { ...cors, 'Content-Type': 'application/json' }).end(request.method === 'OPTIONS' ? '' : '{"id":"stored"}'));
});
const listen = (server) => new Promise((done) => server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${server.address().port}`)));
const origin = await listen(site);
const endpointOrigin = await listen(endpoint);
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });

/** The example of docs/builder.md, entered as a person would. */
async function configure(page) {
  await page.getByLabel('Endpoint', { exact: true }).fill(`${endpointOrigin}/leads`);
  await page.getByLabel('Offer id', { exact: true }).fill('benchmark-2026');
  await page.getByLabel('Offer title', { exact: true }).fill('The 2026 Reporting Benchmark');
  await page.getByLabel('Asset link').fill('/files/benchmark.pdf');
  await page.getByLabel('Privacy policy link').fill('/privacy');
  for (const [label, code] of [
    ['We still build reports by hand', 'manual-reports'],
    ['Month-end close takes over a week', 'slow-close'],
  ]) {
    await page.getByRole('button', { name: 'Add an indicator' }).click();
    const row = page.getByRole('group', { name: /^Indicator \d$/ }).last();
    await row.getByLabel('Label').fill(label);
    await row.getByLabel('Code').fill(code);
  }
  await page.waitForFunction(() => document.querySelector('.reservation')?.textContent?.includes('Measured'), null, { timeout: 120_000 });
}

async function open({ width = 1280, height = 900, colorScheme = 'light' } = {}) {
  const page = await browser.newPage({ viewport: { width, height }, colorScheme });
  await page.goto(`${origin}/builder/`);
  await configure(page);
  if (colorScheme === 'dark') await page.getByRole('radio', { name: 'Dark' }).check();
  await page.waitForTimeout(800);
  // The page as it opens: at the top, no field focused.
  await page.evaluate(() => {
    document.activeElement?.blur();
    scrollTo(0, 0);
  });
  return page;
}

const shot = async (target, name) => {
  await target.screenshot({ path: join(images, `builder-${name}.png`) });
  console.log(`docs/images/builder-${name}.png`);
};

let page = await open();
await shot(page, 'light');
await page.getByRole('button', { name: 'Send a test lead' }).click();
await page.locator('.test-report .headline').waitFor();
await shot(page.getByRole('region', { name: 'Test send' }), 'test-send');
await shot(page.getByRole('region', { name: 'Embed code' }), 'code');
await page.close();

page = await open({ colorScheme: 'dark' });
await shot(page, 'dark');
await page.close();

page = await open({ width: 375, height: 812 });
await shot(page, 'phone');
await page.close();

await browser.close();
site.close();
endpoint.close();
rmSync(built, { recursive: true, force: true });
