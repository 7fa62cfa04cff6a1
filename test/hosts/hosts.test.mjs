// The packed package in stock apps made by each framework's own starter (create-vite's
// react-ts, vue-ts, svelte-ts; Angular 21's ng new): installed from the tarball `npm pack` makes, type-checked
// by the app's own checker, built for production, and driven in Chromium against a real
// lead endpoint on another origin. Run by scripts/test-hosts.mjs (npm run test:hosts),
// which builds the library first when dist/ is stale.
//
// Each app has two pages: index.html imports 'lead-capture/<framework>' before it renders;
// late.html renders <lead-capture> (indicators set) first and imports the package after the
// first render, so the framework sets everything on an element that is not defined yet (late
// registration). Svelte and Angular keep the array as a property; React and Vue would write it
// as the attribute "[object Object],…", so their late pages pass it as JSON text, as the README says. Angular has one page; `?late` does the same there.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { copyFile, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { launchBrowser, startSite } from '../e2e/support/site.mjs';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const npmFlags = ['--prefer-offline', '--no-audit', '--no-fund'];

const vite = (...args) => ['npx', 'vite', 'build', '--logLevel', 'warn', ...args];
const viteApp = { build: [vite()], devBuild: [vite('--mode', 'development', '--outDir', 'dist-dev')], folders: { dist: 'dist', 'dist-dev': 'dist-dev' }, pages: ['index.html', 'late.html'], typings: true };

/**
 * Each app: its own type check (the starter's), its production and development builds and
 * where they land, its two pages (registered before render, late), and whether the package
 * ships typings for it (lead-capture/<name>). Angular's build is its type check (AOT, strict
 * templates) and it has one page, told apart by `?late`.
 */
const apps = [
  { name: 'react', check: [['npx', 'tsc', '-b']], ...viteApp },
  { name: 'vue', check: [['npx', 'vue-tsc', '-b']], ...viteApp },
  { name: 'svelte', check: [['npm', 'run', 'check']], ...viteApp },
  {
    name: 'angular',
    check: [['npx', 'ng', 'build']],
    build: [],
    devBuild: [['npx', 'ng', 'build', '--configuration', 'development', '--output-path', 'dist-dev']],
    folders: { dist: 'dist/ng-host/browser', 'dist-dev': 'dist-dev/browser' },
    pages: ['', '?late'],
    typings: false,
  },
].map((app) => ({ ...app, dir: join(import.meta.dirname, app.name), offerId: `host-${app.name}` }));

/** Runs a command in an app's folder; on failure the error carries everything it printed. */
async function sh(cwd, [command, ...args], env = {}) {
  try {
    return await run(command, args, { cwd, env: { ...process.env, NG_CLI_ANALYTICS: 'false', ...env }, maxBuffer: 32 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${error.stdout}\n${error.stderr}`);
  }
}

let tarball;
let packDir;
const installed = new Map();

before(async () => {
  packDir = await mkdtemp(join(tmpdir(), 'lead-capture-pack-'));
  const { stdout } = await sh(root, ['npm', 'pack', '--json', '--pack-destination', packDir]);
  tarball = join(packDir, JSON.parse(stdout)[0].filename);
  // Installs are mostly waiting on the network and the disk: all three at once.
  for (const app of apps) {
    installed.set(
      app.name,
      (async () => {
        await sh(app.dir, ['npm', 'ci', ...npmFlags]);
        await sh(app.dir, ['npm', 'install', '--no-save', ...npmFlags, tarball]);
      })(),
    );
  }
  // A rejection is reported by the app's own test, not as an unhandled one here.
  for (const promise of installed.values()) promise.catch(() => {});
});

after(async () => {
  if (packDir) await rm(packDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------
// The lead endpoint: lead-capture-receiver (validates with parseLead, answers CORS and its
// preflight for any origin) on its own origin, counting every POST it answers, duplicates included.

const endpoint = { posts: [], waiters: [], known: new Set() };

before(async () => {
  endpoint.site = await startSite({
    onPost: (post) => {
      endpoint.posts.push(post);
      for (const wake of endpoint.waiters.splice(0)) wake();
    },
  });
  endpoint.url = `${endpoint.site.origin}/api/leads`;
});

after(() => endpoint.site?.close());

/** Resolves when the endpoint has answered `count` POSTs; rejects after `ms`. */
function postsReceived(count, ms = 15_000) {
  return new Promise((resolveWait, rejectWait) => {
    const timer = setTimeout(() => rejectWait(new Error(`the endpoint answered ${endpoint.posts.length} POSTs in ${ms} ms, expected ${count}`)), ms);
    const wake = () => {
      if (endpoint.posts.length < count) return void endpoint.waiters.push(wake);
      clearTimeout(timer);
      resolveWait();
    };
    wake();
  });
}

/** The leads stored since the endpoint was last cleared. */
async function storedLeads() {
  return (await endpoint.site.leads()).filter((record) => !endpoint.known.has(record.id));
}

async function clearEndpoint() {
  for (const record of await endpoint.site.leads()) endpoint.known.add(record.id);
  endpoint.posts.length = 0;
}

// ---------------------------------------------------------------------------------------
// The built app, served from its own origin (Vite builds with absolute /assets/ paths).

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml', '.map': 'application/json' };

async function serveFolder(folder) {
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, 'http://app.invalid');
    const file = normalize(join(folder, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    try {
      if (!file.startsWith(folder) || !(await stat(file)).isFile()) throw new Error('not found');
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(response);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((done) => server.close(done)) };
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * Console warnings and errors of a page. Lit's one-line notice that its development build
 * is in use (dist-dev bundles it) is expected there and is not a problem of the app.
 */
function watchConsole(page) {
  const problems = [];
  page.on('console', (message) => {
    if (!['warning', 'error'].includes(message.type())) return;
    if (message.text().startsWith('Lit is in dev mode.')) return;
    problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

/**
 * One visit: the widget renders inside the app, indicators given as a property become
 * checkboxes, a capture reaches the endpoint exactly once and the app's listener sees it,
 * and the console stays clean. Each claim is its own subtest, so a failure names it.
 */
async function visit(t, app, origin, pagePath) {
  await clearEndpoint();
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watchConsole(page);
  try {
    await page.goto(`${origin}/${pagePath}${pagePath.includes('?') ? '&' : '?'}endpoint=${encodeURIComponent(endpoint.url)}`);
    const widget = page.locator('lead-capture');

    await t.test('the widget renders inside the app (a form in its shadow root)', async () => {
      await page.waitForFunction(() => customElements.get('lead-capture') !== undefined, undefined, { timeout: 15_000 });
      await widget.locator('form').waitFor({ timeout: 15_000 });
      assert.equal(await widget.evaluate((element) => element.shadowRoot?.querySelector('form') !== null), true);
      assert.match(await page.locator('h1').textContent(), new RegExp(app.name, 'i'), 'the app rendered around it');
    });

    const indicatorBoxes = widget.locator('input[name="indicator"]');
    await t.test('indicators set as a property (an array) render as checkboxes', async () => {
      const diagnosis = await widget.evaluate((element) => ({
        property: Array.isArray(element.indicators) ? `array of ${element.indicators.length}` : typeof element.indicators,
        attribute: element.getAttribute('indicators'),
      }));
      assert.deepEqual(await indicatorBoxes.evaluateAll((boxes) => boxes.map((box) => box.value)), ['manual-reports', 'slow-close'], `indicators property: ${diagnosis.property}, attribute: ${diagnosis.attribute}`);
    });

    await t.test('a capture reaches the endpoint exactly once and the app hears lead-sent', async () => {
      const hasIndicators = (await indicatorBoxes.count()) > 0;
      await widget.locator('input[name="preference"][value="none"]').check();
      if (hasIndicators) await widget.locator('input[name="indicator"][value="slow-close"]').check();
      await widget.locator('button[type="submit"]').click();
      await postsReceived(1);
      await page.waitForFunction(() => document.querySelector('#host-status')?.textContent?.startsWith('lead-sent'), undefined, { timeout: 15_000 });
      assert.equal(await page.locator('#host-status').textContent(), `lead-sent 201 ${app.offerId}`);
      const leads = await storedLeads();
      assert.equal(leads.length, 1);
      assert.equal(leads[0].lead.offer.id, app.offerId);
      assert.equal(leads[0].lead.contact.preference, 'none');
      if (hasIndicators) assert.deepEqual(leads[0].lead.indicators.map((indicator) => indicator.value), ['slow-close']);
      assert.deepEqual(endpoint.posts, [{ status: 201, origin }], 'one cross-origin POST, answered 201');
      await page.close();
      assert.equal(endpoint.posts.length, 1, 'nothing more was sent when the page closed');
    });

    await t.test('no framework or element warning or error in the console', () => {
      assert.deepEqual(problems, []);
    });
  } finally {
    await context.close();
  }
}

for (const app of apps) {
  describe(app.name, () => {
    test('installs the packed package with npm ci', async () => {
      await installed.get(app.name);
    });

    test("type-checks with the app's own checker (the @ts-expect-error lines are needed)", async () => {
      await installed.get(app.name);
      for (const command of app.check) await sh(app.dir, command);
    });

    test(`the hand-written lead-capture/${app.name} typings have no errors of their own`, { skip: !app.typings && 'no typings entry for it' }, async () => {
      // The apps check with skipLibCheck on (the starters' default), which hides errors inside
      // a .d.ts. Checking with it off takes a minute (zod's and the framework's types), so the
      // file is checked as a .ts copy beside it: the same declarations, the libraries skipped.
      await installed.get(app.name);
      const types = join(app.dir, 'node_modules/lead-capture/dist/types');
      await copyFile(join(types, `${app.name}.d.ts`), join(types, `${app.name}.check.ts`));
      await writeFile(
        join(app.dir, 'tsconfig.libcheck.json'),
        JSON.stringify({
          compilerOptions: { strict: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2023', 'dom', 'dom.iterable'], types: [], skipLibCheck: true, noEmit: true, noUnusedLocals: true },
          files: [`node_modules/lead-capture/dist/types/${app.name}.check.ts`],
        }),
      );
      try {
        await sh(app.dir, ['npx', 'tsc', '-p', 'tsconfig.libcheck.json']);
      } finally {
        await rm(join(types, `${app.name}.check.ts`));
      }
    });

    test('builds for production, and for development (framework warnings are development-only)', async () => {
      await installed.get(app.name);
      for (const command of app.build) await sh(app.dir, command);
      for (const command of app.devBuild) await sh(app.dir, command, { NODE_ENV: 'development' });
    });

    for (const [build, folder] of Object.entries(app.folders)) {
      for (const [index, pagePath] of app.pages.entries()) {
        const label = index === 1 ? 'late registration (defined after the first render)' : 'registered before render';
        test(`${build}: ${label}`, async (t) => {
          await stat(join(app.dir, folder, 'index.html'));
          const site = await serveFolder(join(app.dir, folder));
          try {
            await visit(t, app, site.origin, pagePath);
          } finally {
            await site.close();
          }
        });
      }
    }
  });
}
