import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import type { Indicator, LeadSentDetail } from 'lead-capture';

@Component({
  selector: 'app-root',
  // The one line Angular needs (README: Angular): <lead-capture> is a custom element, not an Angular component.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Angular host</h1>
      <lead-capture
        [endpoint]="endpoint"
        offer="download"
        offer-id="host-angular"
        offer-title="The 2026 Reporting Benchmark"
        [indicators]="indicators"
        (lead-sent)="onSent($event)"
      ></lead-capture>
      <p id="host-status">{{ status() }}</p>
    </main>
  `,
})
export class App {
  // The endpoint comes from the page's address so the test can point it at its own server.
  protected readonly endpoint = new URLSearchParams(location.search).get('endpoint') ?? '/api/leads';
  protected readonly indicators: Indicator[] = [
    { value: 'manual-reports', label: 'We still build reports by hand' },
    { value: 'slow-close', label: 'Month-end close takes over a week' },
  ];
  protected readonly status = signal('waiting');

  /** Angular types events of custom elements as `Event`; the package's types give the detail. */
  protected onSent(event: Event): void {
    const detail = (event as CustomEvent<LeadSentDetail>).detail;
    this.status.set(`lead-sent ${detail.status} ${detail.lead.offer.id}`);
    // @ts-expect-error a lead-sent detail has `lead`, not `leed` (checked by ng build)
    void detail.leed;
  }
}
