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
    expect(settings).to.deep.equal({ offer: 'trial', offerId: undefined, offerTitle: undefined, assetHref: '/a.pdf', privacyHref: undefined, consentVersion: undefined });
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
