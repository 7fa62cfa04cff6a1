import { builtInLocales } from '../src/i18n/locales.js';

/** The widget's built-in languages, by code. */
export const languages = Object.keys(builtInLocales);

const languageNames: Record<string, string> = { en: 'English', de: 'Deutsch (German)', fr: 'Français (French)', es: 'Español (Spanish)' };

/** `de` → `Deutsch (German)`; an unknown code as it is. */
export const languageName = (code: string) => languageNames[code] ?? code;

/** The keys of the widget's texts (`submitDownload`, …). */
export const stringKeys = Object.keys(builtInLocales.en);
