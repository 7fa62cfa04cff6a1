import { expect } from '@open-wc/testing';
import { checkIndicators, resolveConfiguration } from '../../src/config.js';

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
