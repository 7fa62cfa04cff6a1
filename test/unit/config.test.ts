import { expect } from '@open-wc/testing';
import { checkIndicators, resolveConfiguration, stringOverridesFrom } from '../../src/config.js';

const base = 'https://shop.example/landing/page.html';

describe('resolveConfiguration', () => {
  it('resolves a relative endpoint against the page and defaults the offer', () => {
    const configuration = resolveConfiguration({ endpoint: '/api/leads' }, base);
    expect(configuration.endpoint).to.equal('https://shop.example/api/leads');
    expect(configuration.settings.offer).to.equal('download');
    expect(configuration.problems).to.deep.equal([]);
  });

  it('refuses a missing endpoint with a message that names the fix', () => {
    const { endpoint, problems } = resolveConfiguration({ endpoint: '  ' }, base);
    expect(endpoint).to.equal(undefined);
    expect(problems).to.have.length(1);
    expect(problems[0].attribute).to.equal('endpoint');
    expect(problems[0].message).to.contain('endpoint="/api/leads"');
  });

  it('refuses endpoints that are not http(s)', () => {
    for (const bad of ['javascript:alert(1)', 'mailto:sales@example.com', 'ftp://example.com/leads', 'data:text/plain,hi']) {
      const { endpoint, problems } = resolveConfiguration({ endpoint: bad }, base);
      expect(endpoint, bad).to.equal(undefined);
      expect(problems.map((problem) => problem.attribute)).to.deep.equal(['endpoint']);
    }
  });

  it('falls back to "download" for an unknown offer, and says so once', () => {
    const { settings, problems } = resolveConfiguration({ endpoint: '/x', offer: 'webinar' }, base);
    expect(settings.offer).to.equal('download');
    expect(problems).to.have.length(1);
    expect(problems[0].message).to.contain('download, newsletter, follow, event, trial');
  });

  it('drops blank optional settings', () => {
    const { settings } = resolveConfiguration({ endpoint: '/x', offer: 'trial', offerId: ' ', assetHref: ' /a.pdf ' }, base);
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
    expect(resolveConfiguration({ endpoint: '/x', preference: 'none' }, base)).to.include({ initialPreference: 'none' });
    for (const preference of ['email', 'call', 'phone']) {
      const { initialPreference, problems } = resolveConfiguration({ endpoint: '/x', preference }, base);
      expect(initialPreference, preference).to.equal(undefined);
      expect(problems.map((problem) => problem.attribute)).to.deep.equal(['preference']);
    }
  });

  it('checks the numbers it is given', () => {
    const { delivery, settings, problems } = resolveConfiguration({ endpoint: '/x', retries: -1, timeout: Number.NaN, maxCallAttempts: 2.5 }, base);
    expect(delivery).to.deep.equal({ retries: 3, timeout: 10_000 });
    expect(settings.maxCallAttempts).to.equal(2);
    expect(problems.map((problem) => problem.attribute)).to.deep.equal(['max-call-attempts', 'retries', 'timeout']);
  });

  it('takes only whole decimal numbers from text, quoting what was written', () => {
    for (const written of ['', ' ', '1e1', '0x2', '2.5', '+3', '-1', '3x', 'Infinity']) {
      const { delivery, problems } = resolveConfiguration({ endpoint: '/x', retries: written }, base);
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
  });

  it('keeps every limit of the numbers, at both ends', () => {
    const outside = { retries: '11', timeout: '99', maxCallAttempts: '11', minFillMs: '60001' };
    const { problems } = resolveConfiguration({ endpoint: '/x', ...outside }, base);
    expect(problems.map((problem) => problem.attribute)).to.deep.equal(['max-call-attempts', 'retries', 'timeout', 'min-fill-ms']);
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
    expect(resolveConfiguration({ endpoint: '/x', offerId: 'x'.repeat(200), privacyHref: `/${'p'.repeat(2047)}` }, base).problems).to.deep.equal([]);
  });

  it('refuses an endpoint with a user name or password, so the secret is never used or stored', () => {
    for (const endpoint of ['http://ada:s3cret@example.com/leads', 'https://s3cret@example.com/leads']) {
      const { endpoint: resolved, problems } = resolveConfiguration({ endpoint }, base);
      expect(resolved, endpoint).to.equal(undefined);
      expect(problems.map((problem) => problem.attribute)).to.deep.equal(['endpoint']);
      expect(problems[0].message, 'the secret is not repeated in the console').not.to.contain('s3cret');
    }
  });
});

describe('resolveConfiguration: the destination', () => {
  it('chooses from the endpoint, lets an explicit destination win, and keeps the mapping', () => {
    expect(resolveConfiguration({ endpoint: 'https://hooks.zapier.com/hooks/catch/1/a/' }, base).target).to.deep.equal({ endpoint: 'https://hooks.zapier.com/hooks/catch/1/a/', destination: 'form' });
    const { target, problems } = resolveConfiguration({ endpoint: '/leads', destination: 'form', fieldNames: { name: 'full_name' }, hiddenFields: { source: 'site' } }, base);
    expect(target).to.deep.equal({ endpoint: 'https://shop.example/leads', destination: 'form', fieldNames: { name: 'full_name' }, hiddenFields: { source: 'site' } });
    expect(problems).to.deep.equal([]);
  });

  it('reports an unknown destination once and uses the automatic choice', () => {
    const { target, problems } = resolveConfiguration({ endpoint: 'https://hooks.zapier.com/hooks/catch/1/a/', destination: 'zapier' }, base);
    expect(target?.destination).to.equal('form');
    expect(problems.map((problem) => problem.attribute)).to.deep.equal(['destination']);
    expect(problems[0].message).to.contain('destination="zapier"').and.contain('json, form, apps-script');
  });

  it('sends nothing to a destination missing what it needs, and says what to add', () => {
    const { endpoint, target, problems } = resolveConfiguration({ endpoint: 'https://webto.salesforce.com/servlet/servlet.WebToLead' }, base);
    expect({ endpoint, target }).to.deep.equal({ endpoint: undefined, target: undefined });
    expect(problems.map((problem) => problem.attribute)).to.deep.equal(['destination']);
    expect(problems[0].message).to.contain('"oid"');
    expect(resolveConfiguration({ endpoint: 'https://webto.salesforce.com/servlet/servlet.WebToLead', hiddenFields: { oid: '00D1' } }, base).target?.destination).to.equal('salesforce');
  });

  it('refuses a mapping that is not an object of texts', () => {
    for (const fieldNames of [['name'], { name: 3 }, 'name=lastname']) {
      const { target, problems } = resolveConfiguration({ endpoint: '/leads', fieldNames }, base);
      expect(target?.fieldNames, JSON.stringify(fieldNames)).to.equal(undefined);
      expect(problems.map((problem) => problem.attribute)).to.deep.equal(['field-names']);
    }
  });

  it('takes a HubSpot subscription type as a whole number', () => {
    expect(resolveConfiguration({ endpoint: '/leads', subscriptionTypeId: '42' }, base).target?.subscriptionTypeId).to.equal(42);
    const { target, problems } = resolveConfiguration({ endpoint: '/leads', subscriptionTypeId: 'news' }, base);
    expect(target).not.to.have.property('subscriptionTypeId');
    expect(problems.map((problem) => problem.attribute)).to.deep.equal(['subscription-type-id']);
  });
});

describe('stringOverridesFrom', () => {
  it('uses the built-in text instead of one over the consent text limit, and says which', () => {
    const problems: { attribute: string; message: string }[] = [];
    const strings = stringOverridesFrom({ preferenceNone: 'n'.repeat(1001), preferenceEmail: 'e'.repeat(1000) }, ['preferenceNone', 'preferenceEmail'], problems);
    expect(strings).to.deep.equal({ preferenceEmail: 'e'.repeat(1000) });
    expect(problems).to.have.length(1);
    expect(problems[0].attribute).to.equal('strings');
    expect(problems[0].message).to.contain('1000').and.contain('preferenceNone');
  });
});

describe('checkIndicators', () => {
  it('keeps the first of duplicate values and drops unlabelled ones, explaining each', () => {
    const { indicators, problems } = checkIndicators([
      { value: 'a', label: 'First' },
      { value: 'a', label: 'Again' },
      { value: 'b', label: '  ' },
      { value: ' c ', label: ' Third ' },
    ]);
    expect(indicators).to.deep.equal([
      { value: 'a', label: 'First' },
      { value: 'c', label: 'Third' },
    ]);
    expect(problems).to.have.length(2);
  });
});
