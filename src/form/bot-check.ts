/**
 * Bots without CAPTCHAs: a field people never see (bots fill every input) and a minimum
 * time between the form appearing and its submission (people read, bots do not). No
 * third party is involved, and a person at normal speed never trips either.
 */
export type SpamReason = 'honeypot' | 'too-fast';

export interface SubmissionSignals {
  /** What the hidden field holds: always empty for a person. */
  honeypot: string;
  /** Milliseconds from the form's first render to the submit. */
  elapsed: number;
  /** The least time a person plausibly takes (`min-fill-ms`). */
  minimumFillTime: number;
}

export function spamReason({ honeypot, elapsed, minimumFillTime }: SubmissionSignals): SpamReason | undefined {
  if (honeypot !== '') return 'honeypot';
  if (elapsed < minimumFillTime) return 'too-fast';
  return undefined;
}
