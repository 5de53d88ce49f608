import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

export const root = path.resolve(__dirname, '../../..');

export interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: Array<{ type: string; source?: string; target: string; read_only?: boolean } | string>;
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  ports?: Array<string | { published?: string | number; host_ip?: string; target: number }>;
  logging?: { driver?: string; options?: Record<string, string> };
  deploy?: { resources?: { limits?: { cpus?: string | number; memory?: string | number } } };
}

export interface ComposeConfig {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/** Docker's Compose v2 plugin when installed, else Debian's docker-compose: neither needs an engine for `config`. */
function composeCommand(): string[] {
  for (const candidate of [['docker', 'compose'], ['docker-compose']]) {
    try {
      execFileSync(candidate[0], [...candidate.slice(1), 'version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error("No Compose client: install the docker compose plugin or Debian's docker-compose (apt-get install docker-compose)");
}

/**
 * docker-compose.yml as Compose itself resolves it (interpolation, merge keys, defaults) with the
 * given .env, so the checks see what `docker compose up` would run.
 */
export function resolvedCompose(env: Record<string, string>): ComposeConfig {
  const dir = mkdtempSync(path.join(tmpdir(), 'rewind-compose-'));
  try {
    const envFile = path.join(dir, '.env');
    writeFileSync(
      envFile,
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
    const [cmd, ...args] = composeCommand();
    const out = execFileSync(
      cmd,
      [...args, '--project-directory', root, '--env-file', envFile, '-f', path.join(root, 'docker-compose.yml'), 'config'],
      {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', HOME: dir },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return parse(out) as ComposeConfig;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The variables docker-compose.yml refuses to start without (`${NAME:?...}`). */
export function requiredVariables(): string[] {
  const text = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
  return [...new Set([...text.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]))].sort();
}

/** Named-volume and bind mounts a service can write to. */
export function writableMounts(service: Service): string[] {
  return (service.volumes ?? [])
    .map((v) => (typeof v === 'string' ? { type: 'volume', target: v.split(':')[1], read_only: v.endsWith(':ro') } : v))
    .filter((v) => !v.read_only)
    .map((v) => v.target);
}
