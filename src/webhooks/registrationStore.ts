/**
 * What File Connector registered with Autodesk or Google for each endpoint, kept beside the catalog in
 * `webhooks.json` so `hooks remove` and the renewal of Drive channels can find it again. Nothing secret is in
 * it: the hooks' secret stays the endpoint's own (its schedule or environment variable). The file is read
 * afresh on every call, since the command and a running app may both write it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { HookService } from '../contract/hooks.js';
import type { HookSubscription } from '../connectors/types.js';

export const HOOKS_FILE = 'webhooks.json';

const subscriptionSchema = z.object({
  id: z.string(),
  description: z.string(),
  expiresAt: z.string().nullable(),
  renewAt: z.string().nullable(),
  details: z.record(z.string(), z.string().nullable()),
});

const registrationSchema = z.object({
  service: z.enum(['autodesk', 'google']),
  callbackUrl: z.string(),
  registeredAt: z.string(),
  subscriptions: z.array(subscriptionSchema),
});

const fileSchema = z.object({
  version: z.literal(1),
  endpoints: z.record(z.string().regex(/^\d+$/), registrationSchema),
});

/** One endpoint's registration as stored. */
export interface StoredRegistration {
  service: HookService;
  callbackUrl: string;
  registeredAt: string;
  subscriptions: HookSubscription[];
}

export class HookRegistrationStore {
  readonly file: string;

  constructor(
    dataDir: string,
    private readonly warn: (message: string) => void,
  ) {
    this.file = path.join(dataDir, HOOKS_FILE);
  }

  /** Every registration by endpoint id. */
  all(): Map<number, StoredRegistration> {
    return new Map(Object.entries(this.read()).map(([id, entry]) => [Number(id), entry]));
  }

  get(endpointId: number): StoredRegistration | null {
    return this.read()[String(endpointId)] ?? null;
  }

  /** Saves an endpoint's registration, or forgets it (null, or nothing held any more). */
  set(endpointId: number, registration: StoredRegistration | null): void {
    const endpoints = this.read();
    if (registration && registration.subscriptions.length) endpoints[String(endpointId)] = registration;
    else delete endpoints[String(endpointId)];
    // Written to a temporary file and renamed, so a crash never leaves half a file.
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify({ version: 1, endpoints }, null, 2)}\n`);
    fs.renameSync(temp, this.file);
  }

  private read(): Record<string, StoredRegistration> {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      // Forgetting registrations silently would leave hooks nobody can remove: say so loudly.
      throw new Error(`${this.file} cannot be read (${error instanceof Error ? error.message : String(error)}).`, {
        cause: error,
      });
    }
    const parsed = fileSchema.safeParse(raw);
    if (parsed.success) return parsed.data.endpoints;
    const issue = parsed.error.issues[0];
    this.warn(`${this.file} is not valid (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'unknown problem'})`);
    throw new Error(
      `${this.file} is not valid: fix or remove it (hooks it lists must then be removed at Autodesk or Google by hand).`,
    );
  }
}
