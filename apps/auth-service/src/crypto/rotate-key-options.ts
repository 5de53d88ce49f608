import { readFileSync } from 'node:fs';
import { decodeKey } from '../config/auth.config';

export interface RotateKeyOptions {
  databaseUrl?: string;
  oldKey?: Buffer;
  newKey?: Buffer;
  dryRun: boolean;
  help: boolean;
}

export class UsageError extends Error {}

export const ROTATE_KEY_USAGE = `Usage: npm run auth:rotate-key -- [options]

Re-encrypts every stored Spotify token (and pending login verifier) under a new key,
in one transaction. Prints counts; never prints a key or a token.

Keys (32 random bytes, base64 — e.g. \`openssl rand -base64 32\`):
  old key   --old-key-file <path> | --old-key <base64> | env TOKEN_ENCRYPTION_KEY_PREVIOUS
  new key   --new-key-file <path> | --new-key <base64> | env TOKEN_ENCRYPTION_KEY
  (key files are preferred: a key on the command line is visible to other local users)

Database:   --database-url <url> | env DATABASE_URL
            (unset: the embedded default in .data/; with no keys given either, the key in
            .data/token-encryption-key is rotated to a freshly generated one)
  --dry-run   re-encrypt inside the transaction, report, then roll back
  --help

Recommended order: start the services with TOKEN_ENCRYPTION_KEY=<new> and
TOKEN_ENCRYPTION_KEY_PREVIOUS=<old> (they read both), run this command, then drop
TOKEN_ENCRYPTION_KEY_PREVIOUS.`;

function parseKey(value: string, what: string): Buffer {
  const key = decodeKey(value);
  if (!key) throw new UsageError(`${what} must be 32 random bytes, base64-encoded`);
  return key;
}

function readKeyFile(file: string, what: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return parseKey(text.trim(), `${what} in ${file}`);
}

/** Flags win over environment variables. */
export function parseRotateKeyArgs(argv: string[], env: NodeJS.ProcessEnv): RotateKeyOptions {
  const flags = new Map<string, string>();
  let dryRun = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (['--old-key', '--new-key', '--old-key-file', '--new-key-file', '--database-url'].includes(arg.split('=')[0])) {
      const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, argv[++i]];
      if (inline === undefined || inline === '') throw new UsageError(`${name} needs a value`);
      flags.set(name, inline);
    } else throw new UsageError(`unknown argument ${JSON.stringify(arg.split('=')[0])}`);
  }
  const key = (which: 'old' | 'new', envName: string): Buffer | undefined => {
    const file = flags.get(`--${which}-key-file`);
    if (file) return readKeyFile(file, `--${which}-key-file`);
    const inline = flags.get(`--${which}-key`);
    if (inline) return parseKey(inline, `--${which}-key`);
    const fromEnv = env[envName];
    return fromEnv ? parseKey(fromEnv, envName) : undefined;
  };
  return {
    databaseUrl: flags.get('--database-url') ?? (env.DATABASE_URL || undefined),
    oldKey: key('old', 'TOKEN_ENCRYPTION_KEY_PREVIOUS'),
    newKey: key('new', 'TOKEN_ENCRYPTION_KEY'),
    dryRun,
    help,
  };
}
