// Distribution end to end: the built bundles under a strict Content Security Policy,
// declarative configuration with no JavaScript on the page, several widgets at once.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { launchBrowser, startSite, watchProblems } from './support/site.mjs';

const strict = { 'Content-Security-Policy': "default-src 'self'" };

const widget = (id, offer, extra = '') => `<lead-capture id="${id}" endpoint="/api/leads" offer="${offer}" offer-id="${id}" min-fill-ms="0"${extra}>
  <lead-indicator value="manual-reports">We still build reports by hand</lead-indicator>
</lead-capture>`;

const pages = {
  // An icon from 'self', so the only thing the policy could complain about is the widget.
  '/favicon.ico': { headers: { 'Content-Type': 'image/x-icon' }, html: () => '' },
  '/csp-iife.html': {
    headers: strict,
    html: () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CSP</title>
<script src="/dist/lead-capture.iife.js"></script></head><body>${widget('csp', 'download')}</body></html>`,
  },
  '/csp-module.html': {
    headers: strict,
    html: () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CSP module</title>
<script type="module" src="/dist/lead-capture.min.js"></script></head><body>${widget('csp-module', 'download')}</body></html>`,
  },
  '/declarative.html': {
    headers: strict,
    html: () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Declarative</title>
<script src="/dist/lead-capture.iife.js"></script></head><body>
${widget('guide', 'download')}
<lead-capture id="webinar" endpoint="/api/leads" offer="event" min-fill-ms="0">
  <script type="application/json" slot="config">
    { "offerId": "webinar-2026", "offerTitle": "Close faster: the webinar", "maxCallAttempts": 1,
      "strings": { "submitEvent": "Save my seat" },
      "indicators": [{ "value": "audit-findings", "label": "Our auditors keep finding errors" }] }
  </script>
</lead-capture>
</body></html>`,
  },
};

let site;
let browser;
before(async () => {
  site = await startSite({ pages });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

for (const [path, name] of [
  ['/csp-iife.html', 'the script-tag bundle'],
  ['/csp-module.html', 'the CDN module (dist/lead-capture.min.js)'],
]) {
  test(`${name} renders and submits under Content-Security-Policy: default-src 'self'`, async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    const response = await page.goto(`${site.origin}${path}`);
    assert.equal(response.headers()['content-security-policy'], "default-src 'self'");
    const form = page.locator('lead-capture');
    await form.getByLabel('Email me').check();
    await form.getByRole('textbox', { name: 'Email (required)' }).fill('ada@example.com');
    await form.getByRole('button', { name: 'Get the download' }).click();
    await page.locator('lead-capture[state="sent"]').waitFor();
    // Styled, not just present: the widget's own stylesheet applied despite the policy.
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('lead-capture').shadowRoot.querySelector('.surface')).backgroundColor);
    assert.equal(background, 'rgb(255, 255, 255)');
    assert.deepEqual(problems, [], 'no CSP violation, no error');
    await page.close();
  });
}

test("the script-tag bundles open with V8's compile hint, so their functions compile while they stream in", () => {
  for (const file of ['lead-capture.iife.js', 'lead-capture.min.js']) {
    const code = readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
    assert.ok(code.startsWith('//# allFunctionsCalledOnLoad\n'), `${file} starts with ${JSON.stringify(code.slice(0, 40))}`);
  }
});

test('the script tag defines window.LeadCapture with the classes, as the README says', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.origin}/csp-iife.html`);
  const global = await page.evaluate(() => ({
    names: Object.keys(window.LeadCapture).sort(),
    registered: customElements.get('lead-capture') === window.LeadCapture.LeadCapture && customElements.get('lead-indicator') === window.LeadCapture.LeadIndicator,
  }));
  assert.deepEqual(global, { names: ['LeadCapture', 'LeadIndicator', 'defineLeadCapture'], registered: true });
  await page.close();
});

test('declarative configuration, no JavaScript on the page: several widgets, each on its own', async () => {
  const page = await browser.newPage();
  const problems = watchProblems(page);
  await page.goto(`${site.origin}/declarative.html`);
  const guide = page.locator('#guide');
  const webinar = page.locator('#webinar');
  assert.equal(await webinar.getByRole('button').textContent().then((text) => text.trim()), 'Save my seat');
  assert.equal(await webinar.getByLabel('Our auditors keep finding errors').count(), 1);

  await guide.getByLabel("Just the content, please don't contact me").check();
  await webinar.getByLabel('Call me').check();
  await webinar.getByRole('textbox', { name: 'Email (required)' }).fill('ada@example.com');
  await webinar.getByRole('textbox', { name: 'Phone (required)' }).fill('+1 555 010 0199');
  await webinar.getByLabel('Our auditors keep finding errors').check();
  await webinar.getByRole('button', { name: 'Save my seat' }).click();
  await page.locator('#webinar[state="sent"]').waitFor();
  assert.equal(await page.locator('#guide').getAttribute('state'), 'idle', 'the other widget is untouched');
  assert.equal(await guide.getByLabel("Just the content, please don't contact me").isChecked(), true);

  const [{ lead }] = await site.leads();
  assert.deepEqual(lead.offer, { kind: 'event', id: 'webinar-2026', title: 'Close faster: the webinar' });
  assert.equal(lead.temperature, 'hot');
  assert.equal(lead.contactPolicy.maxCallAttempts, 1);
  assert.deepEqual(lead.indicators, [{ value: 'audit-findings', label: 'Our auditors keep finding errors' }]);
  assert.deepEqual(problems, []);
  await page.close();
});
