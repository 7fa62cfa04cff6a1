import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { CodeTarget } from './code.js';
import { withCode } from './fields.js';

/**
 * The code for each target, as tabs (the WAI-ARIA tabs pattern, activated on focus): arrow
 * keys, Home and End move between the tabs; Tab moves into the selected panel. Each block has
 * its own copy button; what was copied is announced.
 *
 * @fires code-copied - A block was copied; `detail` is its text.
 */
export class BuilderCode extends LitElement {
  static override properties = {
    targets: { attribute: false },
    selected: { state: true },
    announcement: { state: true },
  };

  declare targets: CodeTarget[];
  declare selected: string;
  declare announcement: string;

  constructor() {
    super();
    this.targets = [];
    this.selected = 'html';
    this.announcement = '';
  }

  /** Styled by the page (builder.css), like the rest of the builder. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override render(): TemplateResult {
    return html`<div class="tabs" role="tablist" aria-label="Where the code goes" @keydown=${this.onKeydown}>
        ${this.targets.map(
          (target) => html`<button
            type="button"
            role="tab"
            id=${`code-tab-${target.id}`}
            aria-controls=${`code-panel-${target.id}`}
            aria-selected=${target.id === this.selected ? 'true' : 'false'}
            tabindex=${target.id === this.selected ? '0' : '-1'}
            @click=${() => this.select(target.id)}
          >
            ${target.label}
          </button>`,
        )}
      </div>
      ${this.targets.map(
        (target) => html`<div class="tab-panel" role="tabpanel" id=${`code-panel-${target.id}`} aria-labelledby=${`code-tab-${target.id}`} ?hidden=${target.id !== this.selected}>
          ${target.steps.map((step) => html`<p>${withCode(step)}</p>`)}
          ${target.blocks.map(
            (block, index) => html`<div class="code-block">
              <div class="code-heading">
                <h3 id=${`code-${target.id}-${index}`}>${block.title}</h3>
                <button type="button" class="copy" aria-describedby=${`code-${target.id}-${index}`} @click=${() => this.copy(block.code, block.title)}>Copy ${block.title}</button>
              </div>
              <pre tabindex="0"><code>${block.code}</code></pre>
            </div>`,
          )}
        </div>`,
      )}
      <p class="visually-hidden" role="status">${this.announcement || nothing}</p>`;
  }

  private select(id: string, focus = false): void {
    this.selected = id;
    if (focus) void this.updateComplete.then(() => this.querySelector<HTMLElement>(`#code-tab-${id}`)?.focus());
  }

  private onKeydown(event: KeyboardEvent): void {
    const index = this.targets.findIndex((target) => target.id === this.selected);
    const last = this.targets.length - 1;
    const next = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.select(this.targets[next].id, true);
  }

  private async copy(code: string, title: string): Promise<void> {
    const copied = await copyText(code);
    this.announcement = copied ? `${title} copied.` : `Copying is not allowed here: select the ${title} code and copy it yourself.`;
    if (copied) this.dispatchEvent(new CustomEvent('code-copied', { detail: code, bubbles: true }));
  }
}

/** The clipboard, or (where the page may not use it: plain http) a selection copied the old way. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

customElements.define('builder-code', BuilderCode);

declare global {
  interface HTMLElementTagNameMap {
    'builder-code': BuilderCode;
  }
}
