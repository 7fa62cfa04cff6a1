/**
 * Every word the widget shows. Sites override any subset through the element's `strings`
 * property; placeholders in braces (`{email}`) are filled in as plain text, never markup.
 */
export interface LeadCaptureStrings {
  formLabel: string;
  preferenceLegend: string;
  preferenceNone: string;
  preferenceEmail: string;
  preferenceCall: string;
  required: string;
  optional: string;
  nameLabel: string;
  emailLabel: string;
  phoneLabel: string;
  callWindowLabel: string;
  callWindowAny: string;
  callWindowMorning: string;
  callWindowAfternoon: string;
  callWindowEvening: string;
  indicatorsLegend: string;
  submitDownload: string;
  submitNewsletter: string;
  submitFollow: string;
  submitEvent: string;
  submitTrial: string;
  privacyNotice: string;
  privacyLink: string;
  errorPreferenceMissing: string;
  errorEmailMissing: string;
  errorEmailInvalid: string;
  errorPhoneMissing: string;
  errorPhoneInvalid: string;
  errorTooLong: string;
  statusInvalid: string;
  statusSubmitting: string;
  statusSent: string;
  /** Queued because the browser is offline. */
  statusQueued: string;
  /** Queued although the browser is online: the endpoint could not be reached. */
  statusQueuedLater: string;
  statusRejected: string;
  statusFailed: string;
  statusNotConfigured: string;
  thankYouHeading: string;
  thankYouQueued: string;
  thankYouQueuedLater: string;
  thankYouDownload: string;
  thankYouNewsletter: string;
  thankYouFollow: string;
  thankYouEvent: string;
  thankYouTrial: string;
  thankYouNone: string;
  thankYouEmail: string;
  thankYouCall: string;
  thankYouCallAnyTime: string;
  thankYouCallMorning: string;
  thankYouCallAfternoon: string;
  thankYouCallEvening: string;
  assetLink: string;
  assetLinkUntitled: string;
}

/** Fills `{placeholders}`; unknown ones are left as written so a typo is visible, not silent. */
export function formatString(template: string, values: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, key: string) => {
    const value = values[key];
    return value === undefined ? placeholder : String(value);
  });
}

/**
 * The key of the text for a choice, by the tables' naming rule: `labelKey('submit', 'download')`
 * is `submitDownload`. Typed, so a choice without its text is a compile error.
 */
export function labelKey<Prefix extends string, Value extends string>(prefix: Prefix, value: Value): `${Prefix}${Capitalize<Value>}` {
  return `${prefix}${value.charAt(0).toUpperCase()}${value.slice(1)}` as `${Prefix}${Capitalize<Value>}`;
}
