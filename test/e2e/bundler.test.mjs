// The built package consumed the way a web developer does: `import 'lead-capture'` in an app
// bundled by Vite. A wrong `sideEffects` in package.json would let the bundler drop the
// registration silently, so the check is in a browser: the element must upgrade and render.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'vite';
import { launchBrowser, serveStatic } from './support/site.mjs';
import { createServer } from 'node:http';

const root = resolve(import.meta.dirname, '../..');
const app = join(root, 'node_modules/.cache/bundler-consumer');
let server;
let origin;
let browser;

before(async () => {
  rmSync(app, { recursive: true, force: true });
  mkdirSync(join(app, 'node_modules'), { recursive: true });
  // The package as an installed dependency (its own lit and zod come from the project).
  symlinkSync(root, join(app, 'node_modules/lead-capture'), 'dir');
  writeFileSync(join(app, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>App</title>
<script type="module" src="./main.js"></script></head><body>
<lead-capture endpoint="/api/leads" offer-title="The Benchmark"></lead-capture></body></html>`);
  writeFileSync(join(app, 'main.js'), "import 'lead-capture';\n");
  // lead-capture/element: the classes without registering; the app defines its own tag name.
  writeFileSync(join(app, 'element.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Own tag</title>
<script type="module" src="./element.js"></script></head><body>
<acme-lead-form endpoint="/api/leads"></acme-lead-form></body></html>`);
  writeFileSync(
    join(app, 'element.js'),
    `import { LeadCapture, defineLeadCapture } from 'lead-capture/element';
window.registeredOnImport = customElements.get('lead-capture') !== undefined || customElements.get('lead-indicator') !== undefined;
customElements.define('acme-lead-form', class extends LeadCapture {});
window.defineLeadCapture = defineLeadCapture;
`,
  );
  await build({
    root: app,
    configFile: false,
    logLevel: 'error',
    build: { outDir: join(app, 'dist'), emptyOutDir: true, rolldownOptions: { input: { main: join(app, 'index.html'), element: join(app, 'element.html') } } },
  });
  server = createServer((request, response) => {
    request.url = `/bundled${request.url}`;
    serveStatic(request, response);
  });
  await new Promise((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((resolveClose) => server?.close(resolveClose) ?? resolveClose());
  rmSync(app, { recursive: true, force: true });
});

test('import "lead-capture" in a Vite app registers the element (sideEffects keeps it)', async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => customElements.get('lead-capture') !== undefined, undefined, { timeout: 10_000 });
  assert.equal(await page.locator('lead-capture').getByRole('button', { name: 'Get the download' }).count(), 1);
  await page.close();
});

test('import from "lead-capture/element" registers nothing; the app defines its own tag, and defineLeadCapture registers on request', async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/element.html`);
  await page.waitForFunction(() => customElements.get('acme-lead-form') !== undefined, undefined, { timeout: 10_000 });
  assert.equal(await page.evaluate(() => window.registeredOnImport), false, 'nothing registered by the import');
  assert.equal(await page.locator('acme-lead-form').getByRole('button', { name: 'Get the download' }).count(), 1);
  assert.equal(await page.evaluate(() => customElements.get('lead-capture')), undefined);
  await page.evaluate(() => window.defineLeadCapture());
  assert.equal(await page.evaluate(() => typeof customElements.get('lead-capture')), 'function');
  await page.close();
});
