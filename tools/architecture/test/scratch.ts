import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoFiles } from '../src/files.mjs';
import { KNOWN_PROBLEMS } from '../src/known-problems.mjs';

/** The repository the checks guard. */
export const ROOT = path.resolve(__dirname, '../../..');

export interface ScratchRepo {
  /** The current test's directory, standing in for a repository root. */
  readonly dir: string;
  /** Writes the files below `dir` and returns their paths, as repoFiles would. */
  tree(files: Record<string, string | Buffer>): string[];
}

/** A fresh directory for each test of the calling spec file, removed after it. */
export function scratchRepo(): ScratchRepo {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'rewind-architecture-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return {
    get dir() {
      return dir;
    },
    tree(files) {
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
      }
      return Object.keys(files);
    },
  };
}

/** What a check finds in the repository beyond the problems known-problems.mjs lists under `kind`. */
export function unknownProblems<P extends { key: string }>(kind: string, check: (root: string, files: string[]) => P[]): P[] {
  const known = KNOWN_PROBLEMS[kind] ?? new Map();
  return check(ROOT, repoFiles(ROOT)).filter((p) => !known.has(p.key));
}
