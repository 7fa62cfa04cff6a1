import { html, nothing, type TemplateResult } from 'lit';
import { flatFieldNames } from '../src/delivery/destinations/form-fields.js';
import { builtInLocales } from '../src/i18n/locales.js';
import type { BuilderHost } from './builder-host.js';
import type { Pair } from './configuration.js';
import { field, fieldId, optionHint, labelOf, problemsTemplate, withCode } from './fields.js';
import { languageName, languages, stringKeys } from './languages.js';
import { chosenDestination, requiredHiddenField, type FieldKey, type Problems } from './problems.js';
import { customProperties } from './widget-docs.js';

/**
 * The editors of the options that are lists: problem indicators (add, remove, reorder), field
 * names and hidden fields (name/value rows), the texts, the language, and the theme's custom
 * properties. Each entry's problems show at the entry.
 */

/** `--lead-capture-accent-text` → `Accent text`. */
const propertyLabel = (name: string) => {
  const words = name.replace('--lead-capture-', '').replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Field names or hidden fields: name/value rows; a destination's own hidden field is asked for above, not here. */
export function pairsTemplate(host: BuilderHost, list: 'fieldNames' | 'hiddenFields', noun: string, nameLabel: string, valueLabel: string): TemplateResult {
  const dedicated = list === 'hiddenFields' ? requiredHiddenField[(chosenDestination(host.state, location.href)?.name ?? 'json') as keyof typeof requiredHiddenField] : undefined;
  const rows = host.state[list].map((row, index) => [row, index] as const).filter(([[name]]) => !dedicated || name !== dedicated);
  const update = (index: number, row: Pair | undefined) =>
    host.change((state) => {
      const next = [...state[list]];
      if (row) next[index] = row;
      else next.splice(index, 1);
      return { [list]: next };
    });
  const groupId = fieldId(list);
  return html`<fieldset class="list" aria-describedby=${`${groupId}-hint`}>
    <legend>${labelOf(list)}</legend>
    <p class="hint" id=${`${groupId}-hint`}>${optionHint(list)}</p>
    ${rows.map(([[name, value], index], position) => {
      const key: FieldKey = `${list}.${index}`;
      const number = position + 1;
      return html`<fieldset class="row">
        <legend>${noun} ${number}</legend>
        <div class="row-fields">
          ${field(`${key}.name`, nameLabel, (id) =>
            list === 'fieldNames'
              ? html`<select id=${id} @change=${(event: Event) => update(index, [(event.target as HTMLSelectElement).value, value])}>
                  ${flatFieldNames.map((lead) => html`<option value=${lead} ?selected=${lead === name}>${lead}</option>`)}
                  ${(flatFieldNames as readonly string[]).includes(name) ? nothing : html`<option value=${name} selected>${name}</option>`}
                </select>`
              : html`<input type="text" id=${id} autocomplete="off" spellcheck="false" .value=${name} @input=${(event: Event) => update(index, [(event.target as HTMLInputElement).value, value])} />`,
          )}
          ${field(`${key}.value`, valueLabel, (id) => html`<input type="text" id=${id} autocomplete="off" spellcheck="false" .value=${value} @input=${(event: Event) => update(index, [name, (event.target as HTMLInputElement).value])} />`)}
        </div>
        <button type="button" class="secondary" @click=${() => update(index, undefined)}>Remove ${noun.toLowerCase()} ${number}</button>
        ${problemsTemplate(fieldId(key), host.problemsAt(key))}
      </fieldset>`;
    })}
    <button type="button" class="secondary" @click=${() => host.change((state) => ({ [list]: [...state[list], list === 'fieldNames' ? [unmappedField(host), ''] : ['', '']] }))}>Add a ${noun.toLowerCase()}</button>
    ${problemsTemplate(groupId, host.problemsAt(list))}
  </fieldset>`;
}

function unmappedField(host: BuilderHost): string {
  return flatFieldNames.find((name) => !host.state.fieldNames.some(([taken]) => taken === name)) ?? 'name';
}

export function indicatorsTemplate(host: BuilderHost, problems: Problems): TemplateResult {
  void problems;
  const indicators = host.state.indicators;
  const update = (next: typeof indicators) => host.change(() => ({ indicators: next }));
  const move = (from: number, to: number, button: string) => {
    const next = [...indicators];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    update(next);
    // Focus follows the indicator that moved, so the keyboard can keep moving it.
    void host.updateComplete.then(() => host.querySelector<HTMLElement>(`#${fieldId(`indicators.${to}`)}-${button}`)?.focus() ?? host.querySelector<HTMLElement>(`#${fieldId(`indicators.${to}`)}-label`)?.focus());
  };
  return html`<p class="hint" id="indicators-hint">${optionHint('indicators')}</p>
    <p class="note" id="priority-note">
      <strong>Priority:</strong> the widget has no per-indicator priority flag: a lead is <em>priority</em> when the prospect ticks <em>any</em> of these and allows
      contact (email or call). So offer the problems your product solves; each ticked one counts the same. The lead lists which ones were ticked.
    </p>
    ${indicators.map((indicator, index) => {
      const key: FieldKey = `indicators.${index}`;
      const id = fieldId(key);
      const number = index + 1;
      return html`<fieldset class="row">
        <legend>Indicator ${number}</legend>
        <div class="row-fields">
          ${field(`${key}.label`, 'Label', (fieldIdentifier) => html`<input type="text" id=${fieldIdentifier} autocomplete="off" .value=${indicator.label} @input=${(event: Event) => update(indicators.map((entry, position) => (position === index ? { ...entry, label: (event.target as HTMLInputElement).value } : entry)))} />`, 'What the prospect reads.')}
          ${field(`${key}.value`, 'Code', (fieldIdentifier) => html`<input type="text" id=${fieldIdentifier} autocomplete="off" spellcheck="false" .value=${indicator.value} @input=${(event: Event) => update(indicators.map((entry, position) => (position === index ? { ...entry, value: (event.target as HTMLInputElement).value } : entry)))} />`, 'Sent in the lead; unique.')}
        </div>
        <div class="row-actions">
          <button type="button" class="secondary" id=${`${id}-up`} ?disabled=${index === 0} @click=${() => move(index, index - 1, 'up')}>Move indicator ${number} up</button>
          <button type="button" class="secondary" id=${`${id}-down`} ?disabled=${index === indicators.length - 1} @click=${() => move(index, index + 1, 'down')}>Move indicator ${number} down</button>
          <button type="button" class="secondary" @click=${() => update(indicators.filter((_, position) => position !== index))}>Remove indicator ${number}</button>
        </div>
        ${problemsTemplate(id, host.problemsAt(key))}
      </fieldset>`;
    })}
    <button type="button" class="secondary" @click=${() => addIndicator(host)}>Add an indicator</button>`;
}

function addIndicator(host: BuilderHost): void {
  const index = host.state.indicators.length;
  host.change((state) => ({ indicators: [...state.indicators, { value: '', label: '' }] }));
  void host.updateComplete.then(() => host.querySelector<HTMLElement>(`#${fieldId(`indicators.${index}.label`)}`)?.focus());
}

export function languageTemplate(host: BuilderHost): TemplateResult {
  return field(
    'lang',
    'Language',
    (id, parts) => html`<select id=${id} aria-describedby=${parts.describedBy} @change=${(event: Event) => host.change(() => ({ lang: (event.target as HTMLSelectElement).value }))}>
      <option value="" ?selected=${host.state.lang === ''}>The page's language (default)</option>
      ${languages.map((code) => html`<option value=${code} ?selected=${host.state.lang === code}>${languageName(code)}</option>`)}
      ${host.state.lang && !languages.includes(host.state.lang) ? html`<option value=${host.state.lang} selected>${host.state.lang}</option>` : nothing}
    </select>`,
    html`<code>lang</code> · The widget speaks ${languages.map(languageName).join(', ')}: by default the language of your page (its <code>lang</code>), English when it is another.`,
  );
}

/** Every text the widget shows, shown in the widget's language (or the preview's, when it follows the page). */
export function stringsTemplate(host: BuilderHost): TemplateResult {
  const language = host.state.lang && languages.includes(host.state.lang) ? host.state.lang : host.previewLanguage;
  const builtIn = builtInLocales[language] as unknown as Record<string, string>;
  const count = Object.values(host.state.strings).filter(Boolean).length;
  return html`<details class="strings" ?open=${count > 0}>
    <summary>Texts (${count} of ${stringKeys.length} replaced)</summary>
    <p class="hint">
      ${optionHint('strings')} Your texts replace the built-in ones in every language: write them in your page's language. Shown below: the built-in text in
      ${languageName(language)}. <code>{offerTitle}</code>, <code>{email}</code> and the like are filled in.
    </p>
    ${stringKeys.map((key) =>
      field(
        `strings.${key}`,
        key,
        (id, parts) => html`<input
          type="text"
          id=${id}
          autocomplete="off"
          .value=${host.state.strings[key] ?? ''}
          placeholder=${builtIn[key]}
          aria-describedby=${parts.describedBy}
          aria-invalid=${parts.invalid ? 'true' : 'false'}
          @input=${(event: Event) => host.change((state) => ({ strings: { ...state.strings, [key]: (event.target as HTMLInputElement).value } }))}
        />`,
        html`Built in: “${builtIn[key]}”`,
        host.problemsAt(`strings.${key}`),
      ),
    )}
  </details>`;
}

export function customPropertiesTemplate(host: BuilderHost): TemplateResult {
  return html`<fieldset class="list">
    <legend>Colours, corners and font</legend>
    <p class="hint">Custom properties the widget reads (<code>--lead-capture-…</code>); empty: the widget's own, for light and dark. A colour set here is used in both.</p>
    <div class="properties">
      ${customProperties.map((property) => {
        const value = host.state.cssProperties[property.name] ?? '';
        const set = (next: string) => host.change((state) => ({ cssProperties: { ...state.cssProperties, [property.name]: next } }));
        const unsafe = /[;{}<>]/.test(value) ? ['A value cannot hold ; { } < or >: it would end the style rule.'] : [];
        const label = `${propertyLabel(property.name)}${property.colour ? ' colour' : ''}`;
        return field(
          `css-${property.name}`,
          label,
          (id, parts) => html`<div class="with-picker">
            <input type="text" id=${id} autocomplete="off" spellcheck="false" placeholder=${property.default} .value=${value} aria-describedby=${parts.describedBy} aria-invalid=${parts.invalid ? 'true' : 'false'} @input=${(event: Event) => set((event.target as HTMLInputElement).value)} />
            ${property.colour
              ? html`<input
                  type="color"
                  aria-label=${`Pick the ${label.toLowerCase()}`}
                  title=${`Pick the ${label.toLowerCase()}`}
                  .value=${/^#[0-9a-f]{6}$/i.test(value) ? value : property.default}
                  @input=${(event: Event) => set((event.target as HTMLInputElement).value)}
                />`
              : nothing}
          </div>`,
          html`<code>${property.name}</code> · ${withCode(property.description)}`,
          unsafe,
        );
      })}
    </div>
  </fieldset>`;
}
