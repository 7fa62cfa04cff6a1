import { statusOutcome } from './answers.js';
import { form } from './form.js';
import type { Destination } from './types.js';

/**
 * A Google Apps Script web app (`doPost(e)`, fields in `e.parameter`). It takes no preflight
 * and answers a POST whose doPost returned with a 302 to script.googleusercontent.com, where
 * the output waits. That redirect is not followed: a fetch cannot tell it from a 307 or 308,
 * which would re-send the whole lead wherever it points, and browsers hide a redirect's status
 * and Location from scripts. The unfollowed redirect says doPost ran: sent, unconfirmed. A
 * doPost that throws gets Google's error page instead (no redirect), read as a refusal.
 */
export const appsScript: Destination = {
  handover: (lead, target) => ({ ...form.handover(lead, target), redirect: 'manual' }),
  async read(response) {
    if (!response.ok) return statusOutcome(response);
    await response.text().catch(() => '');
    // The only answer read is Google's: its error page for a doPost that threw.
    if (/html/i.test(response.headers.get('Content-Type') ?? '')) {
      return { kind: 'rejected', status: response.status, problem: 'The Apps Script failed (it answered with an error page): check its doPost.' };
    }
    return { kind: 'delivered', status: response.status, confirmed: true };
  },
};
