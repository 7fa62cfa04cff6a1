import { attributeName, optionTable, type OptionName } from '../src/options.js';
import { defaultScriptSrc, optionEntries, type ConfigDocument } from './configuration.js';

/**
 * The code a site pastes, for each place it goes, written from the configuration document:
 * only the options that differ from the widget's defaults. Every target carries the same
 * options; they differ only in how a template passes them (attribute, JSON child, property).
 */

/** The space to reserve, in rem: on phones (measured at 375 px) and from `wideFrom` up (measured at 1280 px). */
export interface Reservation {
  phone: number;
  desktop: number;
}

/** The viewport width from which the desktop height applies: the width it was measured at. */
export const wideFrom = 1280;

/** Options written in the JSON config child rather than as attributes (objects; easier to read there). */
const childOptions = new Set<OptionName>(['strings', 'fieldNames', 'hiddenFields']);

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const rem = (value: number) => `${Number(value.toFixed(1))}rem`;

export interface Indicator {
  value: string;
  label: string;
}

/** `[attribute, value]` for each option written as an attribute (`value` undefined: a bare attribute), then `lang`. */
function attributes(document: ConfigDocument): [string, string | undefined][] {
  const list: [string, string | undefined][] = [];
  for (const [name, value] of optionEntries(document)) {
    if (name === 'indicators' || childOptions.has(name)) continue;
    if (name === 'dataLayer' && value === '') list.push([attributeName(name), undefined]);
    else list.push([attributeName(name), String(value)]);
  }
  if (typeof document.lang === 'string') list.push(['lang', document.lang]);
  return list;
}

/** The JSON child's object: strings, field names, hidden fields. */
function childObject(document: ConfigDocument): Record<string, unknown> | undefined {
  const entries = optionEntries(document).filter(([name]) => childOptions.has(name));
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function indicatorsOf(document: ConfigDocument): Indicator[] {
  return Array.isArray(document.indicators) ? (document.indicators as Indicator[]) : [];
}

/** The `<lead-capture>` element: attributes, one `<lead-indicator>` per indicator, and the JSON config child. */
export function elementMarkup(document: ConfigDocument): string {
  const attributeLines = attributes(document).map(([name, value]) => (value === undefined ? name : `${name}="${escapeAttribute(value)}"`));
  const open = attributeLines.length ? `<lead-capture\n  ${attributeLines.join('\n  ')}>` : '<lead-capture>';
  const children = indicatorsOf(document).map(({ value, label }) => `  <lead-indicator value="${escapeAttribute(value)}">${escapeText(label)}</lead-indicator>`);
  const child = childObject(document);
  // `<` escaped so that no text can close the script element; JSON reads \u003c back as `<`.
  if (child) children.push(`  <script type="application/json" slot="config">\n${indent(JSON.stringify(child, null, 2).replace(/</g, '\\u003c'), 4)}\n  </script>`);
  return `${open}${children.length ? `\n${children.join('\n')}\n` : ''}</lead-capture>`;
}

const indent = (text: string, spaces: number) => text.split('\n').map((line) => ' '.repeat(spaces) + line).join('\n');

/** The theme: the custom properties the site set, as declarations. */
function themeDeclarations(document: ConfigDocument): string[] {
  const properties = (document.cssProperties ?? {}) as Record<string, string>;
  return Object.entries(properties).map(([name, value]) => `${name}: ${value};`);
}

/** The custom properties alone, as one rule (the preview applies these, without the reservation). */
export function themeCss(document: ConfigDocument): string {
  const declarations = themeDeclarations(document);
  return declarations.length ? `lead-capture { ${declarations.join(' ')} }` : '';
}

/**
 * The page's CSS: the space the widget takes at its tallest, before and after it renders
 * (so nothing below it moves: CLS 0), the theme, and `<lead-indicator>` children kept out of
 * the page's own layout before the script has run.
 */
export function pageCss(document: ConfigDocument, reservation: Reservation | undefined): string {
  const lines = [];
  if (reservation) {
    lines.push(`lead-capture { display: block; min-height: ${rem(reservation.phone)}; }`);
    lines.push(`@media (min-width: ${wideFrom}px) { lead-capture { min-height: ${rem(reservation.desktop)}; } }`);
  } else lines.push('lead-capture { display: block; }');
  const theme = themeCss(document);
  if (theme) lines.push(theme);
  if (indicatorsOf(document).length) lines.push('lead-indicator { display: none; }');
  return lines.join('\n');
}

export function scriptSrcOf(document: ConfigDocument): string {
  return typeof document.scriptSrc === 'string' && document.scriptSrc ? document.scriptSrc : defaultScriptSrc;
}

/** The HTML snippet: the CSS, the script with `defer`, the element. */
export function htmlSnippet(document: ConfigDocument, reservation: Reservation | undefined): string {
  return [
    `<style>\n${indent(pageCss(document, reservation), 2)}\n</style>`,
    `<script src="${escapeAttribute(scriptSrcOf(document))}" defer></script>`,
    elementMarkup(document),
  ].join('\n');
}

/** One block of code to copy, with what it is and where it goes. */
export interface CodeBlock {
  title: string;
  code: string;
}

export interface CodeTarget {
  id: string;
  label: string;
  /** Where to paste, in a sentence or two. */
  steps: string[];
  blocks: CodeBlock[];
}

/** A value as a JavaScript/TypeScript literal (for the framework targets' constants). */
const literal = (value: unknown) => JSON.stringify(value, null, 2);

/** The framework targets pass objects as properties, from constants of these names. */
const objectOptions: [OptionName, string, string][] = [
  ['indicators', 'indicators', 'Indicator[]'],
  ['strings', 'strings', 'Partial<LeadCaptureStrings>'],
  ['fieldNames', 'fieldNames', 'Record<string, string>'],
  ['hiddenFields', 'hiddenFields', 'Record<string, string>'],
];

function constants(document: ConfigDocument, typed: boolean): string[] {
  return objectOptions
    .filter(([name]) => name in document)
    .map(([name, constant, type]) => `const ${constant}${typed ? `: ${type}` : ''} = ${literal(document[name])};`);
}

function typeImports(document: ConfigDocument, from: string): string {
  const types = objectOptions.filter(([name]) => name in document).map(([name]) => (name === 'indicators' ? 'Indicator' : name === 'strings' ? 'LeadCaptureStrings' : undefined));
  const unique = [...new Set(types.filter(Boolean))];
  return unique.length ? `import type { ${unique.join(', ')} } from '${from}';\n\n` : '';
}

/** Attributes of text options, as a framework template writes them; `quote` writes one value. */
function templateAttributes(document: ConfigDocument, write: (attribute: string, value: string | number | boolean, kind: string) => string): string[] {
  const list: string[] = [];
  for (const [name, value] of optionEntries(document)) {
    if (objectOptions.some(([object]) => object === name)) continue;
    list.push(write(attributeName(name), value as string | number | boolean, optionTable[name].kind));
  }
  if (typeof document.lang === 'string') list.push(write('lang', document.lang, 'text'));
  return list;
}

const cssComment = (document: ConfigDocument, reservation: Reservation | undefined) => `/* In your global stylesheet: */\n${pageCss(document, reservation)}`;

/** JSX: a string literal when safe, else an expression. */
const jsxValue = (value: string) => (/["\\{}\n]/.test(value) ? `{${JSON.stringify(value)}}` : `"${value}"`);

function reactCode(document: ConfigDocument): string {
  const attributesList = templateAttributes(document, (attribute, value) => `${attribute}=${jsxValue(String(value === '' && attribute === 'data-layer' ? '' : value))}`);
  const objects = objectOptions.filter(([name]) => name in document).map(([, constant]) => `${constant}={${constant}}`);
  const props = [...attributesList, ...objects];
  return `${typeImports(document, 'lead-capture/react')}${constants(document, true).map((line) => `${line}\n`).join('\n')}${constants(document, true).length ? '\n' : ''}export function LeadForm() {\n  return (\n    <lead-capture${props.length ? `\n${props.map((prop) => `      ${prop}`).join('\n')}\n    ` : ' '}/>\n  );\n}`;
}

function vueCode(document: ConfigDocument): string {
  const attributesList = templateAttributes(document, (attribute, value, kind) =>
    kind === 'number' && typeof value === 'number' ? `:${attribute}="${value}"` : kind === 'flag' ? `:${attribute}="${value}"` : `${attribute}="${escapeAttribute(String(value))}"`,
  );
  const objects = objectOptions.filter(([name]) => name in document).map(([name, constant]) => `:${attributeName(name)}="${constant}"`);
  const props = [...attributesList, ...objects];
  const script = constants(document, true);
  return `${script.length ? `<script setup lang="ts">\n${typeImports(document, 'lead-capture/vue')}${script.join('\n')}\n</script>\n\n` : ''}<template>\n  <lead-capture${props.length ? `\n${props.map((prop) => `    ${prop}`).join('\n')}\n  ` : ''}></lead-capture>\n</template>`;
}

/** Svelte reads `{…}` in an attribute as an expression: such values are written as one. */
const svelteValue = (value: string) => (/["{}\n]/.test(value) ? `{${JSON.stringify(value)}}` : `"${escapeAttribute(value)}"`);

function svelteCode(document: ConfigDocument): string {
  const attributesList = templateAttributes(document, (attribute, value) => `${attribute}=${svelteValue(String(value))}`);
  const objects = objectOptions.filter(([name]) => name in document).map(([name, constant]) => (attributeName(name) === constant ? `{${constant}}` : `${constant}={${constant}}`));
  const props = [...attributesList, ...objects];
  const script = constants(document, true);
  return `${script.length ? `<script lang="ts">\n${indent(`${typeImports(document, 'lead-capture/svelte')}${script.join('\n')}`, 2)}\n</script>\n\n` : ''}<lead-capture${props.length ? `\n${props.map((prop) => `  ${prop}`).join('\n')}\n` : ''}></lead-capture>`;
}

/** Angular: a static attribute (entities for what its template syntax would read), inside a TypeScript template literal. */
const angularValue = (value: string) => escapeAttribute(value).replace(/\{/g, '&#123;').replace(/\}/g, '&#125;').replace(/`/g, '\\`').replace(/\$/g, '\\$');

function angularCode(document: ConfigDocument): string {
  const attributesList = templateAttributes(document, (attribute, value) => `${attribute}="${angularValue(String(value))}"`);
  const objects = objectOptions.filter(([name]) => name in document).map(([, constant]) => `[${constant}]="${constant}"`);
  const props = [...attributesList, ...objects];
  const fields = objectOptions
    .filter(([name]) => name in document)
    .map(([name, constant, type]) => `  ${constant}: ${type} = ${indent(literal(document[name]), 2).trimStart()};`);
  const imports = typeImports(document, 'lead-capture');
  return `import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';\n${imports ? imports.trimEnd() + '\n' : ''}\n@Component({\n  selector: 'app-lead-form',\n  schemas: [CUSTOM_ELEMENTS_SCHEMA], // lead-capture is a custom element, not an Angular component\n  template: \`<lead-capture${props.length ? `\n${props.map((prop) => `    ${prop}`).join('\n')}\n  ` : ''}></lead-capture>\`,\n})\nexport class LeadForm {${fields.length ? `\n${fields.join('\n')}\n` : ''}}`;
}

/** Every target, in the order of the tabs. */
export function codeTargets(document: ConfigDocument, reservation: Reservation | undefined): CodeTarget[] {
  const snippet = htmlSnippet(document, reservation);
  const src = scriptSrcOf(document);
  const css = cssComment(document, reservation);
  return [
    {
      id: 'html',
      label: 'HTML',
      steps: ['Paste this where the form should appear. The style reserves its space so nothing on the page jumps when it loads; `defer` keeps the script from delaying your page.'],
      blocks: [{ title: 'HTML', code: snippet }],
    },
    {
      id: 'wordpress',
      label: 'WordPress',
      steps: [
        'Add a Custom HTML block where the form should appear, and paste this.',
        'WordPress keeps the <script> only for users who may post unfiltered HTML (administrators and editors; on a multisite, super admins). Otherwise load the script once for the whole site (your theme or a code-snippets plugin) and keep the rest in the block.',
      ],
      blocks: [{ title: 'Custom HTML block', code: snippet }],
    },
    {
      id: 'webflow',
      label: 'Webflow',
      steps: [
        'Drop an Embed (Code Embed) element where the form should appear, and paste this.',
        'Scripts do not run on the Designer canvas: check the published site. On several pages, put the <script> once in Project settings → Custom code and the rest in each Embed.',
      ],
      blocks: [{ title: 'Embed element', code: snippet }],
    },
    {
      id: 'gtm',
      label: 'Google Tag Manager',
      steps: [
        'Put the form in your page where it should appear (your CMS), with its style: a tag manager adds code at the end of the page, not where the form belongs.',
        'Then add a Custom HTML tag that loads the script, triggered on the pages with the form. A consent banner that blocks the tag also hides the form.',
      ],
      blocks: [
        { title: 'In your page', code: `<style>\n${indent(pageCss(document, reservation), 2)}\n</style>\n${elementMarkup(document)}` },
        { title: 'Custom HTML tag', code: `<script src="${escapeAttribute(src)}"></script>` },
      ],
    },
    {
      id: 'react',
      label: 'React',
      steps: ['Install the package (npm install lead-capture) and import it once in your entry, before the app first renders. Objects are passed as properties.'],
      blocks: [
        { title: 'main.tsx', code: `import 'lead-capture/react';` },
        { title: 'LeadForm.tsx', code: reactCode(document) },
        { title: 'CSS', code: css },
      ],
    },
    {
      id: 'vue',
      label: 'Vue',
      steps: ['Install the package (npm install lead-capture), import it once in your entry, and tell Vue that lead-* tags are custom elements.'],
      blocks: [
        { title: 'main.ts', code: `import 'lead-capture/vue';` },
        { title: 'vite.config.ts', code: `plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('lead-') } } })],` },
        { title: 'LeadForm.vue', code: vueCode(document) },
        { title: 'CSS', code: css },
      ],
    },
    {
      id: 'svelte',
      label: 'Svelte',
      steps: ['Install the package (npm install lead-capture) and import it once in your entry.'],
      blocks: [
        { title: 'main.ts', code: `import 'lead-capture/svelte';` },
        { title: 'LeadForm.svelte', code: svelteCode(document) },
        { title: 'CSS', code: css },
      ],
    },
    {
      id: 'angular',
      label: 'Angular',
      steps: ['Install the package (npm install lead-capture) and import it once in main.ts. The component needs CUSTOM_ELEMENTS_SCHEMA.'],
      blocks: [
        { title: 'main.ts', code: `import 'lead-capture';` },
        { title: 'lead-form.component.ts', code: angularCode(document) },
        { title: 'CSS', code: css },
      ],
    },
  ];
}
