/** Where a three-legged refresh token is kept between runs. Autodesk rotates it on every refresh. */
import fs from 'node:fs/promises';
import path from 'node:path';

/** Loads and saves one refresh token; `save` must be atomic, as the previous token is already spent. */
export interface TokenStore {
  /** Names where the token lives, so refreshes of one token (a sync and a health check) take turns. */
  readonly id?: string;
  load(): Promise<string | null>;
  save(refreshToken: string): Promise<void>;
}

const turns = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` after every earlier call for the same store has settled. Each refresh spends the token it read, so two
 * connectors refreshing at once (a sync and a health check) would otherwise both use it and one would be refused.
 */
export function inTurn<T>(store: TokenStore, fn: () => Promise<T>): Promise<T> {
  if (!store.id) return fn();
  const id = store.id;
  const previous = turns.get(id) ?? Promise.resolve();
  const mine = previous.catch(() => undefined).then(fn);
  const settled = mine.catch(() => undefined);
  turns.set(id, settled);
  void settled.then(() => {
    if (turns.get(id) === settled) turns.delete(id);
  });
  return mine;
}

/**
 * A JSON file `{ "refreshToken": "..." }`, for headless use, readable by the owner only. Rewritten through a
 * temporary file and a rename, so a crash never leaves a half-written token. `seed` (an environment variable's
 * value) is used while the file does not exist yet.
 */
export class FileTokenStore implements TokenStore {
  readonly id: string;

  constructor(
    private readonly file: string,
    private readonly seed?: string,
  ) {
    this.id = `file:${path.resolve(file)}`;
  }

  async load(): Promise<string | null> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return this.seed || null;
      throw new Error(`Cannot read the Autodesk token file ${this.file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    try {
      const token = (JSON.parse(text) as { refreshToken?: unknown }).refreshToken;
      if (typeof token === 'string' && token) return token;
    } catch {
      // Reported below without echoing the content, which may be a token.
    }
    throw new Error(`The Autodesk token file ${this.file} is not a JSON object with a "refreshToken" string.`);
  }

  async save(refreshToken: string): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(temp, `${JSON.stringify({ refreshToken })}\n`, { mode: 0o600 });
    await fs.rename(temp, this.file);
  }
}

/** A token kept in memory, e.g. right after an interactive sign-in. */
export class MemoryTokenStore implements TokenStore {
  constructor(private token: string | null = null) {}

  async load(): Promise<string | null> {
    return this.token;
  }

  async save(refreshToken: string): Promise<void> {
    this.token = refreshToken;
  }
}
