import { isRecord, jsonOf, problemText, refusal, statusOutcome } from './answers.js';
import { encodeForm, formEncoded, mappedFields } from './form-fields.js';
import type { DeliveryTarget, Destination } from './types.js';

/**
 * Mautic's form submit in its JSON mode (`?ajax=1`). Mautic answers cross-origin only to
 * `X-Requested-With: XMLHttpRequest` from a site in its CORS valid domains, and always with
 * 200: `success: 0` with `validationErrors` (by field alias) is a refusal. The form is named
 * by `mauticform[formId]`, taken from the endpoint's `formId`.
 */
export const mautic: Destination = {
  handover(lead, target) {
    const url = new URL(target.endpoint);
    url.searchParams.set('ajax', '1');
    const pairs: [string, string][] = mappedFields(lead, target).map(([name, value]) => [name.includes('[') ? name : `mauticform[${name}]`, value]);
    pairs.push(['mauticform[formId]', formIdOf(target) ?? ''], ['mauticform[return]', lead.page.url]);
    return {
      url: url.href,
      headers: { 'Content-Type': formEncoded, 'X-Requested-With': 'XMLHttpRequest' },
      body: encodeForm(pairs),
    };
  },
  async read(response, target) {
    if (!response.ok) return statusOutcome(response);
    const body = await jsonOf(response);
    if (isRecord(body) && (body.success === 1 || body.success === true)) return { kind: 'delivered', status: response.status, confirmed: true };
    const errors = isRecord(body) && isRecord(body.validationErrors) ? body.validationErrors : {};
    const reported = Object.entries(errors).map(([alias, message]): [string, string] => [alias, String(message)]);
    if (reported.length > 0) return refusal(response.status, reported, target);
    return refusal(response.status, [[undefined, problemText(isRecord(body) ? { error: body.errorMessage } : undefined) ?? 'Mautic did not accept the submission.']], target);
  },
  ownNames: ['formId', 'return'],
  missing: (target) =>
    formIdOf(target) ? undefined : 'destination="mautic" needs the form id: endpoint="…/form/submit?formId=3"',
};

function formIdOf(target: DeliveryTarget): string | undefined {
  return new URL(target.endpoint).searchParams.get('formId') ?? undefined;
}
