import { expect } from '@open-wc/testing';
import { createLeadId } from '../../src/lead/identity.js';
import { pageContextFrom } from '../../src/lead/page-context.js';

describe('pageContextFrom', () => {
  it('keeps the page without its query and fragment, and the UTM campaign', () => {
    const context = pageContextFrom(
      'https://example.com/benchmark?utm_source=newsletter&utm_medium=email&token=secret&email=a%40b.c#top',
      'https://search.example/results?q=reporting',
    );
    expect(context).to.deep.equal({
      url: 'https://example.com/benchmark',
      referrer: 'https://search.example/results',
      utm: { source: 'newsletter', medium: 'email' },
    });
  });

  it('leaves out an empty or unparsable referrer and empty UTM values', () => {
    expect(pageContextFrom('https://example.com/?utm_source=', '')).to.deep.equal({ url: 'https://example.com/' });
    expect(pageContextFrom('https://example.com/', 'not a url')).to.deep.equal({ url: 'https://example.com/' });
  });
});

describe('createLeadId', () => {
  const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('makes distinct UUID v4s', () => {
    const ids = new Set(Array.from({ length: 100 }, () => createLeadId()));
    expect(ids.size).to.equal(100);
    for (const id of ids) expect(id).to.match(uuidV4);
  });

  it('makes UUID v4s without crypto.randomUUID (plain-http pages)', () => {
    const insecure = { getRandomValues: crypto.getRandomValues.bind(crypto) } as Crypto;
    for (let index = 0; index < 50; index += 1) expect(createLeadId(insecure)).to.match(uuidV4);
  });
});
