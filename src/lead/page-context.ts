import { fieldLimits, type PageContext, type Utm } from './schema.js';

const utmKeys = ['source', 'medium', 'campaign', 'term', 'content'] as const;

/**
 * The page a lead came from. Query strings and fragments are dropped from both URLs
 * because they routinely carry tokens and personal data; the campaign is kept only
 * through the standard `utm_*` parameters.
 */
export function pageContextFrom(href: string, referrer: string): PageContext {
  const page = new URL(href);
  const context: PageContext = { url: withoutQuery(page) };
  const referrerUrl = parseUrl(referrer);
  if (referrerUrl) context.referrer = withoutQuery(referrerUrl);
  const utm = utmFrom(page.searchParams);
  if (utm) context.utm = utm;
  return context;
}

function withoutQuery(url: URL): string {
  return `${url.origin}${url.pathname}`.slice(0, fieldLimits.href);
}

/** `value` as a URL (relative to `base` when given), or undefined when it is not one. */
export function parseUrl(value: string, base?: string): URL | undefined {
  try {
    return value ? new URL(value, base) : undefined;
  } catch {
    return undefined;
  }
}

function utmFrom(parameters: URLSearchParams): Utm | undefined {
  const utm: Utm = {};
  for (const key of utmKeys) {
    const value = parameters.get(`utm_${key}`)?.trim();
    if (value) utm[key] = value.slice(0, fieldLimits.utm);
  }
  return Object.keys(utm).length > 0 ? utm : undefined;
}
