/** Global Privacy Control: the visitor asked sites not to sell or share their data. */
export function globalPrivacyControl(): boolean {
  return (globalThis.navigator as (Navigator & { globalPrivacyControl?: boolean }) | undefined)?.globalPrivacyControl === true;
}
