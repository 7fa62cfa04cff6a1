import { html, nothing, type TemplateResult } from 'lit';
import { destinationNames as destinationValues } from '../src/delivery/destinations/names.js';
import { optionNames, optionTable, type OptionName, type OptionSpec } from '../src/options.js';
import type { BuilderHost } from './builder-host.js';
import { defaultOf, type ScalarOption } from './configuration.js';
import { destinationLabels } from './destinations.js';
import { field, fieldId, optionHint, labelOf, sectionOf, problemsTemplate, sectionTitles, type SectionId } from './fields.js';
import { customPropertiesTemplate, indicatorsTemplate, languageTemplate, pairsTemplate, stringsTemplate } from './list-controls.js';
import { chosenDestination, requiredHiddenField, type Problems } from './problems.js';

/**
 * The settings' controls, one per option, chosen by the option's kind in the table (a text box,
 * a choice, a checkbox), and the delivery settings: the endpoint with the destination it picks,
 * and what that destination needs (Salesforce `oid`, Netlify `form-name`, HubSpot's subscription
 * type). The lists (indicators, field names, hidden fields, texts, custom properties) are in
 * list-controls.ts.
 */

export function sectionTemplate(host: BuilderHost, section: SectionId, problems: Problems): TemplateResult {
  const options = optionNames.filter((name) => sectionOf(name) === section);
  return html`<section class="settings-section" aria-labelledby=${`section-${section}`}>
    <h2 id=${`section-${section}`}>${sectionTitles[section]}</h2>
    ${section === 'indicators' ? indicatorsTemplate(host, problems) : nothing}
    ${section === 'language' ? languageTemplate(host) : nothing}
    ${options.filter((name) => name !== 'indicators').map((name) => optionTemplate(host, name, problems))}
    ${section === 'look' ? customPropertiesTemplate(host) : nothing}
  </section>`;
}

export function optionTemplate(host: BuilderHost, name: OptionName, problems: Problems): TemplateResult | typeof nothing {
  switch (name) {
    case 'endpoint':
      return endpointTemplate(host);
    case 'destination':
      return destinationTemplate(host, problems);
    case 'subscriptionTypeId':
      // Asked for with the destination it belongs to (HubSpot).
      return nothing;
    case 'fieldNames':
      return pairsTemplate(host, 'fieldNames', 'Field name', 'Lead field', 'Name at the destination');
    case 'hiddenFields':
      return pairsTemplate(host, 'hiddenFields', 'Hidden field', 'Name', 'Value');
    case 'strings':
      return stringsTemplate(host);
    case 'dataLayer':
      return dataLayerTemplate(host);
    case 'classify':
      return html`<div class="field">
        <p class="label-like">${labelOf('classify')}</p>
        <p class="hint">${optionHint('classify')} A function, so it is set in JavaScript only (<code>element.classify = …</code>); the builder keeps the default rules.</p>
      </div>`;
    case 'indicators':
      return nothing;
    default:
      return scalarTemplate(host, name);
  }
}

/** A scalar option, by its kind in the table: a text box, a choice, a checkbox. */
export function scalarTemplate(host: BuilderHost, name: ScalarOption): TemplateResult {
  const spec: OptionSpec = optionTable[name];
  const label = labelOf(name);
  const value = host.state.values[name];
  const problems = host.problemsAt(name);
  const fallback = defaultOf(name);
  if (spec.kind === 'flag') {
    const checked = typeof value === 'boolean' ? value : fallback === true;
    return html`<div class="field checkbox ${problems.length ? 'has-problem' : ''}">
      <input type="checkbox" id=${fieldId(name)} .checked=${checked} aria-describedby=${`${fieldId(name)}-hint`} @change=${(event: Event) => host.setValue(name, (event.target as HTMLInputElement).checked)} />
      <label for=${fieldId(name)}>${label}</label>
      <p class="hint" id=${`${fieldId(name)}-hint`}>${optionHint(name)}</p>
      ${problemsTemplate(fieldId(name), problems)}
    </div>`;
  }
  if (spec.kind === 'choice') {
    const current = typeof value === 'string' ? value : '';
    const known = spec.values.includes(current) || current === '';
    const unset = fallback === undefined ? (name === 'theme' ? "Follows the visitor's colour scheme" : name === 'preference' ? 'None: the prospect chooses' : 'Not set') : `${fallback}`;
    return field(
      name,
      label,
      (id, parts) => html`<select id=${id} aria-describedby=${parts.describedBy} aria-invalid=${parts.invalid ? 'true' : 'false'} @change=${(event: Event) => host.setValue(name, (event.target as HTMLSelectElement).value || undefined)}>
        <option value="" ?selected=${current === ''}>${unset} (default)</option>
        ${spec.values.filter((choice) => choice !== fallback).map((choice) => html`<option value=${choice} ?selected=${current === choice}>${choice}</option>`)}
        ${known ? nothing : html`<option value=${current} selected>${current}</option>`}
      </select>`,
      optionHint(name),
      problems,
    );
  }
  const range = spec.kind === 'number' ? ` A whole number from ${spec.min} to ${spec.max}${fallback === undefined ? '' : `; ${fallback} by default`}.` : '';
  return field(
    name,
    label,
    (id, parts) => html`<input
      type="text"
      id=${id}
      inputmode=${spec.kind === 'number' ? 'numeric' : spec.kind === 'endpoint' || spec.kind === 'link' ? 'url' : 'text'}
      autocomplete="off"
      spellcheck="false"
      placeholder=${fallback === undefined ? '' : String(fallback)}
      .value=${typeof value === 'string' ? value : ''}
      aria-describedby=${parts.describedBy}
      aria-invalid=${parts.invalid ? 'true' : 'false'}
      @input=${(event: Event) => host.setValue(name, (event.target as HTMLInputElement).value)}
    />`,
    optionHint(name, range),
    problems,
  );
}

function endpointTemplate(host: BuilderHost): TemplateResult {
  const chosen = chosenDestination(host.state, location.href);
  const value = host.state.values.endpoint;
  return html`${field(
    'endpoint',
    labelOf('endpoint'),
    (id, parts) => html`<input
      type="text"
      id=${id}
      inputmode="url"
      autocomplete="off"
      spellcheck="false"
      placeholder="https://example.com/api/leads"
      .value=${typeof value === 'string' ? value : ''}
      aria-describedby=${`${parts.describedBy} ${id}-destination`}
      aria-invalid=${parts.invalid ? 'true' : 'false'}
      @input=${(event: Event) => host.setValue('endpoint', (event.target as HTMLInputElement).value)}
    />`,
    optionHint('endpoint'),
    host.problemsAt('endpoint'),
  )}
  <p class="destination-chosen" id=${`${fieldId('endpoint')}-destination`}>
    ${chosen
      ? html`Destination: <strong>${destinationLabels[chosen.name]}</strong> (<code>${chosen.name}</code>), ${chosen.automatic ? 'chosen from the address.' : 'as you chose below.'}`
      : 'The destination is chosen from the address once you enter it.'}
  </p>`;
}

function destinationTemplate(host: BuilderHost, problems: Problems): TemplateResult {
  const chosen = chosenDestination(host.state, location.href);
  const current = typeof host.state.values.destination === 'string' ? host.state.values.destination : '';
  const automatic = chosen?.automatic ? chosen.name : undefined;
  void problems;
  return html`${field(
      'destination',
      labelOf('destination'),
      (id, parts) => html`<select id=${id} aria-describedby=${parts.describedBy} aria-invalid=${parts.invalid ? 'true' : 'false'} @change=${(event: Event) => host.setValue('destination', (event.target as HTMLSelectElement).value || undefined)}>
        <option value="" ?selected=${current === ''}>Chosen from the endpoint${automatic ? `: ${automatic}` : ''} (default)</option>
        ${destinationValues.map((name) => html`<option value=${name} ?selected=${current === name}>${name}: ${destinationLabels[name]}</option>`)}
      </select>`,
      optionHint('destination'),
      host.problemsAt('destination'),
    )}
    ${chosen ? destinationSettingsTemplate(host, chosen.name) : nothing}`;
}

/** What the chosen destination cannot work without, asked for by name. */
function destinationSettingsTemplate(host: BuilderHost, destination: string): TemplateResult | typeof nothing {
  const hidden = requiredHiddenField[destination as keyof typeof requiredHiddenField];
  if (hidden) {
    const index = host.state.hiddenFields.findIndex(([name]) => name === hidden);
    const value = index === -1 ? '' : host.state.hiddenFields[index][1];
    const label = hidden === 'oid' ? 'Salesforce organisation id (oid)' : 'Netlify form name (form-name)';
    const hint =
      hidden === 'oid'
        ? html`Sent as the hidden field <code>oid</code>: your organisation id (<code>00D…</code>), in Salesforce Setup → Company Information.`
        : html`Sent as the hidden field <code>form-name</code>: the name of a form Netlify registered at deploy (a hidden HTML form with the same field names in your site).`;
    return html`<div class="destination-settings">
      ${field(
        `hiddenFields.${hidden}`,
        label,
        (id, parts) => html`<input type="text" id=${id} autocomplete="off" spellcheck="false" .value=${value} aria-describedby=${parts.describedBy} aria-invalid=${parts.invalid ? 'true' : 'false'} @input=${(event: Event) => setHiddenField(host, hidden, (event.target as HTMLInputElement).value)} />`,
        hint,
        host.problemsAt(`hiddenFields.${hidden}`),
      )}
    </div>`;
  }
  if (destination === 'hubspot' || host.state.values.subscriptionTypeId !== undefined) {
    return html`<div class="destination-settings">${scalarTemplate(host, 'subscriptionTypeId')}</div>`;
  }
  const notes: Record<string, TemplateResult> = {
    mautic: html`Mautic takes the form id from the endpoint (<code>…/form/submit?formId=3</code>), and answers a page only when your site is in its CORS valid domains.`,
    'apps-script': html`Deploy the script as a web app that anyone can run; the endpoint is its <code>/exec</code> address.`,
    form: html`A plain form post: catch hooks and form backends take it without a CORS preflight.`,
  };
  return notes[destination] ? html`<p class="hint destination-settings">${notes[destination]}</p>` : nothing;
}

function setHiddenField(host: BuilderHost, name: string, value: string): void {
  host.change((state) => {
    const rows = state.hiddenFields.filter(([key]) => key !== name);
    return { hiddenFields: value === '' ? rows : [...rows, [name, value]] };
  });
}

function dataLayerTemplate(host: BuilderHost): TemplateResult {
  const value = host.state.values.dataLayer;
  const on = typeof value === 'string';
  return html`<div class="field checkbox">
      <input type="checkbox" id="field-dataLayer-on" .checked=${on} aria-describedby="field-dataLayer-on-hint" @change=${(event: Event) => host.setValue('dataLayer', (event.target as HTMLInputElement).checked ? '' : undefined)} />
      <label for="field-dataLayer-on">Push outcomes to the data layer</label>
      <p class="hint" id="field-dataLayer-on-hint">${optionHint('dataLayer')}</p>
    </div>
    ${on
      ? field(
          'dataLayer',
          'Data layer variable',
          (id, parts) => html`<input type="text" id=${id} autocomplete="off" spellcheck="false" placeholder="dataLayer" .value=${value} aria-describedby=${parts.describedBy} aria-invalid=${parts.invalid ? 'true' : 'false'} @input=${(event: Event) => host.setValue('dataLayer', (event.target as HTMLInputElement).value)} />`,
          'Empty: dataLayer, the one Google Tag Manager reads.',
          host.problemsAt('dataLayer'),
        )
      : nothing}`;
}
