import { expect } from '@open-wc/testing';
import { checkIndicators, stringOverrides } from '../../src/config/lists.js';
import { resolveConfiguration as resolveWith, type ConfigurationProblem } from '../../src/config/resolve.js';
import type { RawOptions } from '../../src/options.js';

const base = 'https://shop.example/landing/page.html';

/** The configuration of these options on a page at `base`; `endpoint`, `settings` and `delivery` as the values in use. */
function resolveConfiguration(raw: RawOptions, baseUrl = base) {
  const configuration = resolveWith(raw, { baseUrl, knownStrings: [] });
  const { values } = configuration;
  const { offer, offerId, offerTitle, assetHref, privacyHref, consentVersion, jurisdiction, controller, maxCallAttempts } = values;
  return {
    ...configuration,
    endpoint: configuration.target?.endpoint,
    settings: { offer, offerId, offerTitle, assetHref, privacyHref, consentVersion, jurisdiction, controller, maxCallAttempts },
    delivery: { retries: values.retries, timeout: values.timeout },
    minimumFillTime: values.minFillMs,
    initialPreference: values.preference,
  };
}

/** A reporter that collects the problems. */
function collect(): [ConfigurationProblem[], (attribute: string, message: string) => void] {
  const problems: ConfigurationProblem[] = [];
  return [problems, (attribute, message) => void problems.push({ attribute, message })];
}

describe('resolveConfiguration', () => {
  it('resolves a relative endpoint against the page and defaults the offer', () => {
    const configuration = resolveConfiguration({ endpoint: '/api/leads' });
    expect(configuration.endpoint).to.equal('https://shop.example/api/leads');
    expect(configuration.settings.offer).to.equal('download');
    expect(configuration.problems).to.deep.equal([]);
  });

  it('refuses a missing endpoint with a message that names the fix', () => {
    const { endpoint, problems } = resolveConfiguration({ endpoint: '  ' });
    expect(endpoint).to.equal(undefined);
    expect(problems).to.have.length(1);
    expect(problems[0].attribute).to.equal('endpoint');
    expect(problems[0].message).to.contain('endpoint="/api/leads"');
  });

  it('refuses endpoints that are not http(s)', () => {
    for (const bad of ['javascript:alert(1)', 'mailto:sales@example.com', 'ftp://example.com/leads', 'data:text/plain,hi']) {
      const { endpoint, problems } = resolveConfiguration({ endpoint: bad });
      expect(endpoint, bad).to.equal(undefined);
      expect(problems.map((problem) => problem.attribute)).to.deep.equal(['endpoint']);
    }
  });

  it('falls back to "download" for an unknown offer, and says so once', () => {
    const { settings, problems } = resolveConfiguration({ endpoint: '/x', offer: 'webinar' });
    expect(settings.offer).to.equal('download');
    expect(problems).to.have.length(1);
    expect(problems[0].message).to.contain('download, newsletter, follow, event, trial');
  });

  it('drops blank optional settings', () => {
    const { settings } = resolveConfiguration({ endpoint: '/x', offer: 'trial', offerId: ' ', assetHref: ' /a.pdf ' });
    expect(settings).to.deep.equal({
      offer: 'trial',
      offerId: undefined,
      offerTitle: undefined,
      assetHref: '/a.pdf',
      privacyHref: undefined,
      consentVersion: undefined,
      jurisdiction: undefined,
      controller: undefined,
      maxCallAttempts: 2,
    });
  });

  it('lets a site preselect only "none"', () => {
    expect(resolveConfiguration({ endpoint: '/x', preference: 'none' })).to.include({ initialPreference: 'none' });
    for (const preference of ['email', 'call', 'phone']) {
      const { initialPreference, problems } = resolveConfiguration({ endpoint: '/x', preference });
      expect(initialPreference, preference).to.equal(undefined);
      expect(problems.map((problem) => problem.attribute)).to.deep.equal(['preference']);
    }
  });

  it('checks the numbers it is given', () => {
    const { delivery, settings, problems } = resolveConfiguration({ endpoint: '/x', retries: -1, timeout: Number.NaN, maxCallAttempts: 2.5 });
    expect(delivery).to.deep.equal({ retries: 3, timeout: 10_000 });
    expect(settings.maxCallAttempts).to.equal(2);
    expect(problems.map((problem) => problem.attribute)).to.deep.equal(['max-call-attempts', 'retries', 'timeout']);
  });

  it('takes only whole numbers written in decimal from text, quoting what was written otherwise', () => {
    for (const written of ['', ' ', '0x2', '2.5', '+3', '-1', '3x', 'Infinity', '1e2']) {
      const { delivery, problems } = resolveConfiguration({ endpoint: '/x', retries: written });
      expect(delivery.retries, JSON.stringify(written)).to.equal(3);
      expect(problems.map((problem) => problem.message), JSON.stringify(written)).to.deep.equal([
        `retries="${written}" is not a whole number from 0 to 10; using 3.`,
      ]);
    }
    const { delivery, settings, minimumFillTime, problems } = resolveConfiguration(
      { endpoint: '/x', retries: ' 7 ', timeout: '500', maxCallAttempts: '0', minFillMs: '60000' },
      base,
    );
    expect({ delivery, maxCallAttempts: settings.maxCallAttempts, minimumFillTime, problems }).to.deep.equal({
      delivery: { retries: 7, timeout: 500 },
      maxCallAttempts: 0,
      minimumFillTime: 60_000,
      problems: [],
    });
    // A whole number in exponent form is one: 1e1 retries are 10.
    expect(resolveConfiguration({ endpoint: '/x', retries: '1e1', timeout: '1.5e3' })).to.deep.include({ delivery: { retries: 10, timeout: 1500 }, problems: [] });
  });

  it('keeps every limit of the numbers, at both ends', () => {
    const outside = { retries: '11', timeout: '99', maxCallAttempts: '11', minFillMs: '60001' };
    const { problems } = resolveConfiguration({ endpoint: '/x', ...outside });
    expect(problems.map((problem) => problem.attribute)).to.deep.equal(['max-call-attempts', 'min-fill-ms', 'retries', 'timeout']);
  });

  it('catches text the lead schema would refuse: one problem naming the attribute and the limit', () => {
    const long = 'x'.repeat(201);
    const { settings, problems } = resolveConfiguration(
      { endpoint: '/x', offerId: long, offerTitle: long, controller: long, consentVersion: long, jurisdiction: long, privacyHref: `/${'p'.repeat(2048)}`, assetHref: `/${'a'.repeat(2048)}` },
      base,
    );
    expect(settings).to.include({ offerId: undefined, consentVersion: undefined, jurisdiction: undefined, privacyHref: undefined, assetHref: undefined });
    expect(settings.offerTitle).to.equal('x'.repeat(200));
    expect(settings.controller).to.equal('x'.repeat(200));
    expect(problems.map((problem) => problem.attribute)).to.deep.equal(['offer-id', 'offer-title', 'asset-href', 'privacy-href', 'consent-version', 'jurisdiction', 'controller']);
    for (const problem of problems) expect(problem.message).to.match(problem.attribute.endsWith('href') ? /2048/ : /200\b/);
    // At the limit, nothing to say.
    expect(resolveConfiguration({ endpoint: '/x', offerId: 'x'.repeat(200), privacyHref: `/${'p'.repeat(2047)}` }).problems).to.deep.equal([]);
  });

  it('refuses an endpoint with a user name or password, so the secret is never used or stored', () => {
    for (const endpoint of ['http://ada:s3cret@example.com/leads', 'https://s3cret@example.com/leads']) {
      const { endpoint: resolved, problems } = resolveConfiguration({ endpoint });
      expect(resolved, endpoint).to.equal(undefined);
      expect(problems.map((problem) => problem.attribute)).to.deep.equal(['endpoint']);
      expect(problems[0].message, 'the secret is not repeated in the console').not.to.contain('s3cret');
    }
  });
});

describe('resolveConfiguration: the destination', () => {
  it('chooses from the endpoint, lets an explicit destination win, and keeps the mapping', () => {
    expect(resolveConfiguration({ endpoint: 'https://hooks.zapier.com/hooks/catch/1/a/' }).target).to.deep.equal({ endpoint: 'https://hooks.zapier.com/hooks/catch/1/a/', destination: 'form' });
    const { target, problems } = resolveConfiguration({ endpoint: '/leads', destination: 'form', fieldNames: { name: 'full_name' }, hiddenFields: { source: 'site' } });
    expect(target).to.deep.equal({ endpoint: 'https://shop.example/leads', destination: 'form', fieldNames: { name: 'full_name' }, hiddenFields: { source: 'site' } });
    expect(problems).to.deep.equal([]);
  });

  it('reports an unknown destination once and uses the automatic choice', () => {
    const { target, problems } = resolveConfiguration({ endpoint: 'https://hooks.zapier.com/hooks/catch/1/a/', destination: 'zapier' });
    expect(target?.destination).to.equal('form');
    expect(problems.map((problem) => problem.attribute)).to.deep.equal(['destination']);
    expect(problems[0].message).to.contain('destination="zapier"').and.contain('json, form, apps-script');
  });

  it('sends nothing to a destination missing what it needs, and says what to add', () => {
    const { endpoint, target, problems } = resolveConfiguration({ endpoint: 'https://webto.salesforce.com/servlet/servlet.WebToLead' });
    expect({ endpoint, target }).to.deep.equal({ endpoint: undefined, target: undefined });
    expect(resolveConfiguration({ endpoint: 'https://webto.salesforce.com/servlet/servlet.WebToLead' }).values.destination, 'reads back the destination it would use').to.equal('salesforce');
    expect(problems.map((problem) => problem.attribute)).to.deep.equal(['destination']);
    expect(problems[0].message).to.contain('"oid"');
    expect(resolveConfiguration({ endpoint: 'https://webto.salesforce.com/servlet/servlet.WebToLead', hiddenFields: { oid: '00D1' } }).target?.destination).to.equal('salesforce');
  });

  it('refuses a mapping that is not an object of texts', () => {
    for (const fieldNames of [['name'], { name: 3 }, 'name=lastname']) {
      const { target, problems } = resolveConfiguration({ endpoint: '/leads', fieldNames });
      expect(target?.fieldNames, JSON.stringify(fieldNames)).to.equal(undefined);
      expect(problems.map((problem) => problem.attribute)).to.deep.equal(['field-names']);
    }
  });

  it('takes a HubSpot subscription type as a whole number', () => {
    expect(resolveConfiguration({ endpoint: '/leads', subscriptionTypeId: '42' }).target?.subscriptionTypeId).to.equal(42);
    const { target, problems } = resolveConfiguration({ endpoint: '/leads', subscriptionTypeId: 'news' });
    expect(target).not.to.have.property('subscriptionTypeId');
    expect(problems.map((problem) => problem.attribute)).to.deep.equal(['subscription-type-id']);
  });
});

describe('stringOverrides', () => {
  it('uses the built-in text instead of one over the consent text limit, and says which', () => {
    const [problems, report] = collect();
    const strings = stringOverrides({ preferenceNone: 'n'.repeat(1001), preferenceEmail: 'e'.repeat(1000) }, ['preferenceNone', 'preferenceEmail'], report);
    expect(strings).to.deep.equal({ preferenceEmail: 'e'.repeat(1000) });
    expect(problems).to.have.length(1);
    expect(problems[0].attribute).to.equal('strings');
    expect(problems[0].message).to.contain('1000').and.contain('preferenceNone');
  });
});

describe('checkIndicators', () => {
  it('keeps the first of duplicate values and drops unlabelled ones, explaining each', () => {
    const [problems, report] = collect();
    const indicators = checkIndicators(
      [
        { value: 'a', label: 'First' },
        { value: 'a', label: 'Again' },
        { value: 'b', label: '  ' },
        { value: ' c ', label: ' Third ' },
      ],
      report,
    );
    expect(indicators).to.deep.equal([
      { value: 'a', label: 'First' },
      { value: 'c', label: 'Third' },
    ]);
    expect(problems).to.have.length(2);
  });
});
