import { generateExport } from '@rewind/spotify-emulator';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';

// The built-in dashboard in a real browser: Debian's Chromium (never a downloaded one) driven by
// playwright-core against the whole stack started from the built dist in demo mode (`npm start`:
// embedded PostgreSQL, the five services, the Spotify emulator's synthetic listener with two
// years of imported history, models built). Ports and the data directory are moved away so a
// running instance is left alone.
const root = path.resolve(__dirname, '../../..');
const artifacts = path.join(root, 'test-artifacts');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rewind-web-'));

const PANELS = [
  'summary',
  'activity',
  'weekday',
  'hour',
  'heatmap',
  'top-artists',
  'top-tracks',
  'top-albums',
  'top-genres',
  'recent',
  'discoveries',
  'streaks',
  'wrapped',
];
const PIPELINE = ['accounts', 'polling', 'transform', 'import'];

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A base port with base..base+10 free (gateway, four services, emulator at +10). */
async function freeBase(start: number, span: number): Promise<number> {
  for (let base = start; base < start + 1000; base += span + 1) {
    const ports = Array.from({ length: span + 1 }, (_, i) => base + i);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error(`no free port range near ${start}`);
}

/** The demo catalog's pictures live on Spotify's CDN, unreachable here: the browser gets a stand-in. */
function standInPicture(url: string): string {
  let hue = 0;
  for (const c of url) hue = (hue * 31 + c.charCodeAt(0)) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="hsl(${hue},45%,40%)"/><circle cx="32" cy="32" r="14" fill="hsl(${(hue + 180) % 360},45%,70%)"/></svg>`;
}

async function allSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const panels = [...document.querySelectorAll<HTMLElement>('[data-panel]')];
    return panels.length > 0 && panels.every((p) => p.dataset.state !== 'loading');
  });
}

async function panelStates(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-panel]', (els) =>
    Object.fromEntries(
      els.map((e) => [
        (e as HTMLElement).dataset.panel!,
        `${(e as HTMLElement).dataset.state}${e.querySelector('.panel-note')?.textContent ? `: ${e.querySelector('.panel-note')!.textContent}` : ''}`,
      ]),
    ),
  );
}

/**
 * Genres come from enriching artists through Spotify (the emulator here) in the background after
 * the demo import, and reach the marts with the next transform run, which nothing requests after
 * enrichment (the 15-minute backstop would). So the test asks for transform runs through the
 * public API until the genres are there, as a user pressing "rebuild" would.
 */
async function untilGenresAreBuilt(gateway: string, token: string): Promise<void> {
  const call = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${gateway}${route}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${await res.text()}`);
    return res.json();
  };
  for (let attempt = 0; attempt < 60; attempt++) {
    if ((await call('GET', '/api/stats/top-genres?limit=1')).length) return;
    const { runId } = await call('POST', '/api/transform/runs', {});
    while (!['succeeded', 'failed'].includes((await call('GET', `/api/transform/runs/${runId}`)).status))
      await new Promise((r) => setTimeout(r, 250));
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('top-genres stayed empty after 60 transform runs: is artist enrichment working?');
}

const number = (text: string | null) => Number((text ?? '').replace(/[^\d.]/g, ''));

describe('web dashboard in Chromium against npm start (demo mode)', () => {
  let stack: ChildProcess | undefined;
  let exited: Promise<number | null>;
  let gateway = '';
  let token = '';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const requested: string[] = [];

  beforeAll(async () => {
    // Nx builds everything once before this target (dependsOn start:build); run alone, `npm run build` first.
    if (!existsSync(path.join(root, 'dist/apps/web/index.html')) || !existsSync(path.join(root, 'dist/tools/start/src/main.js'))) {
      throw new Error('dist/ is missing: run `npm run build` first (npm test does it through Nx)');
    }
    const base = await freeBase(3900 + (process.pid % 40) * 11, 10);
    let pgPort = 55000 + (process.pid % 400);
    while (!(await portFree(pgPort))) pgPort++;
    gateway = `http://127.0.0.1:${base}`;

    let output = '';
    stack = spawn(process.execPath, [path.join(root, 'dist/tools/start/src/main.js')], {
      cwd: root,
      env: {
        ...process.env,
        REWIND_DATA_DIR: dataDir,
        REWIND_PORT_BASE: String(base),
        REWIND_EMBEDDED_PG_PORT: String(pgPort),
        DATABASE_URL: '',
        API_TOKEN: '',
        SPOTIFY_CLIENT_ID: '',
        LOG_LEVEL: 'warn',
        ENRICHMENT_INTERVAL_MS: '500',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) => stack!.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Press Ctrl-C to stop.')) resolve();
      };
      stack!.stdout!.on('data', onData);
      stack!.stderr!.on('data', onData);
      void exited.then(() => reject(new Error(`npm start exited before it was ready:\n${output}`)));
    });
    token = readFileSync(path.join(dataDir, 'api-token'), 'utf8').trim();
    await untilGenresAreBuilt(gateway, token);

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
    await context.route(/^https:\/\/i\.scdn\.co\//, (route) =>
      route.fulfill({ contentType: 'image/svg+xml', body: standInPicture(route.request().url()) }),
    );
    page = await context.newPage();
    page.setDefaultTimeout(60_000);
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
    page.on('request', (r) => requested.push(r.url()));
    mkdirSync(artifacts, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (stack && stack.exitCode === null) {
      stack.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 20_000, 'timeout')))]);
      clearTimeout(timer);
      if (code === 'timeout') stack.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('asks for the API token once, then shows every panel filled from the API with no console errors', async () => {
    await page.goto(`${gateway}/`);
    const dialog = page.getByTestId('token-dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.textContent()).toContain('.data/api-token');

    const firstSummary = page.waitForResponse((r) => r.url().includes('/api/stats/summary?') && r.url().includes('from='));
    await page.fill('input[name=token]', token);
    await page.click('dialog button[type=submit]');
    await dialog.waitFor({ state: 'hidden' });
    const summary = await (await firstSummary).json();
    await allSettled(page);

    const states = await panelStates(page);
    expect(states).toEqual(Object.fromEntries([...PANELS, ...PIPELINE].map((id) => [id, 'ready'])));
    expect(consoleErrors).toEqual([]);

    // The numbers are the API's, for the default range (last 12 months, in the browser's zone).
    expect(summary.plays).toBeGreaterThan(1000);
    expect(number(await page.getByTestId('summary-plays').textContent())).toBe(summary.plays);
    expect(number(await page.getByTestId('summary-artists').textContent())).toBe(summary.distinctArtists);
    expect(requested.find((u) => u.includes('/api/stats/summary?') && u.includes('from='))).toContain('tz=Europe%2FBerlin');

    // Every panel shows its kind of data.
    for (const id of ['top-artists', 'top-tracks', 'top-albums']) expect(await page.locator(`#panel-${id} .rank-list li`).count()).toBe(10);
    expect(await page.locator('#panel-top-genres .rank-list li').count()).toBeGreaterThan(0);
    expect(await page.locator('#panel-top-artists img.art, #panel-top-artists .art-fallback').count()).toBe(10);
    expect(await page.locator('#panel-top-albums img.art').count()).toBeGreaterThan(0);
    for (const id of ['activity', 'weekday', 'hour']) {
      const size = await page.locator(`#panel-${id} canvas`).evaluate((c: HTMLCanvasElement) => c.width * c.height);
      expect(size).toBeGreaterThan(0);
    }
    const cells = await page
      .locator('#panel-heatmap .hm-cell')
      .evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.value)));
    expect(cells).toHaveLength(168);
    expect(Math.max(...cells)).toBeGreaterThan(0);
    expect(await page.locator('#panel-recent li').count()).toBe(10);
    expect(await page.locator('#panel-discoveries li').count()).toBeGreaterThan(0);
    expect(number(await page.getByTestId('streak-longest').textContent())).toBeGreaterThan(0);
    expect(await page.locator('#panel-streaks .sessions li').count()).toBeGreaterThan(0);
    expect(number(await page.getByTestId('wrapped-plays').textContent())).toBeGreaterThan(0);
    expect(await page.getByTestId('wrapped-year').locator('option').count()).toBeGreaterThanOrEqual(2);

    // Pipeline status and the demo banner.
    await expect(page.getByTestId('demo-banner').isVisible()).resolves.toBe(true);
    expect(await page.locator('#panel-accounts').textContent()).toMatch(/Demo listener.*active/i);
    // catalog enrichment progress, from GET /api/ingest/enrichment
    await page.locator('#panel-accounts').getByTestId('enrichment').waitFor({ state: 'visible' });
    expect(await page.locator('#panel-accounts').getByTestId('enrichment').textContent()).toMatch(
      /^Catalog details: [\d,]+ of [\d,]+ tracks enriched/,
    );
    // the refresh token's six months, from GET /api/auth/accounts' refreshTokenExpiresAt
    expect(await page.locator('#panel-accounts').getByTestId('renew-by').textContent()).toMatch(
      /^Spotify access ends .*\d{4}.*reconnect before then$/,
    );
    expect(await page.getByTestId('connect').getAttribute('href')).toBe('/api/auth/login');
    expect(await page.getByTestId('last-poll').textContent()).toMatch(/Last poll.*\d{4}/);
    expect(await page.getByTestId('last-transform').textContent()).toMatch(/Last transform.*\d{4}.*succeeded/);
  }, 60_000);

  it('follows the date range, the plays/minutes switch and the time zone in every panel', async () => {
    const before = number(await page.getByTestId('summary-plays').textContent());
    const statsCalls: string[] = [];
    const onRequest = (r: { url(): string }) => r.url().includes('/api/stats/') && statsCalls.push(r.url());
    page.on('request', onRequest);

    const next = page.waitForResponse((r) => r.url().includes('/api/stats/summary?') && r.url().includes('from='));
    await page.getByTestId('range').selectOption('30d');
    const thirtyDays = await (await next).json();
    await allSettled(page);
    const after = number(await page.getByTestId('summary-plays').textContent());
    expect(after).toBe(thirtyDays.plays);
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    const rangeRoutes = new Set(statsCalls.filter((u) => /from=\d{4}-\d{2}-\d{2}/.test(u)).map((u) => new URL(u).pathname));
    for (const route of [
      'summary',
      'top-artists',
      'top-tracks',
      'top-albums',
      'top-genres',
      'activity',
      'heatmap',
      'recent',
      'discoveries',
      'streaks',
      'sessions',
    ]) {
      expect(rangeRoutes).toContain(`/api/stats/${route}`);
    }

    // A custom range: first and last day inclusive, sent as [from, last + 1).
    statsCalls.length = 0;
    await page.getByTestId('range').selectOption('custom');
    await allSettled(page);
    await page.getByTestId('custom-from').fill('2025-12-01');
    await page.getByTestId('custom-to').fill('2025-12-31');
    await page.getByTestId('custom-to').dispatchEvent('change');
    await allSettled(page);
    expect(statsCalls.some((u) => u.includes('/api/stats/summary?') && u.includes('from=2025-12-01') && u.includes('to=2026-01-01'))).toBe(
      true,
    );
    expect(await page.getByTestId('range-label').textContent()).toBe('1 Dec 2025 – 31 Dec 2025');

    statsCalls.length = 0;
    await page.locator('[data-measure=minutes]').click();
    await allSettled(page);
    expect(statsCalls.length).toBeGreaterThanOrEqual(12);
    expect(statsCalls.every((u) => u.includes('by=minutes'))).toBe(true);
    expect(await page.locator('#panel-top-artists .rank-value').first().textContent()).toMatch(/ min$/);

    statsCalls.length = 0;
    await page.getByTestId('tz').selectOption('Asia/Tokyo');
    await allSettled(page);
    expect(statsCalls.length).toBeGreaterThanOrEqual(12);
    expect(statsCalls.every((u) => u.includes('tz=Asia%2FTokyo'))).toBe(true);

    page.off('request', onRequest);
    await page.getByTestId('tz').selectOption('Europe/Berlin');
    await page.locator('[data-measure=plays]').click();
    await page.getByTestId('range').selectOption('12m');
    await allSettled(page);
    expect(Object.values(await panelStates(page)).every((s) => s === 'ready')).toBe(true);
    expect(consoleErrors).toEqual([]);
  }, 60_000);

  it('uploads a Spotify export, shows its progress, and refreshes once the models are rebuilt', async () => {
    const zip = path.join(dataDir, 'upload', 'my_spotify_data.zip');
    mkdirSync(path.dirname(zip), { recursive: true });
    const exported = await generateExport({
      listenerId: 'dashboard-upload',
      seed: 'web-e2e',
      plays: 300,
      out: zip,
      catalog: { artists: 40 },
    });
    expect(exported.plays).toBe(300);

    // Every state the progress bar goes through, as the page shows it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as any).progressSeen = seen;
      const bar = document.querySelector('[data-testid=import-progress]')!;
      new MutationObserver(() => seen.push(`${(bar as HTMLElement).dataset.phase}:${(bar as HTMLElement).dataset.progress}`)).observe(bar, {
        attributes: true,
        attributeFilter: ['data-phase', 'data-progress'],
      });
    });
    await page.locator('#panel-import input[type=file]').setInputFiles(zip);
    const statusPolls: Response[] = [];
    page.on('response', (r) => /\/api\/ingest\/imports\/[0-9a-f-]{36}$/.test(r.url()) && statusPolls.push(r));
    await page.locator('#panel-import button[type=submit]').click();
    await page.waitForFunction(() =>
      ['succeeded', 'failed'].includes((document.querySelector('[data-testid=import-progress]') as HTMLElement).dataset.phase ?? ''),
    );

    const status = await page.getByTestId('import-status').textContent();
    expect(status).toMatch(/^Imported [\d,]+ new plays/);
    const final = await statusPolls.at(-1)!.json();
    expect(final).toMatchObject({ status: 'succeeded', progress: 1, rowsRead: exported.rows });
    expect(final.playsInserted + final.duplicates).toBe(300);
    expect(final.playsInserted).toBeGreaterThan(0);
    expect(number(/Imported ([\d,]+)/.exec(status!)![1])).toBe(final.playsInserted);
    const seen: string[] = await page.evaluate(() => (window as any).progressSeen);
    expect(seen[0]).toMatch(/^upload:/);
    expect(seen.at(-1)).toBe('succeeded:1.000');
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(statusPolls.length).toBeGreaterThan(0);

    // The import asks for a transform; the page waits for it and reloads the panels.
    await page.getByTestId('import-status').filter({ hasText: 'The dashboard is up to date.' }).waitFor({ timeout: 120_000 });
    await allSettled(page);
    expect(Object.values(await panelStates(page)).every((s) => s === 'ready')).toBe(true);
    expect(consoleErrors).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'dashboard.png'), fullPage: true });
  }, 180_000);

  it('fits a phone-width screen with no horizontal overflow', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.reload();
    await allSettled(page);
    expect(Object.values(await panelStates(page)).every((s) => s === 'ready')).toBe(true);
    const overflow = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - window.innerWidth,
      panels: [...document.querySelectorAll('[data-panel]')]
        .filter((p) => p.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((p) => (p as HTMLElement).dataset.panel),
    }));
    expect(overflow).toEqual({ page: 0, panels: [] });
    expect(consoleErrors).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'dashboard-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('never puts the token in a URL', () => {
    expect(requested.length).toBeGreaterThan(20);
    expect(requested.filter((u) => u.includes(token))).toEqual([]);
  });

  it('says which service is down when the gateway cannot reach it', async () => {
    // A stats-api outage as the gateway reports it (502 from the proxy, 503 from /api/health).
    await page.route('**/api/stats/**', (route) =>
      route.fulfill({
        status: 502,
        contentType: 'application/json',
        body: JSON.stringify({
          statusCode: 502,
          error: 'Bad Gateway',
          message: 'stats is unavailable; try again shortly (GET /api/health shows which services are up)',
        }),
      }),
    );
    await page.route('**/api/health', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          status: 'degraded',
          services: {
            auth: { status: 'ok' },
            ingest: { status: 'ok' },
            transform: { status: 'ok' },
            stats: { status: 'down', reason: 'not reachable' },
          },
          database: { status: 'ok' },
        }),
      }),
    );
    // …and a route this build of stats-api does not have (Nest's 404 for an unknown route).
    await page.route('**/api/stats/discoveries?*', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'Cannot GET /api/stats/discoveries' }),
      }),
    );
    await page.reload();
    await allSettled(page);
    const banner = page.getByTestId('service-banner');
    await banner.filter({ hasText: 'stats (not reachable)' }).waitFor();
    const states = await panelStates(page);
    expect(states.discoveries).toBe('unavailable: Not available: this Rewind has no /api/stats/discoveries yet.');
    for (const id of PANELS.filter((p) => p !== 'discoveries')) expect(states[id]).toMatch(/^unavailable: .*not answering/);
    for (const id of PIPELINE) expect(states[id]).toBe('ready');
    await page.unroute('**/api/stats/discoveries?*');
    await page.unroute('**/api/stats/**');
    await page.unroute('**/api/health');
  });

  it("changes an account's time zone from the accounts card", async () => {
    const select = () => page.locator('#panel-accounts').getByTestId('account-tz');
    const original = await select().inputValue();
    expect(original).not.toBe(''); // the demo account has a zone from the start
    const target = original === 'Asia/Tokyo' ? 'Europe/Berlin' : 'Asia/Tokyo';
    for (const zone of [target, original]) {
      const patched = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().includes('/api/auth/accounts/'));
      await select().selectOption(zone);
      expect(JSON.parse((await patched).postData() ?? '{}')).toEqual({ timeZone: zone });
      await page.waitForFunction((z) => {
        const el = document.querySelector<HTMLSelectElement>('#panel-accounts [data-testid=account-tz]');
        return el?.value === z && !el.disabled;
      }, zone);
      const accounts = await (await fetch(`${gateway}/api/auth/accounts`, { headers: { Authorization: `Bearer ${token}` } })).json();
      expect(accounts[0].timeZone).toBe(zone);
    }
    await allSettled(page);
  });

  it('offers Reconnect for an account whose Spotify authorization ended', async () => {
    // The demo account as auth-service reports an account after invalid_grant.
    await page.route('**/api/auth/accounts', async (route) => {
      const accounts = await (await route.fetch()).json();
      const reason = 'Spotify refused the refresh token (invalid_grant): reconnect the account';
      await route.fulfill({ json: accounts.map((a: any) => ({ ...a, status: 'reauth_required', statusReason: reason })) });
    });
    await page.reload();
    await allSettled(page);
    const reconnect = page.locator('#panel-accounts').getByTestId('reconnect');
    expect(await reconnect.getAttribute('href')).toBe('/api/auth/login');
    expect(await page.locator('#panel-accounts').textContent()).toMatch(/invalid_grant.*reauth required/);
    await page.unroute('**/api/auth/accounts');
  });

  it('asks for the token again when the API refuses it, and refuses a wrong one', async () => {
    await page.evaluate(() => localStorage.setItem('rewind.apiToken', 'not-the-token'));
    await page.reload();
    const dialog = page.getByTestId('token-dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.textContent()).toContain('refused the stored token');
    await page.fill('input[name=token]', 'still-wrong');
    await page.click('dialog button[type=submit]');
    await dialog.getByText('That token was refused').waitFor();
    await page.fill('input[name=token]', token);
    await page.click('dialog button[type=submit]');
    await dialog.waitFor({ state: 'hidden' });
    await allSettled(page);
    expect(Object.values(await panelStates(page)).every((s) => s === 'ready')).toBe(true);
  });
});
