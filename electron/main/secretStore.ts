/**
 * Secrets encrypted by the OS (Electron safeStorage: Keychain, DPAPI, libsecret/kwallet) in one
 * file in the data folder. Only ciphertext touches the disk; writes go to a temporary file then
 * rename, so a crash never leaves a half-written token (refresh tokens rotate on every use).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../../src/core/secrets.js';

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only; `basic_text` means a hard-coded key: no real protection. */
  getSelectedStorageBackend?(): string;
}

type Stored = Record<string, string>; // key -> base64 ciphertext

/** Builds the store over `file`; throws on `set` when the OS offers no encryption at all. */
export function createSafeSecretStore(safeStorage: SafeStorageLike, file: string): SecretStore {
  const read = (): Stored => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Stored;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(`The secrets file ${file} is damaged; sign in again to replace it.`, { cause: error });
    }
  };
  const write = (stored: Stored) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(stored), { mode: 0o600 });
    fs.renameSync(temp, file);
  };
  const protection = (): ReturnType<SecretStore['protection']> => {
    if (!safeStorage.isEncryptionAvailable()) return 'unavailable';
    return safeStorage.getSelectedStorageBackend?.() === 'basic_text' ? 'weak' : 'os-encrypted';
  };

  return {
    protection,
    get: async (key) => {
      const value = read()[key];
      if (value === undefined) return null;
      try {
        return safeStorage.decryptString(Buffer.from(value, 'base64'));
      } catch (error) {
        // Encrypted on another machine or by another OS user: the secret is gone, not an error to crash on.
        throw new Error(`The saved sign-in for "${key}" cannot be decrypted here; sign in again.`, { cause: error });
      }
    },
    has: async (key) => key in read(),
    set: async (key, value) => {
      if (protection() === 'unavailable') {
        throw new Error(
          'This system offers no encrypted storage (no keychain or secret service), so File Connector will not save the sign-in. Install and unlock a keyring (e.g. GNOME Keyring or KWallet), then sign in again.',
        );
      }
      write({ ...read(), [key]: safeStorage.encryptString(value).toString('base64') });
    },
    delete: async (key) => {
      const stored = read();
      if (!(key in stored)) return;
      delete stored[key];
      write(stored);
    },
  };
}
