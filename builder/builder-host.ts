import type { Reservation } from './code.js';
import type { BuilderState, ConfigDocument, ScalarOption } from './configuration.js';
import type { measuredWidths } from './measure.js';
import type { PreviewState } from './preview-protocol.js';
import type { FieldKey, Problems } from './problems.js';
import type { TestSendReport } from './test-send.js';

/**
 * What the builder's templates (option-controls.ts, list-controls.ts, result-panels.ts) read
 * and call on the builder element: its configuration and the one way to change it, the
 * problems of each field, what the preview shows, and the actions.
 */
export interface BuilderHost {
  readonly state: BuilderState;
  /** The configuration as the code, the link and Import write it: the non-default options. */
  readonly document: ConfigDocument;
  readonly problems: Problems;
  readonly updateComplete: Promise<boolean>;
  querySelector<E extends Element = Element>(selectors: string): E | null;
  /** Every change of the configuration goes through here. */
  change(update: (state: BuilderState) => Partial<BuilderState>): void;
  setValue(name: ScalarOption, value: string | boolean | undefined): void;
  /** The widget's messages about one field. */
  problemsAt(key: FieldKey): string[];

  previewState: PreviewState;
  previewWidth: keyof typeof measuredWidths;
  previewScheme: 'light' | 'dark';
  previewLanguage: string;
  readonly previewNote: string;
  readonly reservation?: Reservation;
  readonly measuring: boolean;
  readonly testReport?: TestSendReport;
  readonly testing: boolean;
  importText: string;
  readonly importMessage: string;
  readonly shareAnnouncement: string;

  testSend(): Promise<void>;
  import(): void;
  copyShareLink(): Promise<void>;
  shareLink(): string;
}
