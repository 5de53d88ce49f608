/**
 * CLI:
 *   npm run emulator -- [--port 8888] [--host 127.0.0.1] [--seed 42] [--dev-mode true|false]
 *                       [--auto-approve] [--refresh-mode rotate|keep] [--client-id X] [--client-secret Y]
 *                       [--redirect-uri URI]... [--demo-days 730] [--no-demo] [--real-time]
 *   npm run emulator -- export --listener <id> --out <file.zip|dir> [--plays N] [--seed S]
 *                       [--format extended|extended-2021|account-data] [--loose] [--compression 0-9]
 */
import { startEmulator } from './emulator';
import { runExportCli } from './export-cli';

export function parseArgs(argv: string[]): { positional: string[]; flags: Map<string, string[]> } {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      let name: string;
      let value: string;
      if (eq > 0) {
        name = arg.slice(2, eq);
        value = arg.slice(eq + 1);
      } else {
        name = arg.slice(2);
        const next = argv[i + 1];
        if (next !== undefined && !next.startsWith('--')) {
          value = next;
          i++;
        } else value = 'true';
      }
      flags.set(name, [...(flags.get(name) ?? []), value]);
    } else positional.push(arg);
  }
  return { positional, flags };
}

function flag(flags: Map<string, string[]>, name: string): string | undefined {
  return flags.get(name)?.at(-1);
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  return !['false', '0', 'no', 'off'].includes(value.toLowerCase());
}

async function serve(flags: Map<string, string[]>): Promise<void> {
  const port = Number(flag(flags, 'port') ?? process.env.EMULATOR_PORT ?? 8888);
  const emu = await startEmulator({
    port,
    host: flag(flags, 'host') ?? '127.0.0.1',
    seed: flag(flags, 'seed') ?? 42,
    devMode: bool(flag(flags, 'dev-mode'), true),
    autoApprove: bool(flag(flags, 'auto-approve'), false),
    refreshMode: (flag(flags, 'refresh-mode') as 'rotate' | 'keep' | undefined) ?? 'keep',
    clientId: flag(flags, 'client-id'),
    clientSecret: flag(flags, 'client-secret'),
    redirectUris: flags.get('redirect-uri'),
    realTime: bool(flag(flags, 'real-time'), true),
    now: flag(flags, 'now') ?? Date.now(),
    demoListener: bool(flag(flags, 'no-demo'), false) ? false : { historyDays: Number(flag(flags, 'demo-days') ?? 730) },
  });
  process.stdout.write(
    `Spotify emulator listening on ${emu.url}\n  accounts: ${emu.accountsUrl}\n  api:      ${emu.apiUrl}\n  admin:    ${emu.url}/admin/state\n` +
      `  client id: ${emu.clientId}${emu.demoListenerId ? `\n  demo listener: ${emu.demoListenerId}` : ''}\n`,
  );
  const stop = () => {
    emu.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  if (positional[0] === 'export') {
    await runExportCli(flags);
    return;
  }
  if (positional.length > 0) throw new Error(`unknown command ${positional[0]} (expected: export, or no command to serve)`);
  await serve(flags);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`spotify-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
