import { expect } from '@open-wc/testing';
import { dataLayerEntry, pushToDataLayer } from '../../src/analytics/data-layer.js';
import { parseChildConfiguration } from '../../src/config/child.js';
import { attributeName, optionProperties, optionTable } from '../../src/options.js';
import { exampleLead } from '../support/leads.js';

describe('the option table', () => {
  it('names each attribute in kebab case, and gives functions none', () => {
    expect(optionProperties.offerId.attribute).to.equal('offer-id');
    expect(optionProperties.subscriptionTypeId.attribute).to.equal('subscription-type-id');
    expect(optionProperties.dataLayer.attribute).to.equal('data-layer');
    expect(optionProperties.classify.attribute).to.equal(false);
    expect(attributeName('minFillMs')).to.equal('min-fill-ms');
  });

  it('keeps what an attribute says as written (the configuration checks it), and reflects only theme', () => {
    for (const [name, declaration] of Object.entries(optionProperties)) {
      expect(declaration.converter, name).to.equal(undefined);
      expect(declaration.reflect, name).to.equal(name === 'theme');
      expect(declaration.noAccessor, name).to.equal(true);
    }
  });

  it('is what the JSON config child accepts: every option but functions', () => {
    const given = Object.fromEntries(Object.keys(optionTable).map((name) => [name, 'x']));
    const { options, problems } = parseChildConfiguration(JSON.stringify({ ...given, colour: 'red' }));
    expect(Object.keys(options).sort()).to.deep.equal(Object.keys(optionTable).filter((name) => name !== 'classify').sort());
    expect(problems.map((problem) => problem.message)).to.deep.equal(['the config child has unknown options, ignored: classify, colour.']);
  });
});

describe('the data layer entry', () => {
  it('describes the outcome and the lead, never the person', () => {
    const lead = exampleLead();
    const entry = dataLayerEntry('lead-error', { lead, error: { code: 'rejected' } });
    expect(entry).to.include({ event: 'lead_capture_error', error_code: 'rejected', temperature: lead.temperature, preference: lead.contact.preference });
    const text = JSON.stringify(entry);
    for (const personal of [lead.id, lead.contact.email, lead.contact.name, lead.page.url].filter(Boolean)) expect(text).not.to.contain(personal);
    expect(dataLayerEntry('lead-spam', { reason: 'honeypot' })).to.deep.equal({ event: 'lead_capture_spam', spam_reason: 'honeypot' });
  });

  it('creates the array as GTM does, and leaves a name that holds something else alone', () => {
    const scope: Record<string, unknown> = { taken: 'a string' };
    expect(pushToDataLayer('dataLayer', { event: 'lead_capture_sent' }, scope)).to.equal(true);
    expect(scope.dataLayer).to.deep.equal([{ event: 'lead_capture_sent' }]);
    expect(pushToDataLayer('taken', { event: 'lead_capture_sent' }, scope)).to.equal(false);
    expect(scope.taken).to.equal('a string');
  });

  it('takes a null property as taken (onclick, opener), and pushes only into an array whose push works', () => {
    const lookalike = { pushed: [] as unknown[], push(entry: unknown) { this.pushed.push(entry); } };
    const throwing: unknown[] = [];
    throwing.push = () => {
      throw new Error('refused');
    };
    const scope: Record<string, unknown> = { onclick: null, lookalike, throwing };
    expect(pushToDataLayer('onclick', { event: 'lead_capture_sent' }, scope)).to.equal(false);
    expect(scope.onclick).to.equal(null);
    expect(pushToDataLayer('lookalike', { event: 'lead_capture_sent' }, scope)).to.equal(false);
    expect(lookalike.pushed).to.deep.equal([]);
    expect(pushToDataLayer('throwing', { event: 'lead_capture_sent' }, scope)).to.equal(false);
  });
});
