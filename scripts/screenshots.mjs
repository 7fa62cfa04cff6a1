// Screenshots of the widget in each state, from the built script-tag bundle, for a person
// to look at: `npm run screenshots` writes test-results/screenshots/*.png.
import { mkdir } from 'node:fs/promises';
import { launchBrowser, startSite } from '../test/e2e/support/site.mjs';

const folder = 'test-results/screenshots';
await mkdir(folder, { recursive: true });
const site = await startSite();
const browser = await launchBrowser();

async function capture(name, prepare, { width = 520, colorScheme = 'light', path = 'landing-quick.html' } = {}) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
  await page.goto(`${site.origin}/${path}`);
  await prepare(page);
  await page.locator('lead-capture').screenshot({ path: `${folder}/${name}.png` });
  await page.close();
  console.log(`${folder}/${name}.png`);
}

const submit = (page) => page.getByRole('button', { name: 'Get the download' }).click();

await capture('1-idle', async () => {});
await capture('2-invalid', async (page) => {
  await page.getByLabel('Call me').check();
  await page.getByRole('textbox', { name: 'Email (required)' }).fill('ada@');
  await submit(page);
});
await capture('3-call-filled', async (page) => {
  await page.getByLabel('Call me').check();
  await page.getByRole('textbox', { name: 'Name (optional)' }).fill('Ada Lovelace');
  await page.getByRole('textbox', { name: 'Email (required)' }).fill('ada@example.com');
  await page.getByRole('textbox', { name: 'Phone (required)' }).fill('+44 20 7946 0958');
  await page.getByLabel('We still build reports by hand').check();
});
await capture('4-sent', async (page) => {
  await page.getByLabel('Email me').check();
  await page.getByRole('textbox', { name: 'Email (required)' }).fill('ada@example.com');
  await submit(page);
  await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
});
await capture('5-queued', async (page) => {
  await page.evaluate(() => {
    const widget = document.querySelector('lead-capture');
    widget.setAttribute('endpoint', 'http://127.0.0.1:9/leads');
    widget.setAttribute('retries', '0');
  });
  await page.getByLabel('Call me').check();
  await page.getByRole('textbox', { name: 'Email (required)' }).fill('ada@example.com');
  await page.getByRole('textbox', { name: 'Phone (required)' }).fill('+44 20 7946 0958');
  await submit(page);
  await page.locator('lead-capture[state="queued"]').waitFor();
});
await capture('6-error', async (page) => {
  // The endpoint refuses the lead (here: a tampered lead fails the receiver's validation).
  await page.evaluate(() => {
    const original = window.fetch;
    window.fetch = (url, init) => original(url, { ...init, body: '{}' });
  });
  await page.getByLabel('Email me').check();
  await page.getByRole('textbox', { name: 'Email (required)' }).fill('ada@example.com');
  await submit(page);
  await page.locator('lead-capture[state="error"]').waitFor();
});
await capture('7-narrow-320', async () => {}, { width: 320 });

// The same form in the other looks: dark, right-to-left, German.
const fillCall = async (page, submitLabel) => {
  await page.locator('lead-capture input[value="call"]').check();
  await page.locator('lead-capture #email').fill('ada@');
  await page.getByRole('button', { name: submitLabel }).click();
};
await capture('8-dark-invalid', (page) => fillCall(page, 'Get the download'), { colorScheme: 'dark' });
await capture('9-dark-sent', async (page) => {
  await page.locator('lead-capture input[value="none"]').check();
  await submit(page);
  await page.locator('lead-capture[state="sent"]').waitFor();
}, { colorScheme: 'dark' });
await capture('10-rtl-invalid', (page) => fillCall(page, 'Get the download'), { path: 'landing-rtl.html' });
await capture('11-german-invalid', (page) => fillCall(page, 'Jetzt herunterladen'), { path: 'landing-de.html' });
await capture('12-german-sent', async (page) => {
  await page.locator('lead-capture input[value="email"]').check();
  await page.locator('lead-capture #email').fill('ada@example.com');
  await page.getByRole('button', { name: 'Jetzt herunterladen' }).click();
  await page.locator('lead-capture[state="sent"]').waitFor();
}, { path: 'landing-de.html' });

await browser.close();
await site.close();
