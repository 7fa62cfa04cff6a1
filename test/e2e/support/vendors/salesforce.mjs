// Salesforce Web-to-Lead:
//   POST https://webto.salesforce.com/servlet/servlet.WebToLead?encoding=UTF-8
// A plain HTML form target: application/x-www-form-urlencoded (or multipart) with `oid` (the org
// id), lead fields by API name (first_name, last_name, email, company, phone, lead_source,
// description, …), custom fields by their 15-character id (00N…), and retURL. The answer is
// 200 HTML that sends the browser on to retURL, whatever happened: a wrong oid or a lead that
// cannot be created is never reported to the sender. No CORS headers on any answer, preflights
// included: a browser can only send it with mode 'no-cors' (form-encoded, no custom headers),
// and gets an opaque answer. So: sent, never confirmed.
import { VendorFake, escapeHtml, parsePairs } from './http-fake.mjs';

const PATH = '/servlet/servlet.WebToLead';
const STANDARD = new Set([
  'salutation', 'first_name', 'last_name', 'title', 'company', 'email', 'phone', 'mobile', 'fax', 'url', 'street', 'city', 'state',
  'zip', 'country', 'state_code', 'country_code', 'description', 'lead_source', 'industry', 'rating', 'revenue', 'employees',
  'emailOptOut', 'faxOptOut', 'doNotCall', 'Campaign_ID', 'member_status',
]);
const CONTROL = new Set(['oid', 'retURL', 'debug', 'debugEmail', 'encoding', 'g-recaptcha-response', 'captcha_settings', 'submit']);
const CUSTOM = /^00N[0-9A-Za-z]{12}$/;

export class SalesforceFake extends VendorFake {
  /**
   * @param {object} [options]
   * @param {string[]} [options.oids] org ids that accept leads
   * @param {string[]} [options.customFields] custom field ids (00N…) defined on Lead
   * @param {string[]} [options.required] fields without which no lead is created (silently)
   */
  constructor({ oids = ['00D5g000004ABCD'], customFields = [], required = ['last_name'], ...rest } = {}) {
    super({ name: 'salesforce', ...rest });
    Object.assign(this, { oids, customFields, required });
    /** Submissions that reached Salesforce but created no lead, with the reason. */
    this.rejected = [];
  }

  get endpoint() {
    return `${this.origin}${PATH}?encoding=UTF-8`;
  }

  async route(record, response) {
    // No answer of this host ever carries a CORS header.
    const html = (status, body) => this.send(record, response, status, { 'Content-Type': 'text/html;charset=UTF-8', 'Cache-Control': 'private' }, body);
    if (record.path !== PATH) return html(404, '<html><body>Not Found</body></html>');
    if (record.method === 'OPTIONS') return html(405, '<html><body>HTTP Method OPTIONS is not supported by this URL</body></html>');
    if (record.method !== 'POST' && record.method !== 'GET') return html(405, '<html><body>Method Not Allowed</body></html>');

    const fields = this.fieldsOf(record);
    const retURL = fields.retURL;
    const played = await this.playScript(record, response, { store: () => this.createLead(record, fields) });
    if (!played) {
      const reason = this.reasonNotCreated(fields);
      if (reason) this.rejected.push({ requestId: record.id, reason, fields });
      else this.createLead(record, fields);
      html(200, SalesforceFake.returnPage(retURL));
    }
  }

  /** Form fields, decoded with the charset named by ?encoding= (UTF-8 or ISO-8859-1). */
  fieldsOf(record) {
    if (record.fields && record.contentType?.toLowerCase().includes('multipart')) return record.fields;
    if (!record.contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) return record.method === 'GET' ? record.query : {};
    const encoding = (record.query.encoding ?? 'UTF-8').toUpperCase();
    if (encoding === 'UTF-8') return record.fields;
    // A page in another charset: re-read the bytes as Latin-1.
    return parsePairs(Buffer.from(record.rawBody, 'utf8').toString('latin1')).first;
  }

  reasonNotCreated(fields) {
    if (!fields.oid) return 'no oid';
    if (!this.oids.includes(fields.oid)) return `unknown oid ${fields.oid}`;
    const missing = this.required.filter((name) => !fields[name]?.trim());
    if (missing.length) return `missing ${missing.join(', ')}`;
    return undefined;
  }

  createLead(record, fields) {
    const lead = {};
    const ignored = [];
    for (const [name, value] of Object.entries(fields)) {
      if (CONTROL.has(name)) continue;
      if (STANDARD.has(name) || (CUSTOM.test(name) && this.customFields.includes(name))) lead[name] = value;
      else ignored.push(name);
    }
    return this.accept(record, { oid: fields.oid, lead, ignored, retURL: fields.retURL });
  }

  /** The page Web-to-Lead answers with: it forwards the browser to retURL. */
  static returnPage(retURL) {
    if (!retURL) return '<html><head></head><body></body></html>';
    return `<html><head><meta http-equiv="Refresh" content="0; URL=${escapeHtml(retURL)}"></head><body></body></html>`;
  }
}
