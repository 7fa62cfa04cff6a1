// Size probe: the four built-in string tables.
export { builtInLocales } from '../../src/i18n/locales.js';
