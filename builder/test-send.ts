import { candidateLead } from '../src/capture/lead-for.js';
import { consentDigest } from '../src/consent/sha256.js';
import type { SendOutcome } from '../src/delivery/destinations/types.js';
import { sendLead } from '../src/delivery/send.js';
import { builtInLocales, localeFor } from '../src/i18n/locales.js';
import { labelKey } from '../src/i18n/strings.js';
import { createLeadId } from '../src/lead/identity.js';
import { parseUrl } from '../src/lead/page-context.js';
import { parseLead, type Lead } from '../src/lead/schema.js';
import type { BuilderState } from './configuration.js';
import { destinationNames } from './destinations.js';
import { problemsOf } from './problems.js';
import { unanswered } from './test-send-probe.js';
import { delivered, refused, serverError, testContact, type Answer, type Page, type TestSendReport } from './test-send-report.js';

export type { TestSendReport, Verdict } from './test-send-report.js';
export { testContact } from './test-send-report.js';

/**
 * The test send: one lead marked `"test": true`, built by the widget's own lead builder,
 * validated by `parseLead`, and sent by `sendLead` exactly as the widget sends it, then told in
 * plain words. The browser hides why a request failed; what the page can learn (a CORS `HEAD`,
 * a `no-cors` probe, the status and body of a readable answer) is asked, and what stays
 * uncertain is said.
 */
export async function sendTestLead(state: BuilderState, page: Page = location): Promise<TestSendReport> {
  const notReady = (headline: string, fixes: string[] = [], details: string[] = []): TestSendReport => ({ verdict: 'not-ready', ok: false, headline, details, fixes });
  const endpointText = typeof state.values.endpoint === 'string' ? state.values.endpoint.trim() : '';
  if (!endpointText) return notReady('Enter the endpoint first: the address the widget sends leads to.');
  const absolute = parseUrl(endpointText);
  if (!absolute) {
    return notReady(`"${endpointText}" is a path on the site where you paste the code: the builder cannot reach it from here.`, [
      `To test it, enter its full address for now (https://your-site.example${endpointText.startsWith('/') ? endpointText : `/${endpointText}`}), then put the path back.`,
    ]);
  }
  const { configuration } = problemsOf(state, page.href);
  const { target, values } = configuration;
  if (!target) {
    const blocking = configuration.problems.filter((problem) => problem.attribute === 'endpoint' || problem.attribute === 'destination');
    return notReady('The widget would send nothing with these settings, so nothing was sent.', blocking.map((problem) => `${problem.attribute}: ${problem.message}`));
  }
  const endpoint = new URL(target.endpoint);
  const name = destinationNames[target.destination];
  if (page.protocol === 'https:' && endpoint.protocol === 'http:' && !isLoopback(endpoint.hostname)) {
    return {
      verdict: 'unreachable',
      ok: false,
      headline: `Blocked by the browser: a page on https:// may not send to an http:// address (${endpoint.origin}).`,
      details: [],
      fixes: ['Use the endpoint\'s https:// address. Your site\'s visitors would be blocked the same way.'],
    };
  }

  const built = await testLead(state, configuration);
  if ('issues' in built) return notReady('The widget would not send this lead: it fails its own checks.', [], built.issues);
  const lead = built.lead;

  // The answer to the lead's POST, kept for the report: sendLead reads it, a clone is read here.
  let answer: Promise<Answer | undefined> = Promise.resolve(undefined);
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await realFetch(input, init);
    if (init?.method === 'POST' && response.type !== 'opaque' && response.type !== 'opaqueredirect') {
      const copy = response.clone();
      answer = copy.text().then((body) => ({ status: copy.status, statusText: copy.statusText, body }), () => undefined);
    }
    return response;
  };
  let outcome: SendOutcome;
  try {
    outcome = await sendLead(lead, { target, timeout: values.timeout });
  } finally {
    globalThis.fetch = realFetch;
  }
  const read = await answer;
  const sentLine = `Sent one test lead (id ${lead.id}, "test": true) as ${target.destination} to ${target.endpoint}.`;

  switch (outcome.kind) {
    case 'delivered':
      return delivered(outcome, target, read, sentLine, page);
    case 'rejected':
      return refused(outcome, target, read, sentLine);
    case 'failed':
      if (outcome.reason === 'timeout') {
        return {
          verdict: 'timeout',
          ok: false,
          headline: `${name} did not answer within ${values.timeout} ms.`,
          details: [sentLine],
          fixes: ['Check that the endpoint is up and answers quickly. On a site, the widget would retry, then keep the lead in the browser and send it later.', 'If it is only slow, raise Timeout (under Delivery).'],
          uncertain: 'Whether it received the lead: a slow server may still store it.',
        };
      }
      if (outcome.reason === 'server') return serverError(outcome, target, read, sentLine);
      return unanswered(target, lead, sentLine, page);
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

/** The test lead: a prospect who asks for email and ticks the first indicator, as the widget builds it. */
async function testLead(state: BuilderState, configuration: ReturnType<typeof problemsOf>['configuration']): Promise<{ lead: Lead } | { issues: string[] }> {
  const { values } = configuration;
  // The widget's language, or English: on a site the page's language decides.
  const locale = localeFor(state.lang || undefined);
  const text = { ...builtInLocales[locale], ...values.strings };
  const indicators = values.indicators ?? [];
  const answers = { preference: 'email' as const, ...testContact, indicators: indicators.slice(0, 1).map((indicator) => indicator.value) };
  const consentText = text[labelKey('preference', answers.preference)];
  try {
    const candidate = candidateLead(answers, { configuration, locale, text, indicators }, { id: createLeadId(), consentText, textSha256: await consentDigest(consentText) });
    const parsed = parseLead({ ...candidate, test: true });
    return parsed.success ? { lead: parsed.lead } : { issues: parsed.issues.map((issue) => `${issue.path}: ${issue.message}`) };
  } catch (error) {
    return { issues: [String(error)] };
  }
}
