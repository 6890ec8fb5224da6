/**
 * Where sign-in secrets (refresh tokens, client secrets) live. The desktop app
 * implements it with the OS keychain through Electron's safeStorage; the core
 * only sees this interface, so nothing in `src/` writes a secret to disk itself.
 */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  /** Whether a value is saved, without decrypting it (the OS may ask the user to unlock the keychain). */
  has(key: string): Promise<boolean>;
  /** Replaces the value atomically: a crash leaves the old value or the new one, never half of either. */
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** How well secrets are protected, for the UI to warn when the OS offers no real encryption. */
  protection(): 'os-encrypted' | 'weak' | 'unavailable';
}

/** A store for one process's lifetime (headless runs that take tokens from a file or the environment). */
export function memorySecretStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    get: async (key) => values.get(key) ?? null,
    has: async (key) => values.has(key),
    set: async (key, value) => void values.set(key, value),
    delete: async (key) => void values.delete(key),
    protection: () => 'unavailable',
  };
}
