import { parseChildConfiguration } from '../src/config/child.js';
import { indicatorFromElement } from '../src/lead-indicator.js';
import { attributeName, optionNames, optionTable, type OptionName } from '../src/options.js';
import { defaultScriptSrc, type ConfigDocument } from './configuration.js';

/**
 * An existing snippet back into the builder. The HTML is parsed with DOMParser into a document
 * of its own, where no script runs and nothing loads, and only read: the `<lead-capture>`
 * element's attributes, its `<lead-indicator>` children and its JSON config child (read as the
 * widget reads them, attributes winning over the child), the `--lead-capture-*` custom
 * properties of its style, and the script's address.
 */

export interface Imported {
  document: ConfigDocument;
  /** What the snippet holds that the builder does not take, in words. */
  ignored: string[];
}

const optionOfAttribute = new Map<string, OptionName>(optionNames.filter((name) => optionTable[name].kind !== 'property').map((name) => [attributeName(name), name]));

/** Attributes the page may put on any element, which are not options. */
const pageAttributes = new Set(['id', 'class', 'style', 'hidden', 'state', 'slot', 'title', 'dir']);

export function importSnippet(html: string): Imported | { error: string } {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const element = parsed.querySelector('lead-capture');
  if (!element) return { error: 'No <lead-capture> element found in the pasted code.' };
  const ignored: string[] = [];

  // The JSON child first: the element's attributes replace its options (`strings` merge).
  const childJson = element.querySelector(':scope > script[type="application/json"][slot="config"]')?.textContent;
  const child = parseChildConfiguration(childJson);
  ignored.push(...child.problems.map((problem) => problem.message));
  const options: Partial<Record<OptionName, unknown>> = { ...child.options };
  for (const { name: attribute, value } of Array.from(element.attributes)) {
    const option = optionOfAttribute.get(attribute);
    if (attribute === 'lang') continue;
    if (!option) {
      if (!pageAttributes.has(attribute)) ignored.push(`the attribute ${attribute}, which is not an option of <lead-capture>`);
      continue;
    }
    const fromAttribute = attributeValue(option, value);
    options[option] = option === 'strings' && isRecord(options.strings) && isRecord(fromAttribute) ? { ...options.strings, ...fromAttribute } : fromAttribute;
  }
  // Indicators: the attribute, else the <lead-indicator> children, else the child's.
  const children = Array.from(element.querySelectorAll(':scope > lead-indicator'), indicatorFromElement);
  if (element.getAttribute('indicators') === null && children.length) options.indicators = children;

  const document: ConfigDocument = {};
  for (const name of optionNames) if (options[name] !== undefined) document[name] = options[name];
  const lang = element.getAttribute('lang');
  if (lang) document.lang = lang;
  const cssProperties = customPropertiesOf(parsed, element);
  if (Object.keys(cssProperties).length) document.cssProperties = cssProperties;
  const src = Array.from(parsed.querySelectorAll('script[src]'), (script) => script.getAttribute('src') ?? '').find((address) => /lead-capture/.test(address));
  if (src && src !== defaultScriptSrc) document.scriptSrc = src;
  return { document, ignored };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An attribute's text as the document records it: whole numbers as numbers, `"false"` as false, JSON parsed. */
function attributeValue(option: OptionName, value: string): unknown {
  const kind = optionTable[option].kind;
  if (kind === 'number' && /^\s*\d+\s*$/.test(value)) return Number(value);
  if (kind === 'flag') return !(value === 'false');
  if (kind === 'json') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * The `--lead-capture-*` custom properties the snippet sets on the element: in its `style`
 * attribute, or in a `<style>` rule for `lead-capture` (parsed by a stylesheet that is never
 * applied to any page).
 */
function customPropertiesOf(parsed: Document, element: Element): Record<string, string> {
  const properties: Record<string, string> = {};
  const take = (style: CSSStyleDeclaration) => {
    for (const name of Array.from(style)) if (name.startsWith('--lead-capture-')) properties[name] = style.getPropertyValue(name).trim();
  };
  for (const styleElement of Array.from(parsed.querySelectorAll('style'))) {
    const sheet = new CSSStyleSheet();
    try {
      sheet.replaceSync(styleElement.textContent ?? '');
    } catch {
      continue;
    }
    const visit = (rules: CSSRuleList) => {
      for (const rule of Array.from(rules)) {
        if (rule instanceof CSSStyleRule && rule.selectorText.split(',').some((selector) => selector.trim() === 'lead-capture')) take(rule.style);
      }
    };
    visit(sheet.cssRules);
  }
  const inline = element.getAttribute('style');
  if (inline) {
    const holder = parsed.createElement('div');
    holder.setAttribute('style', inline);
    take(holder.style);
  }
  return properties;
}
