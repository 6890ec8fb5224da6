/** The app's settings (start at login, notifications), owned by the core and kept in `settings.json`. */
import fs from 'node:fs';
import path from 'node:path';
import { appSettingsSchema, type AppSettings, type AppSettingsUpdate } from '../contract/settings.js';
import { ContractError } from '../contract/wire.js';

export const SETTINGS_FILE = 'settings.json';

export interface SettingsStoreOptions {
  dataDir: string;
  /** Applies settings outside the core (the desktop app's login item); a throw keeps the old settings. */
  apply?: (settings: AppSettings) => void | Promise<void>;
  /** Called with the new settings once they are kept. */
  onChange?: (settings: AppSettings) => void;
  warn?: (message: string) => void;
}

export class SettingsStore {
  private current: AppSettings;
  private readonly file: string;
  /** Updates one after the other, so two quick toggles cannot interleave apply and write. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SettingsStoreOptions) {
    this.file = path.join(options.dataDir, SETTINGS_FILE);
    this.current = this.read();
  }

  /** The settings now (a copy). */
  get(): AppSettings {
    return structuredClone(this.current);
  }

  /** Applies and keeps a change; returns every setting. */
  update(change: AppSettingsUpdate): Promise<AppSettings> {
    const next = this.queue.then(async () => {
      const settings = appSettingsSchema.parse({ ...this.current, ...change });
      try {
        await this.options.apply?.(settings);
      } catch (error) {
        throw new ContractError({
          code: 'internal',
          message: `The setting could not be applied: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
      this.write(settings);
      this.current = settings;
      this.options.onChange?.(this.get());
      return this.get();
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private read(): AppSettings {
    let raw: unknown = {};
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.options.warn?.(`${this.file} could not be read; using defaults`);
    }
    const parsed = appSettingsSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.options.warn?.(`${this.file} is not valid; using defaults`);
    return appSettingsSchema.parse({});
  }

  /** Write then rename, so a crash never leaves half a file. */
  private write(settings: AppSettings): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`);
    fs.renameSync(temp, this.file);
  }
}
