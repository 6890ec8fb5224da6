import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSafeSecretStore, type SafeStorageLike } from '../../electron/main/secretStore.js';
import { tempDir } from '../helpers/tempDir.js';

/** Stands in for Electron's safeStorage (the binary cannot run here): a reversible transform that is not plain text. */
function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}): SafeStorageLike {
  return {
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (text) => Buffer.from([...Buffer.from(text, 'utf8')].map((b) => b ^ 0x5a)),
    decryptString: (data) => {
      if (data[0] === 0) throw new Error('bad ciphertext');
      return Buffer.from([...data].map((b) => b ^ 0x5a)).toString('utf8');
    },
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  };
}

describe('secret store over safeStorage', () => {
  it('keeps secrets only as ciphertext on disk and reads them back', async () => {
    const file = path.join(tempDir(), 'secrets.json');
    const store = createSafeSecretStore(fakeSafeStorage(), file);
    await store.set('google:Docs', '1//refresh-token-value');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('refresh-token-value');
    expect(await store.get('google:Docs')).toBe('1//refresh-token-value');
    expect(await createSafeSecretStore(fakeSafeStorage(), file).get('google:Docs')).toBe('1//refresh-token-value');
    expect(fs.statSync(file).mode & 0o077).toBe(0);
  });

  it('replaces a rotated token atomically and deletes on sign-out', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'secrets.json');
    const store = createSafeSecretStore(fakeSafeStorage(), file);
    await store.set('acc:Tower', 'old');
    await store.set('acc:Other', 'keep');
    await store.set('acc:Tower', 'new');
    expect(await store.get('acc:Tower')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['secrets.json']);
    await store.delete('acc:Tower');
    expect(await store.get('acc:Tower')).toBeNull();
    expect(await store.get('acc:Other')).toBe('keep');
  });

  it('refuses to save when the OS has no encryption, and says what to do', async () => {
    const store = createSafeSecretStore(fakeSafeStorage({ available: false }), path.join(tempDir(), 's.json'));
    expect(store.protection()).toBe('unavailable');
    await expect(store.set('k', 'v')).rejects.toThrow(/no encrypted storage .* keyring/);
  });

  it('reports the basic_text backend on Linux as weak protection', () => {
    const store = createSafeSecretStore(fakeSafeStorage({ backend: 'basic_text' }), path.join(tempDir(), 's.json'));
    expect(store.protection()).toBe('weak');
  });

  it('a secret that cannot be decrypted here asks for a new sign-in, and a damaged file says so', async () => {
    const file = path.join(tempDir(), 'secrets.json');
    fs.writeFileSync(file, JSON.stringify({ k: Buffer.from([0, 1, 2]).toString('base64') }));
    const store = createSafeSecretStore(fakeSafeStorage(), file);
    await expect(store.get('k')).rejects.toThrow(/cannot be decrypted here; sign in again/);
    fs.writeFileSync(file, '{not json');
    await expect(store.get('k')).rejects.toThrow(/damaged; sign in again/);
  });
});
