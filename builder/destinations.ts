import type { DestinationName } from '../src/delivery/destinations/names.js';

/** What each destination is, in a marketer's words (the widget's modules say how it hands over). */
export const destinationLabels: Record<DestinationName, string> = {
  json: 'JSON (your own server, n8n, lead-capture-receiver)',
  form: 'Form post (Zapier, Make, Pipedream, Getform, Formcarry, Basin)',
  'apps-script': 'Google Apps Script (a sheet)',
  hubspot: 'HubSpot form',
  formspree: 'Formspree',
  mautic: 'Mautic form',
  netlify: 'Netlify Forms',
  salesforce: 'Salesforce Web-to-Lead',
};

/** Short names, for sentences ("HubSpot answered 200"). */
export const destinationNames: Record<DestinationName, string> = {
  json: 'The endpoint',
  form: 'The form service',
  'apps-script': 'Google Apps Script',
  hubspot: 'HubSpot',
  formspree: 'Formspree',
  mautic: 'Mautic',
  netlify: 'Netlify',
  salesforce: 'Salesforce',
};
