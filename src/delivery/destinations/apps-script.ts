import { isRecord, jsonOf, problemText, statusOutcome } from './answers.js';
import { form } from './form.js';
import type { Destination } from './index.js';

/**
 * A Google Apps Script web app (`doPost(e)`, fields in `e.parameter`). It takes no preflight
 * and answers every POST with a 302 to script.googleusercontent.com, where its output waits:
 * the one redirect this widget follows. After a 302 the browser fetches the output with a
 * GET, so the lead itself goes only to the URL the site named.
 */
export const appsScript: Destination = {
  handover: (lead, target) => ({ ...form.handover(lead, target), redirect: 'follow' }),
  async read(response) {
    if (!response.ok) return statusOutcome(response);
    // A script that threw answers 200 with Google's HTML error page.
    if (/html/i.test(response.headers.get('Content-Type') ?? '')) {
      await response.text().catch(() => '');
      return { kind: 'rejected', status: response.status, problem: 'The Apps Script failed (it answered with an error page): check its doPost.' };
    }
    const body = await jsonOf(response);
    if (isRecord(body) && (body.ok === false || body.result === 'error')) {
      return { kind: 'rejected', status: response.status, problem: problemText(body) ?? 'The Apps Script refused the lead.' };
    }
    return { kind: 'delivered', status: response.status, confirmed: true };
  },
};
