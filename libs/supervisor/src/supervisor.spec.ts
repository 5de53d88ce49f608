import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RestartWindow } from './restart-window';
import { Supervisor } from './supervisor';

describe('RestartWindow', () => {
  it('allows max exits per window, and more once the older ones have left the window', () => {
    let now = 0;
    const window = new RestartWindow(5, 60_000, () => now);
    for (let i = 0; i < 5; i++) {
      expect(window.recordExit()).toBe(true);
      now += 10_000;
    }
    expect(window.recordExit()).toBe(false);
    now += 30_000;
    expect(window.recent).toBe(3);
    expect(window.recordExit()).toBe(true);
  });
});

describe('Supervisor', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rewind-supervisor-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function script(name: string, code: string): string {
    const file = path.join(dir, `${name}.js`);
    writeFileSync(file, code);
    return file;
  }

  it('restarts a crashing process up to the window limit, then leaves it down saying why, and keeps the others running', async () => {
    const lines: string[] = [];
    let gaveUp!: () => void;
    const givenUp = new Promise<void>((resolve) => (gaveUp = resolve));
    const supervisor = new Supervisor({
      logDir: path.join(dir, 'logs'),
      maxRestarts: 3,
      windowMs: 60_000,
      restartDelayMs: 10,
      report: (line) => lines.push(line),
      onGiveUp: () => gaveUp(),
    });
    supervisor.add({ name: 'flappy', script: script('flappy', `console.error('cannot bind port 1234'); process.exit(3);`), env: {} });
    supervisor.add({ name: 'steady', script: script('steady', `setInterval(() => {}, 1000); process.stdin.resume();`), env: {} });
    for (const p of supervisor.processes) p.start();
    try {
      await givenUp;
      expect(supervisor.get('steady').running).toBe(true);
      expect(supervisor.failed).toEqual(new Set(['flappy']));
      expect(supervisor.crashes).toHaveLength(4);
    } finally {
      await supervisor.stopAll(2000);
    }
    const text = lines.join('\n');
    expect(text).toMatch(/flappy exited with code 3\. Last lines:\n\s+cannot bind port 1234/);
    expect(text).toMatch(/Restarting flappy in .* \(exit 3 of at most 3 within 60 s\)/);
    expect(text).toMatch(/flappy failed 4 times within 60 s: it is left down \(log: .*flappy\.log\); the other services keep running\./);
    expect(text).not.toMatch(/steady/);
  });

  it('writes each log file 0600 in a 0700 directory', async () => {
    const supervisor = new Supervisor({ logDir: path.join(dir, 'logs') });
    const proc = supervisor.add({ name: 'once', script: script('once', `console.log('hello')`), env: {} });
    await new Promise<void>((resolve) => {
      proc.onLine = () => resolve();
      proc.start();
    });
    await supervisor.stopAll(1000);
    expect(statSync(path.join(dir, 'logs')).mode & 0o777).toBe(0o700);
    expect(statSync(proc.logFile).mode & 0o777).toBe(0o600);
  });
});
