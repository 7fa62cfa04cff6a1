// What the delivery tests share: one browser, fault servers and contexts closed after each
// test even when an assertion failed, and the moves a prospect makes.
import { after, afterEach, before } from 'node:test';
import { FaultServer, recordLeadEvents } from './fault-server.mjs';
import { launchBrowser } from './site.mjs';

export const leadKeyPrefix = 'lead-capture:v1:lead:';

/** Registers the hooks of one test file; returns the factories whose products it cleans up. */
export function useDeliveryHarness() {
  let browser;
  const openedByTest = [];
  before(async () => (browser = await launchBrowser()));
  after(async () => browser?.close());
  afterEach(async () => {
    while (openedByTest.length > 0) await openedByTest.pop()().catch(() => {});
  });
  return {
    /** A fault server on a free port (or `port`), stopped after the test at the latest. */
    async startServer({ port, ...options } = {}) {
      const server = await new FaultServer(options).start(port);
      openedByTest.push(() => server.stop());
      return server;
    },
    /** A fresh browser context (its own storage) with lead events recorded. */
    async freshContext(initScripts = []) {
      const context = await browser.newContext();
      openedByTest.push(() => context.close());
      await context.addInitScript(recordLeadEvents);
      for (const script of initScripts) await context.addInitScript(script);
      return context;
    },
  };
}

export function widgetUrl(server, options = {}) {
  const parameters = new URLSearchParams({ endpoint: server.endpoint, ...options });
  return `${server.origin}/widget.html?${parameters}`;
}

/** Chooses "just the content" in the first widget (or the given one) and submits. */
export async function capture(page, widget = '#widget-0') {
  const form = page.locator(widget);
  await form.getByLabel("Just the content, please don't contact me").check();
  await form.getByRole('button', { name: 'Get the download' }).click();
}

export function leadEvents(page) {
  return page.evaluate(() => window.leadEvents);
}

/** Waits for the page's outbox to be empty: removal follows the endpoint's answer. */
export function outboxEmptied(page) {
  return page.waitForFunction((prefix) => !Object.keys(localStorage).some((key) => key.startsWith(prefix)), leadKeyPrefix);
}
