/**
 * Bots without CAPTCHAs, and without refusing people. Two signals, each something a person
 * does not do:
 * - the honeypot: a field people never see or reach, which form-filling bots fill. It has a
 *   name no browser autofill or password manager recognises, so a person's tools leave it
 *   empty too.
 * - typing faster than a person types: keystrokes in one field closer together, on average,
 *   than anyone's fingers. Only text typed key by key is timed. Choosing options, clicking,
 *   pasting and autofill are never timed: a prospect who picks "just the content" and
 *   submits in a second is fast, not a bot.
 */
export type SpamReason = 'honeypot' | 'too-fast';

export interface SubmissionSignals {
  /** What the hidden field holds: always empty for a person. */
  honeypot: string;
  /** For each text field, the times (ms, any monotonic clock) of its single-character keystrokes. */
  keystrokes: readonly (readonly number[])[];
  /** `min-fill-ms`: the least milliseconds a person takes to type 100 characters; 0 turns the time trap off. */
  minimumFillTime: number;
}

/** Fewer keystrokes than this say nothing: two keys pressed together can land 1 ms apart. */
const fewestTimedKeystrokes = 5;

export function spamReason({ honeypot, keystrokes, minimumFillTime }: SubmissionSignals): SpamReason | undefined {
  if (honeypot !== '') return 'honeypot';
  const leastInterval = minimumFillTime / 100;
  if (keystrokes.some((times) => averageInterval(times) < leastInterval)) return 'too-fast';
  return undefined;
}

/** Mean milliseconds between keystrokes; Infinity when there are too few to judge. */
function averageInterval(times: readonly number[]): number {
  if (times.length < fewestTimedKeystrokes) return Number.POSITIVE_INFINITY;
  return (times[times.length - 1] - times[0]) / (times.length - 1);
}
