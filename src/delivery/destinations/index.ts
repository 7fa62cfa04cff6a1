import { appsScript } from './apps-script.js';
import { form, netlify } from './form.js';
import { formspree } from './formspree.js';
import { hubspot, hubspotFormPath } from './hubspot.js';
import { json } from './json.js';
import { mautic } from './mautic.js';
import { salesforce } from './salesforce.js';
import type { DestinationName } from './names.js';
import type { Destination } from './types.js';

/**
 * How a lead is handed to an endpoint: one small module per destination (lead → request,
 * answer → outcome), chosen from the endpoint's address unless the site names one.
 */
export const destinations: Record<DestinationName, Destination> = {
  json,
  form,
  'apps-script': appsScript,
  hubspot,
  formspree,
  mautic,
  netlify,
  salesforce,
};

/** The destination a site would mean by this address; `json` for anything we do not recognise. */
export function destinationFor(endpoint: URL): DestinationName {
  const host = endpoint.hostname;
  const path = endpoint.pathname;
  if (host === 'api.hsforms.com' && hubspotFormPath.test(path)) return 'hubspot';
  if (host === 'formspree.io' && /^\/f\/[^/]+\/?$/.test(path)) return 'formspree';
  if (host === 'script.google.com' && /^\/macros\/s\/[^/]+\/exec\/?$/.test(path)) return 'apps-script';
  if (host === 'webto.salesforce.com' && path === '/servlet/servlet.WebToLead') return 'salesforce';
  if (host === 'hooks.zapier.com' || /^hook\.[a-z0-9-]+\.make\.com$/.test(host) || host.endsWith('.m.pipedream.net')) return 'form';
  if (/^((api\.)?getform\.io|formcarry\.com|usebasin\.com)$/.test(host)) return 'form';
  if (/\/form\/submit\/?$/.test(path) && endpoint.searchParams.has('formId')) return 'mautic';
  return 'json';
}
