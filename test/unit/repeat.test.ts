import { expect } from '@open-wc/testing';
import { ConversionHistory } from '../../src/conversion-history.js';
import { leadSchemas } from '../../src/lead/schema.js';

const { repeatSchema } = leadSchemas();

const key = 'lead-capture:v1:conversions';

describe('ConversionHistory', () => {
  afterEach(() => localStorage.removeItem(key));

  it('reports earlier conversions, oldest first, distinct offers', () => {
    const history = new ConversionHistory();
    history.record('guide');
    history.record('webinar');
    history.record('guide');
    expect(history.signal()).to.deep.equal({ count: 3, offers: ['guide', 'webinar'] });
  });

  it('keeps only what the lead schema accepts from a value another script wrote', () => {
    const cases: [string, unknown][] = [
      ['[""]', { count: 0, offers: [] }],
      ['{"not": "a list"}', { count: 0, offers: [] }],
      ['not json', { count: 0, offers: [] }],
      [JSON.stringify([1, null, 'ok', 'x'.repeat(201)]), { count: 1, offers: ['ok'] }],
    ];
    for (const [stored, expected] of cases) {
      localStorage.setItem(key, stored);
      const signal = new ConversionHistory().signal();
      expect(signal, stored).to.deep.equal(expected);
      expect(repeatSchema.safeParse(signal).success, stored).to.equal(true);
    }
  });

  it('keeps the signal within the schema with 60 stored ids', () => {
    localStorage.setItem(key, JSON.stringify(Array.from({ length: 60 }, (_, index) => `offer-${index}`)));
    const signal = new ConversionHistory().signal();
    expect(signal.offers).to.have.length(50);
    expect(signal.offers[0]).to.equal('offer-10');
    expect(repeatSchema.safeParse(signal).success).to.equal(true);
  });
});
