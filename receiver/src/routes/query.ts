import { contactPreferences, temperatures, type ContactPreference, type Temperature } from 'lead-capture/schema';
import { HttpProblem } from '../http.js';
import type { LeadFilters, ListPosition } from '../store/store.js';

/** Query parameters of the list, the export and the report, each checked and bounded (400 naming the parameter). */

const maxParameter = 200;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function badParameter(name: string, detail: string): HttpProblem {
  return new HttpProblem(400, `Invalid ${name}`, detail, { issues: [{ path: name, message: detail }] });
}

function parameter(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value === '') return undefined;
  if (value.length > maxParameter) throw badParameter(name, `${name} is at most ${maxParameter} characters.`);
  return value;
}

function oneOf<T extends string>(url: URL, name: string, allowed: readonly T[]): T | undefined {
  const value = parameter(url, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw badParameter(name, `${name} is one of ${allowed.join(', ')}.`);
  return value as T;
}

/** An ISO date (`2026-11-01`, midnight UTC) or date and time with a zone. */
export function instantParameter(url: URL, name: string): Date | undefined {
  const value = parameter(url, name);
  if (value === undefined) return undefined;
  const time = isoDate.test(value) ? Date.parse(`${value}T00:00:00Z`) : isoDateTime.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw badParameter(name, `${name} is an ISO date (2026-11-01) or date and time with a zone (2026-11-01T09:00:00Z).`);
  return new Date(time);
}

export function rangeParameters(url: URL): { from?: Date; to?: Date } {
  const from = instantParameter(url, 'from');
  const to = instantParameter(url, 'to');
  if (from && to && from.getTime() > to.getTime()) throw badParameter('to', 'to comes after from.');
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

export function filterParameters(url: URL): LeadFilters {
  const test = parameter(url, 'test');
  if (test !== undefined && test !== 'true' && test !== 'false') throw badParameter('test', 'test is true (test leads only) or false.');
  const temperature: Temperature | undefined = oneOf(url, 'temperature', temperatures);
  const preference: ContactPreference | undefined = oneOf(url, 'preference', contactPreferences);
  const offer = parameter(url, 'offer');
  const q = parameter(url, 'q');
  return {
    ...(temperature ? { temperature } : {}),
    ...(preference ? { preference } : {}),
    ...(offer ? { offer } : {}),
    ...(q ? { q } : {}),
    ...rangeParameters(url),
    test: test === 'true',
  };
}

export function limitParameter(url: URL, fallback: number, max: number): number {
  const value = parameter(url, 'limit');
  if (value === undefined) return fallback;
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > max) throw badParameter('limit', `limit is a whole number from 1 to ${max}.`);
  return Number(value);
}

const toBase64Url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (text: string) => atob(text.replace(/-/g, '+').replace(/_/g, '/'));

/** The list's cursor: opaque to clients (base64url of the last lead's received time and id). */
export function encodeCursor(position: ListPosition): string {
  return toBase64Url(JSON.stringify([position.receivedAt, position.id]));
}

export function cursorParameter(url: URL): ListPosition | undefined {
  const value = parameter(url, 'cursor');
  if (value === undefined) return undefined;
  try {
    const [receivedAt, id] = JSON.parse(fromBase64Url(value)) as unknown[];
    if (typeof receivedAt === 'string' && typeof id === 'string' && uuid.test(id) && !Number.isNaN(Date.parse(receivedAt))) return { receivedAt, id };
  } catch {
    // fall through
  }
  throw badParameter('cursor', 'cursor is the value a previous page returned.');
}

export function isUuid(text: string): boolean {
  return uuid.test(text);
}
