import { appsScript } from './apps-script.js';
import { form, netlify } from './form.js';
import { formspree } from './formspree.js';
import { hubspot } from './hubspot.js';
import type { Destination, DestinationName } from './index.js';
import { json } from './json.js';
import { mautic } from './mautic.js';
import { salesforce } from './salesforce.js';

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
