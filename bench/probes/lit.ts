// Size probe: the Lit runtime as the widget uses it: a decorated element with styles and a template.
import { LitElement, css, html } from 'lit';
import { property, query, state } from 'lit/decorators.js';

class Probe extends LitElement {
  static override styles = css`:host { display: block; }`;
  @property() label = '';
  @state() private count = 0;
  @query('p') private paragraph?: HTMLElement;
  override render() {
    return html`<p @click=${() => (this.count += 1)}>${this.label} ${this.count} ${this.paragraph ? '' : ''}</p>`;
  }
}
customElements.define('size-probe', Probe);
