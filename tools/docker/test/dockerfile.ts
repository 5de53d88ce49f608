import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './compose-config';

export interface Stage {
  name: string | null;
  from: string;
  /** Instructions in order, continuation lines joined. */
  instructions: Array<{ op: string; args: string }>;
}

/** The Dockerfile's build stages, with ARG defaults substituted into FROM. */
export function dockerfileStages(file = path.join(root, 'Dockerfile')): Stage[] {
  const lines = readFileSync(file, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op, rest] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    const upper = op.toUpperCase();
    if (upper === 'ARG' && !stages.length) {
      const [name, value = ''] = rest.split('=');
      args.set(name, value.replace(/^"|"$/g, ''));
    } else if (upper === 'FROM') {
      const [image, , name] = rest.split(/\s+/);
      stages.push({ name: name ?? null, from: image.replace(/\$\{(\w+)\}/g, (_, n: string) => args.get(n) ?? ''), instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ op: upper, args: rest });
    }
  }
  return stages;
}

/**
 * What the final stage leaves writable by the user it runs as: directories created and chowned to
 * that user in a RUN before USER (e.g. `mkdir -p /data/imports && chown -R node:node /data`).
 */
export function runtimeUserAndPaths(stage: Stage): { user: string | null; created: string[]; owned: string[] } {
  let user: string | null = null;
  const created: string[] = [];
  const chowned: Array<[string, string]> = [];
  const paths = (text: string) =>
    text
      .trim()
      .split(/\s+/)
      .filter((p) => p.startsWith('/'));
  for (const { op, args } of stage.instructions) {
    if (op === 'USER') user = args.split(':')[0];
    if (op !== 'RUN' || user !== null) continue;
    for (const m of args.matchAll(/mkdir\s+-p\s+([^;&|]+)/g)) created.push(...paths(m[1]));
    for (const m of args.matchAll(/chown\s+(?:-R\s+)?([\w-]+)(?::[\w-]+)?\s+([^;&|]+)/g)) {
      for (const p of paths(m[2])) chowned.push([m[1], p]);
    }
  }
  return { user, created, owned: chowned.filter(([owner]) => owner === user).map(([, p]) => p) };
}

/** `child` is `parent` or inside it. */
export function isWithin(child: string, parent: string): boolean {
  const rel = path.posix.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.posix.isAbsolute(rel));
}
