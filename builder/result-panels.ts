import { html, nothing, type TemplateResult } from 'lit';
import type { BuilderHost } from './builder-host.js';
import { wideFrom, codeTargets } from './code.js';
import { defaultScriptSrc } from './configuration.js';
import { field } from './fields.js';
import { languageName, languages } from './languages.js';
import { measuredWidths } from './measure.js';
import { previewStateLabels, previewStates, type PreviewState } from './preview-protocol.js';
import type { Problems } from './problems.js';

/**
 * The panels beside the settings: the preview (state, page language, width, colour scheme), the
 * test send and its report, the space to reserve, the embed code, and share and import.
 */

export function previewTemplate(host: BuilderHost): TemplateResult {
  const forcedLanguage = host.state.lang;
  return html`<section class="panel" aria-labelledby="preview-heading">
    <h2 id="preview-heading">Preview</h2>
    <p class="hint">The real widget with your settings. Nothing is sent: the preview answers its requests itself.</p>
    <div class="preview-controls">
      ${field(
        'preview-state',
        'State',
        (id) => html`<select id=${id} @change=${(event: Event) => (host.previewState = (event.target as HTMLSelectElement).value as PreviewState)}>
          ${previewStates.map((state) => html`<option value=${state} ?selected=${state === host.previewState}>${previewStateLabels[state]}</option>`)}
        </select>`,
      )}
      ${field(
        'preview-language',
        'Page language',
        (id, parts) => html`<select id=${id} aria-describedby=${parts.describedBy} @change=${(event: Event) => (host.previewLanguage = (event.target as HTMLSelectElement).value)}>
          ${languages.map((code) => html`<option value=${code} ?selected=${code === host.previewLanguage}>${languageName(code)}</option>`)}
        </select>`,
        forcedLanguage ? `The widget's language is set (${forcedLanguage}): the page's does not change it.` : undefined,
      )}
      <fieldset class="inline">
        <legend>Width</legend>
        ${(['phone', 'desktop'] as const).map(
          (width) => html`<label class="radio"
            ><input type="radio" name="preview-width" value=${width} .checked=${host.previewWidth === width} @change=${() => (host.previewWidth = width)} />
            ${width === 'phone' ? 'Phone' : 'Desktop'}, ${measuredWidths[width]} px</label
          >`,
        )}
      </fieldset>
      <fieldset class="inline">
        <legend>Visitor's colour scheme</legend>
        ${(['light', 'dark'] as const).map(
          (scheme) => html`<label class="radio"
            ><input type="radio" name="preview-scheme" value=${scheme} .checked=${host.previewScheme === scheme} @change=${() => (host.previewScheme = scheme)} />
            ${scheme === 'light' ? 'Light' : 'Dark'}</label
          >`,
        )}
      </fieldset>
    </div>
    <div class="preview-viewport scheme-${host.previewScheme}" tabindex="0" role="group" aria-label="The form at the chosen width (scrolls sideways when the screen is narrower)">
      <iframe id="preview-frame" title="Preview of the form" src=${new URL('preview.html', document.baseURI).href} style=${`width: ${measuredWidths[host.previewWidth]}px`}></iframe>
    </div>
    <p class="note" role="status">${host.previewNote}</p>
  </section>`;
}

export function testSendTemplate(host: BuilderHost): TemplateResult {
  const report = host.testReport;
  return html`<section class="panel" aria-labelledby="test-heading">
    <h2 id="test-heading">Test send</h2>
    <p class="hint">
      Sends one test lead (marked <code>"test": true</code>, named “Test lead”) to your endpoint, exactly as the widget would, and says what happened.
    </p>
    <button type="button" class="primary" ?disabled=${host.testing} @click=${() => void host.testSend()}>${host.testing ? 'Sending a test lead…' : 'Send a test lead'}</button>
    <div class="test-report ${report ? `verdict-${report.verdict} ${report.ok === true ? 'good' : report.ok === false ? 'bad' : 'unsure'}` : ''}" role="status" aria-live="polite">
      ${report
        ? html`<p class="headline">${report.headline}</p>
            ${report.fixes.length ? html`<h3>What to do</h3><ul>${report.fixes.map((fix) => html`<li>${fix}</li>`)}</ul>` : nothing}
            ${report.uncertain ? html`<p><strong>Not known from here:</strong> ${report.uncertain}</p>` : nothing}
            ${report.details.length ? html`<details><summary>What happened</summary>${report.details.map((line) => html`<p>${line}</p>`)}</details>` : nothing}`
        : nothing}
    </div>
  </section>`;
}

export function reservationTemplate(host: BuilderHost): TemplateResult {
  const reservation = host.reservation;
  const languagesMeasured = host.state.lang ? languageName(host.state.lang) : `each of ${languages.length} languages`;
  return html`<section class="panel" aria-labelledby="space-heading">
    <h2 id="space-heading">Space to reserve</h2>
    <p class="hint">
      The widget at its tallest (every state, ${languagesMeasured}) on a phone (${measuredWidths.phone} px) and a desktop (${measuredWidths.desktop} px).
      The code reserves it, so nothing on your page moves when the form appears or changes.
    </p>
    <p class="reservation" role="status">
      ${host.measuring || !reservation
        ? 'Measuring…'
        : html`Measured: <strong>${reservation.phone}rem</strong> on phones, <strong>${reservation.desktop}rem</strong> from ${wideFrom} px wide.`}
    </p>
    <p class="hint">Measured with the browser's default font: if your page's font is larger, the form is taller. Check the page once it is live.</p>
  </section>`;
}

export function codeTemplate(host: BuilderHost, problems: Problems): TemplateResult {
  const count = problems.all.length;
  return html`<section class="panel" aria-labelledby="code-heading">
    <h2 id="code-heading">Embed code</h2>
    ${count
      ? html`<p class="problem-summary">
          ${count} setting${count === 1 ? ' has a problem' : 's have problems'} the widget would report in the console (shown at ${count === 1 ? 'its field' : 'their fields'}):
          fix ${count === 1 ? 'it' : 'them'} before you copy.
        </p>`
      : nothing}
    ${field(
      'scriptSrc',
      'Script address',
      (id, parts) => html`<input
        type="text"
        id=${id}
        inputmode="url"
        autocomplete="off"
        spellcheck="false"
        placeholder=${defaultScriptSrc}
        .value=${host.state.scriptSrc}
        aria-describedby=${parts.describedBy}
        @input=${(event: Event) => host.change(() => ({ scriptSrc: (event.target as HTMLInputElement).value }))}
      />`,
      html`Empty: the npm package on the unpkg CDN. To host the file yourself, copy <code>dist/lead-capture.iife.js</code> to your site and enter its address.`,
    )}
    <builder-code .targets=${codeTargets(host.document, host.reservation)}></builder-code>
  </section>`;
}

export function shareTemplate(host: BuilderHost): TemplateResult {
  return html`<section class="panel" aria-labelledby="share-heading">
    <h2 id="share-heading">Share and import</h2>
    ${field(
      'share-link',
      'Share link',
      (id, parts) => html`<div class="with-button">
        <input type="text" id=${id} readonly .value=${host.shareLink()} aria-describedby=${parts.describedBy} @focus=${(event: Event) => (event.target as HTMLInputElement).select()} />
        <button type="button" class="secondary" @click=${() => void host.copyShareLink()}>Copy link</button>
      </div>`,
      'This page\'s address holds your settings: open the link to come back to them, or send it to a colleague.',
    )}
    <p class="visually-hidden" role="status">${host.shareAnnouncement}</p>
    ${field(
      'import',
      'Code to import',
      (id, parts) => html`<textarea id=${id} rows="5" spellcheck="false" .value=${host.importText} aria-describedby=${parts.describedBy} @input=${(event: Event) => (host.importText = (event.target as HTMLTextAreaElement).value)}></textarea>`,
      'Paste the HTML of a form you already have (the <lead-capture> element, its style and script): the builder takes its settings. The code is only read, never run.',
    )}
    <button type="button" class="secondary" @click=${() => host.import()}>Import</button>
    <p class="note" role="status">${host.importMessage}</p>
  </section>`;
}
