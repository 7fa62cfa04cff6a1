/**
 * The one place that touches localStorage. Storage is shared with every script on the
 * origin, can be disabled (private modes, opaque origins such as sandboxed iframes throw on
 * access) or full, so every call here fails soft: a read gives `undefined`, a write `false`.
 * What is read back is input, like anything else from outside: callers validate it.
 */

/** localStorage, or undefined where the browser refuses it. */
export function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

export type StorageSource = () => Storage | undefined;

export function readItem(key: string, storage: StorageSource = browserStorage): string | undefined {
  try {
    return storage()?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

/** False when storage is disabled or full: the value was not kept. */
export function writeItem(key: string, value: string, storage: StorageSource = browserStorage): boolean {
  try {
    const target = storage();
    if (!target) return false;
    target.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function removeItem(key: string, storage: StorageSource = browserStorage): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // Storage that cannot be written cannot hold the entry either.
  }
}

/** Every key that starts with `prefix`. */
export function keysWith(prefix: string, storage: StorageSource = browserStorage): string[] {
  try {
    const target = storage();
    if (!target) return [];
    return Array.from({ length: target.length }, (_, index) => target.key(index)).filter(
      (key): key is string => key?.startsWith(prefix) === true,
    );
  } catch {
    return [];
  }
}
