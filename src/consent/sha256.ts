import { hexOf } from '../lead/identity.js';

/**
 * SHA-256 of the consent text (UTF-8), as lowercase hex, by the platform's `crypto.subtle`.
 * It exists only in secure contexts (https, localhost); on a plain-http page the receipt
 * leaves the digest out, and the receiver computes it from `consent.text` (the reference
 * receiver does). The widget carries no hash code of its own.
 */
export async function sha256Hex(text: string, subtle: SubtleCrypto | null = globalThis.crypto?.subtle ?? null): Promise<string | undefined> {
  if (!subtle) return undefined;
  return hexOf(new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

const digests = new Map<string, Promise<string | undefined>>();

/**
 * `sha256Hex` of a consent text, computed once per text: the widget asks for it as soon as
 * the prospect picks an option, so the submit finds it ready instead of waiting a task for
 * `crypto.subtle`.
 */
export function consentDigest(text: string): Promise<string | undefined> {
  let digest = digests.get(text);
  if (!digest) {
    digest = sha256Hex(text).catch(() => undefined);
    digests.set(text, digest);
  }
  return digest;
}
