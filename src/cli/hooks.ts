/** `file-connector hooks register | list | remove`: webhook registrations with Autodesk and Google Drive. */
import { Option, type Command } from 'commander';
import type { HookRegistration } from '../contract/hooks.js';
import type { RequestName } from '../contract/contract.js';
import type { Core } from '../core/core.js';
import { table } from './output.js';

export interface HooksCommandDeps {
  /** Runs `fn` with a core that only reads the catalog (it may run beside the app or `serve`). */
  withCore<T>(fn: (core: Core) => Promise<T>): Promise<T>;
  /** The id of the endpoint with this name; throws a usage error naming the known ones. */
  endpointId(core: Core, name: string): number;
  print(text: string): Promise<void>;
  /** An error the command reports in one line, with its exit code. */
  fail(message: string, exitCode: number): Error;
}

const serviceNames = { autodesk: 'Autodesk', google: 'Google Drive' } as const;
const unitNames = { autodesk: 'hook(s)', google: 'watch channel(s)' } as const;

const urlHelp =
  'the public https address that reaches `serve` or the desktop listener, such as a tunnel: https://abc.trycloudflare.com. ' +
  '/hooks/<endpoint id> is appended, unless the address already ends with /hooks/<this endpoint>';

/** Adds the `hooks` command and its subcommands to `program`. */
export function addHooksCommands(program: Command, deps: HooksCommandDeps): void {
  const hooks = program
    .command('hooks')
    .description('register webhook endpoints with Autodesk or Google Drive, list and remove them');

  /** Runs a contract request through the same validation as every front end. */
  const call = async <T>(core: Core, name: RequestName, input: unknown): Promise<T> => {
    const answer = await core.dispatch(name, input);
    if (answer.ok) return answer.result as T;
    const usage = ['invalid_request', 'not_found', 'unsupported'].includes(answer.error.code);
    throw deps.fail(answer.error.message, usage ? 2 : 1);
  };

  hooks
    .command('register')
    .description('make Autodesk (hooks) or Google Drive (watch channels) call this endpoint on every change')
    .requiredOption('--endpoint <name>', 'a webhook endpoint (schedule type webhook, with a secret)')
    .requiredOption('--url <url>', urlHelp)
    .addHelpText(
      'after',
      '\nExpose File Connector first, e.g. `cloudflared tunnel --url http://127.0.0.1:4310` or `ngrok http 4310` ' +
        '(the desktop listener: port 4320). Registering again with the same address changes nothing; with another ' +
        'address it moves the registration. Drive channels expire after a week and are renewed while `serve` or the ' +
        'desktop app runs.\n',
    )
    .action(async (opts: { endpoint: string; url: string }) => {
      await deps.withCore(async (core) => {
        const endpointId = deps.endpointId(core, opts.endpoint);
        const registration = await call<HookRegistration>(core, 'hooks.register', { endpointId, url: opts.url });
        await deps.print(`${describe(registration)}\n`);
        for (const s of registration.subscriptions) {
          await deps.print(`  ${s.description}${s.expiresAt ? ` (expires ${s.expiresAt})` : ''}  [${s.id}]\n`);
        }
      });
    });

  hooks
    .command('list')
    .description('list the webhooks registered with Autodesk and Google Drive')
    .option('--endpoint <name>', 'only this endpoint')
    .addOption(new Option('--json', 'as JSON'))
    .action(async (opts: { endpoint?: string; json?: boolean }) => {
      await deps.withCore(async (core) => {
        const endpointId = opts.endpoint ? deps.endpointId(core, opts.endpoint) : undefined;
        const list = await call<HookRegistration[]>(core, 'hooks.list', endpointId ? { endpointId } : {});
        if (opts.json) return deps.print(`${JSON.stringify(list, null, 2)}\n`);
        if (!list.length) {
          return deps.print(
            `No webhooks are registered${opts.endpoint ? ` for "${opts.endpoint}"` : ''}. Register them with: ` +
              'file-connector hooks register --endpoint NAME --url https://PUBLIC-ADDRESS\n',
          );
        }
        const rows = list.map((r) => [
          r.endpointName,
          serviceNames[r.service],
          r.callbackUrl,
          `${r.subscriptions.length} ${unitNames[r.service]}`,
          earliest(r) ?? 'never',
        ]);
        await deps.print(`${table(['ENDPOINT', 'SERVICE', 'CALLS', 'HOLDS', 'EXPIRES'], rows)}\n`);
      });
    });

  hooks
    .command('remove')
    .description('remove exactly the hooks or watch channels File Connector registered for an endpoint')
    .requiredOption('--endpoint <name>', 'the endpoint')
    .action(async (opts: { endpoint: string }) => {
      await deps.withCore(async (core) => {
        const endpointId = deps.endpointId(core, opts.endpoint);
        const [registration] = await call<HookRegistration[]>(core, 'hooks.list', { endpointId });
        if (!registration) return deps.print(`Nothing is registered for "${opts.endpoint}".\n`);
        const { removed } = await call<{ removed: number }>(core, 'hooks.remove', { endpointId });
        await deps.print(
          `Removed ${removed} ${serviceNames[registration.service]} ${unitNames[registration.service]} of "${opts.endpoint}".\n`,
        );
      });
    });
}

function describe(r: HookRegistration): string {
  const renewal =
    r.service === 'google'
      ? ' They are renewed before they expire while `file-connector serve` or the desktop app runs.'
      : '';
  return `Registered "${r.endpointName}" with ${serviceNames[r.service]}: ${r.subscriptions.length} ${unitNames[r.service]} call ${r.callbackUrl}.${renewal}`;
}

/** The first expiry among a registration's subscriptions. */
function earliest(r: HookRegistration): string | null {
  const times = r.subscriptions.flatMap((s) => (s.expiresAt ? [s.expiresAt] : []));
  return times.length ? times.sort()[0]! : null;
}
