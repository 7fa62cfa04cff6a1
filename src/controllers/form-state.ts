import type { ReactiveControllerHost } from 'lit';
import type { FieldProblems } from '../delivery/destinations/types.js';
import type { SubmissionSignals } from '../form/bot-check.js';
import { firstInvalidField, honeypotName, validateAnswers, type DraftAnswers, type FieldErrors, type FieldName } from '../form/validation.js';
import type { LeadCaptureStrings } from '../i18n/strings.js';
import { isCallWindow, isContactPreference, type OfferKind } from '../lead/vocabulary.js';

/**
 * What the prospect has done to the form: the answers, which fields they typed in and left,
 * whether they submitted, what the endpoint said of a field, and what tells a bot from a
 * person (keystroke times, the honeypot). The element renders from it; nothing here is
 * configuration.
 *
 * When an error shows is Lion's interaction-state rule: `(touched && dirty) || submitted`.
 * A field is touched when left, dirty once typed in; tabbing past an untouched field is not
 * a mistake, and a choice (a radio) counts as both at once.
 */
export class FormStateController {
  answers: DraftAnswers = { indicators: [] };
  submitted = false;
  private readonly dirty = new Set<FieldName>();
  private readonly touched = new Set<FieldName>();
  /** Problems the endpoint reported about fields, shown at the field until it is edited. */
  private serverErrors: FieldProblems = {};
  /** Single-character keystroke times per text field, for the time trap. */
  private readonly keystrokes = new Map<string, number[]>();

  constructor(private readonly host: ReactiveControllerHost) {}

  /** A site may start the form on "none"; never over a choice the prospect made. */
  startOn(preference: 'none' | undefined): void {
    if (preference && !this.answers.preference && !this.dirty.has('preference')) this.answers = { ...this.answers, preference };
  }

  /** Every error, shown or not: the endpoint's, then the form's own checks. */
  errors(offer: OfferKind, text: LeadCaptureStrings): FieldErrors {
    return { ...this.serverErrors, ...validateAnswers(this.answers, offer, text) };
  }

  /** The error the prospect should see now (Lion's rule, above). */
  visibleError(errors: FieldErrors, field: FieldName): string | undefined {
    return this.submitted || (this.touched.has(field) && this.dirty.has(field)) ? errors[field] : undefined;
  }

  /**
   * What the bot check looks at in the submitted form, but for the site's time trap: the
   * keystroke times, and the hidden field as it is now (a bot may set `.value` with no event).
   */
  signals(form: HTMLFormElement): Omit<SubmissionSignals, 'minimumFillTime'> {
    const honeypot = form.elements.namedItem(honeypotName) as HTMLInputElement | null;
    return { honeypot: honeypot?.value ?? '', keystrokes: [...this.keystrokes.values()] };
  }

  /**
   * On submit: errors show everywhere, and what the endpoint said of the last attempt is for
   * reading, not a lock. Returns the first field to fix, if any.
   */
  submit(offer: OfferKind, text: LeadCaptureStrings): FieldName | undefined {
    this.submitted = true;
    this.serverErrors = {};
    this.host.requestUpdate();
    const invalid = firstInvalidField(this.errors(offer, text));
    return invalid ?? (this.answers.preference ? undefined : 'preference');
  }

  showServerErrors(fields: FieldProblems): void {
    this.serverErrors = fields;
    this.host.requestUpdate();
  }

  /** The first field the endpoint found a problem with, in the form's order. */
  firstServerError(): FieldName | undefined {
    return firstInvalidField(this.serverErrors);
  }

  readonly choosePreference = (event: Event): void => {
    const value = (event.target as HTMLInputElement).value;
    if (!isContactPreference(value)) return;
    this.dirty.add('preference');
    this.touched.add('preference');
    this.update({ preference: value });
  };

  readonly typeText = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const field = input.name as FieldName;
    this.dirty.add(field);
    if (field !== 'preference') delete this.serverErrors[field];
    // Only single characters typed key by key are timed; paste and autofill insert at once.
    if (event instanceof InputEvent && event.inputType === 'insertText' && event.data?.length === 1) {
      this.keystrokes.set(field, [...(this.keystrokes.get(field) ?? []), event.timeStamp]);
    }
    this.update({ [field]: input.value });
  };

  readonly leaveField = (event: FocusEvent): void => {
    // Leaving a field for the submit button is not the moment: an error appearing on
    // mousedown pushes the button away from the pointer and the click is lost. Submit shows it anyway.
    if ((event.relatedTarget as HTMLElement | null)?.matches('button[type="submit"]')) return;
    this.touched.add((event.target as HTMLInputElement).name as FieldName);
    this.host.requestUpdate();
  };

  readonly chooseCallWindow = (event: Event): void => {
    const value = (event.target as HTMLSelectElement).value;
    this.update({ callWindow: isCallWindow(value) ? value : '' });
  };

  readonly toggleIndicator = (event: Event): void => {
    const { value, checked } = event.target as HTMLInputElement;
    const others = this.answers.indicators.filter((indicator) => indicator !== value);
    this.update({ indicators: checked ? [...others, value] : others });
  };

  private update(change: Partial<DraftAnswers>): void {
    this.answers = { ...this.answers, ...change };
    this.host.requestUpdate();
  }
}
