// What the delivery tests share: one browser and one browser context per file (a context costs
// about 0.7 s to make; each test's servers have their own port, so their own origin: storage,
// Web Locks and the outbox stay apart), fault servers and pages closed after each test even
// when an assertion failed, and the moves a prospect makes.
import { after, afterEach, before } from 'node:test';
import { FaultServer, recordLeadEvents } from './fault-server.mjs';
import { launchBrowser } from './site.mjs';

export const leadKeyPrefix = 'lead-capture:v1:lead:';

/** Registers the hooks of one test file; returns the factories whose products it cleans up. */
export function useDeliveryHarness() {
  let browser;
  let shared;
  const openedByTest = [];
  before(async () => {
    browser = await launchBrowser();
    shared = await browser.newContext();
  });
  after(async () => browser?.close());
  afterEach(async () => {
    while (openedByTest.length > 0) await openedByTest.pop()().catch(() => {});
    await shared.setOffline(false);
    await shared.clearCookies();
  });
  return {
    /** A fault server on a free port (or `port`), stopped after the test at the latest. */
    async startServer({ port, ...options } = {}) {
      const server = await new FaultServer(options).start(port);
      openedByTest.push(() => server.stop());
      return server;
    },
    /**
     * What a test needs of a browser context: pages with lead events recorded (and the
     * test's init scripts), going offline and back, closed after the test. The pages share
     * the file's context; a test's own origin keeps its storage apart.
     */
    async freshContext(initScripts = []) {
      const pages = [];
      const context = {
        async newPage() {
          const page = await shared.newPage();
          pages.push(page);
          for (const script of [recordLeadEvents, ...initScripts]) await page.addInitScript(script);
          return page;
        },
        setOffline: (offline) => shared.setOffline(offline),
        async close() {
          await Promise.all(pages.splice(0).map((page) => page.close()));
        },
      };
      openedByTest.push(() => context.close());
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
