import { germanStrings } from './de.js';
import { englishStrings } from './en.js';
import { spanishStrings } from './es.js';
import { frenchStrings } from './fr.js';
import type { LeadCaptureStrings } from './strings.js';

/** The built-in languages, all in the script-tag bundle: one tag serves every page. */
export const builtInLocales: Record<string, LeadCaptureStrings> = {
  en: englishStrings,
  de: germanStrings,
  fr: frenchStrings,
  es: spanishStrings,
};

/** The built-in language for a BCP 47 tag (`de-AT` → `de`), English when none matches. */
export function localeFor(languageTag: string | undefined): string {
  const language = (languageTag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  // Own keys only: `in` would also find "constructor" or "__proto__" on Object.prototype.
  return Object.hasOwn(builtInLocales, language) ? language : 'en';
}
