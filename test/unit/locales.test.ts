import { expect } from '@open-wc/testing';
import { localeFor } from '../../src/i18n/locales.js';

describe('localeFor', () => {
  it('picks the built-in language of a tag, English otherwise', () => {
    expect(['de-AT', 'FR', 'es_MX', 'en-GB', 'pt-BR', '', undefined].map(localeFor)).to.deep.equal(['de', 'fr', 'es', 'en', 'en', 'en', 'en']);
  });

  it('never takes a key of Object.prototype for a language', () => {
    for (const tag of ['constructor', 'Constructor-US', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(localeFor(tag), tag).to.equal('en');
    }
  });
});
