/**
 * SHA-256 of the consent text (UTF-8), as lowercase hex, by the platform's `crypto.subtle`.
 * It exists only in secure contexts (https, localhost); on a plain-http page the receipt
 * leaves the digest out, and the receiver computes it from `consent.text` (the reference
 * receiver does). The widget carries no hash code of its own.
 */
export async function sha256Hex(text: string, subtle: SubtleCrypto | null = globalThis.crypto?.subtle ?? null): Promise<string | undefined> {
  if (!subtle) return undefined;
  const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
