/** The scheduler's own settings, kept beside the catalog in `scheduler.json` so they outlive a restart. */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const SCHEDULER_FILE = 'scheduler.json';

export const schedulerSettingsSchema = z.strictObject({
  /** Every automatic sync is held ("Pause syncing" in the tray). */
  pausedAll: z.boolean().default(false),
  /** Most syncs running at once, across all endpoints. */
  maxConcurrentSyncs: z.number().int().min(1).max(16).default(2),
});
export type SchedulerSettings = z.infer<typeof schedulerSettingsSchema>;

/** Reads the settings; a missing or damaged file gives the defaults (and says so through `warn`). */
export function readSchedulerSettings(dataDir: string, warn: (message: string) => void): SchedulerSettings {
  const file = path.join(dataDir, SCHEDULER_FILE);
  let raw: unknown = {};
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`${file} could not be read; using defaults`);
  }
  const parsed = schedulerSettingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  warn(`${file} is not valid (${parsed.error.issues[0]?.message ?? 'unknown problem'}); using defaults`);
  return schedulerSettingsSchema.parse({});
}

/** Saves the settings atomically (write then rename), so a crash never leaves half a file. */
export function writeSchedulerSettings(dataDir: string, settings: SchedulerSettings): void {
  const file = path.join(dataDir, SCHEDULER_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`);
  fs.renameSync(temp, file);
}
