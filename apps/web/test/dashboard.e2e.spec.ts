import { generateExport } from '@rewind/spotify-emulator';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import {
  allSettled,
  emulatorSignsInAs,
  freeBase,
  freshContext,
  number,
  overflow,
  panelStates,
  portFree,
  sessionCookie,
  standInPicture,
  unexpectedConsoleError,
  untilGenresAreBuilt,
} from './browser-support';
import { NO_BEHAVIOUR } from '../src/habits';
import { parseRoute } from '../src/routes';
import type { Behaviour } from '@rewind/contracts';

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
  'habits',
  'top-artists',
  'top-tracks',
  'top-albums',
  'top-genres',
  'recent',
  'discoveries',
  'streaks',
  'on-this-day',
  'forgotten',
  'wrapped',
];
const PIPELINE = ['accounts', 'polling', 'transform', 'import'];
/** What a signed-in listener gets: their own cards, no admin tools. */
const LISTENER_PANELS = [...PANELS, 'shares', 'accounts', 'polling', 'import'];

describe('web dashboard in Chromium against npm start (demo mode)', () => {
  let stack: ChildProcess | undefined;
  let exited: Promise<number | null>;
  let gateway = '';
  let emulator = '';
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
    emulator = `http://127.0.0.1:${base + 10}`;

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
    page.on('console', (m) => unexpectedConsoleError(m) && consoleErrors.push(m.text()));
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

  it('offers Spotify sign-in, and the token to the admin; with the token, shows every panel filled from the API with no console errors', async () => {
    await page.goto(`${gateway}/`);
    const signIn = page.getByTestId('sign-in');
    await signIn.waitFor({ state: 'visible' });
    expect(await page.getByTestId('sign-in-spotify').getAttribute('href')).toBe('/api/auth/login');
    expect(await page.locator('[data-panel]:visible').count()).toBe(0);
    await page.getByTestId('use-token').click();
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
    expect(states).toEqual(Object.fromEntries([...PANELS, 'shares', ...PIPELINE].map((id) => [id, 'ready'])));
    expect(await page.getByTestId('who').textContent()).toBe('admin');
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
      'behaviour',
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
    // every call but the habits card's (behaviour counts plays, it takes no `by`)
    expect(statsCalls.filter((u) => !u.includes('/api/stats/behaviour?')).every((u) => u.includes('by=minutes'))).toBe(true);
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

  // -------------------------------------------------------------------------------------------
  // Entity pages, compare, search

  /** The arrow a top list shows for a compared item: ▲ n, ▼ n, = or new. */
  const expectedMovement = (item: { previousRank: number | null; movement: number | null }) =>
    item.previousRank === null || item.movement === null
      ? 'new'
      : item.movement > 0
        ? `▲ ${item.movement}`
        : item.movement < 0
          ? `▼ ${-item.movement}`
          : '=';
  const asAdmin = async <T>(url: string): Promise<T> => {
    const res = await fetch(url.startsWith('http') ? url : `${gateway}${url}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    return (await res.json()) as T;
  };
  const entityReady = (p: Page) => p.locator('[data-panel=entity]:not([data-state=loading])').waitFor();
  let artistHref = '';

  it('opens an artist page from the top-artists card, with the numbers of the API, and links on from it', async () => {
    await page.goto(`${gateway}/#/`);
    await allSettled(page);
    // Every name on the dashboard is a link to its page (the Wrapped card's too).
    for (const id of ['top-artists', 'top-tracks', 'top-albums', 'top-genres', 'wrapped', 'discoveries', 'recent'])
      expect(await page.locator(`#panel-${id} a.entity-link`).count()).toBeGreaterThan(0);

    const first = page.locator('#panel-top-artists .rank-list li').first();
    const link = first.locator('a.entity-link').first();
    artistHref = (await link.getAttribute('href'))!;
    const route = parseRoute(artistHref);
    expect(route).toMatchObject({ page: 'entity', kind: 'artist', range: { tz: 'Europe/Berlin' } });
    const listed = { name: await link.textContent(), value: number(await first.locator('.rank-value').textContent()) };
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/stats/artists/'));
    await link.click();
    const response = await answer;
    const stats = await response.json();
    await entityReady(page);
    expect(await page.locator('[data-panel=entity]').getAttribute('data-state')).toBe('ready');

    // The page asked for the range and zone in its link, and shows what the API answered.
    expect(page.url()).toBe(`${gateway}/${artistHref}`);
    const asked = new URL(response.url()).searchParams;
    if (route.page !== 'entity') throw new Error('not an entity route');
    expect([asked.get('from'), asked.get('to'), asked.get('tz')]).toEqual([route.range.from, route.range.to, route.range.tz]);
    expect(stats).toMatchObject({ key: route.key, name: listed.name, plays: listed.value });
    expect(await page.getByTestId('entity-name').textContent()).toBe(stats.name);
    expect(number(await page.getByTestId('entity-plays').textContent())).toBe(stats.plays);
    expect(number(await page.getByTestId('entity-minutes').textContent())).toBe(Math.round(stats.minutes));
    expect(await page.getByTestId('entity-rank').textContent()).toBe(`#${stats.rank}`);
    expect(await page.getByTestId('entity-first').textContent()).toMatch(/\d{4}/);
    expect(await page.getByTestId('entity-last').textContent()).toMatch(/\d{4}/);
    await page.waitForFunction(() => [...document.querySelectorAll('.page canvas')].length === 2);
    for (const size of await page.locator('.page canvas').evaluateAll((cs) => cs.map((c) => (c as HTMLCanvasElement).width)))
      expect(size).toBeGreaterThan(0);
    expect(await page.locator('.page [data-entity=track]').count()).toBeGreaterThanOrEqual(Math.min(1, stats.topTracks.length));
    expect(await page.locator('.page [data-entity=album]').count()).toBeGreaterThanOrEqual(Math.min(1, stats.topAlbums.length));
    await page.screenshot({ path: path.join(artifacts, 'entity-artist.png'), fullPage: true });

    // A track of the artist opens its page: its artists, its album and its longest streak.
    const trackAnswer = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/stats/tracks/'));
    await page.locator('.page .rank-list a[data-entity=track]').first().click();
    const track = await (await trackAnswer).json();
    await entityReady(page);
    expect(await page.getByTestId('entity-name').textContent()).toBe(track.name);
    expect(number(await page.getByTestId('entity-plays').textContent())).toBe(track.plays);
    expect(number(await page.getByTestId('entity-streak').textContent())).toBe(track.longestStreak.days);
    expect(await page.locator('.page .refs a[data-entity=artist]').first().textContent()).toBe(track.artists[0].name);

    // Back to the dashboard, whole.
    await page.getByTestId('back-to-dashboard').click();
    await allSettled(page);
    expect(Object.values(await panelStates(page)).every((s) => s === 'ready')).toBe(true);
    expect(consoleErrors).toEqual([]);
  }, 60_000);

  // -------------------------------------------------------------------------------------------
  // Listening habits (GET /api/stats/behaviour): the dashboard's card and an entity page's block

  const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
  const READABLE: Record<string, string> = { trackdone: 'played to the end', fwdbtn: 'skipped forward', backbtn: 'skipped back' };

  /** The habits shown in `#<panelId>` are the API's answer `b`, number for number. */
  async function expectHabits(p: Page, panelId: string, b: Behaviour): Promise<void> {
    const card = p.locator(`#${panelId}`);
    expect(b.knownPlays).toBeGreaterThan(0);
    expect(await card.getAttribute('data-state')).toBe('ready');
    expect(Number(await card.locator('.habits').getAttribute('data-known'))).toBe(b.knownPlays);
    for (const id of ['skipped', 'shuffle', 'offline'] as const) {
      const stat = card.getByTestId(`habits-${id}`);
      const share = b[id].share;
      expect(await stat.getAttribute('data-share')).toBe(share === null ? '' : String(share));
      expect(await stat.locator('.stat-value').textContent()).toBe(share === null ? '–' : percent.format(share));
      expect(await card.getByTestId(`habits-${id}-of`).textContent()).toBe(
        `of ${b[id].knownPlays.toLocaleString('en')} plays with behaviour data`,
      );
    }
    const rows = (id: string) =>
      card
        .getByTestId(`habits-${id}`)
        .locator('li')
        .evaluateAll((lis) =>
          lis.map((li) => ({
            name: (li as HTMLElement).dataset.name,
            plays: Number((li as HTMLElement).dataset.plays),
            label: li.querySelector('.rank-title')!.textContent,
            value: li.querySelector('.rank-value')!.textContent,
          })),
        );
    const platforms = await rows('platforms');
    expect(platforms.map(({ name, plays }) => ({ name, plays }))).toEqual(
      b.platforms.items.slice(0, 8).map(({ name, plays }) => ({ name, plays })),
    );
    const ended = await rows('reason-end');
    expect(ended.length).toBeGreaterThan(0);
    expect(ended.map(({ name, plays }) => ({ name, plays }))).toEqual(
      b.reasonEnd.items.slice(0, 6).map(({ name, plays }) => ({ name, plays })),
    );
    b.reasonEnd.items.slice(0, 6).forEach((item, i) => {
      expect(ended[i].value).toBe(`${percent.format(item.share)} · ${item.plays.toLocaleString('en')}`);
      if (READABLE[item.name]) expect(ended[i].label).toBe(READABLE[item.name]);
      else expect(ended[i].label).toBeTruthy();
    });
  }

  it('shows listening habits for the range, with the numbers of the API', async () => {
    await page.goto(`${gateway}/#/`);
    const asked = page.waitForRequest((r) => r.url().includes('/api/stats/behaviour?'));
    await page.reload();
    const url = new URL((await asked).url());
    await allSettled(page);
    const summaryUrl = new URL(requested.filter((u) => u.includes('/api/stats/summary?') && u.includes('from=')).at(-1)!);
    // the card asks for the range and zone the other cards do (behaviour counts plays: no `by`)
    for (const param of ['from', 'to', 'tz']) expect(url.searchParams.get(param)).toBe(summaryUrl.searchParams.get(param));
    expect(url.searchParams.has('by')).toBe(false);
    const q = summaryUrl.searchParams;
    const b = await asAdmin<Behaviour>(
      `/api/stats/behaviour?from=${q.get('from')}&to=${q.get('to')}&tz=${encodeURIComponent(q.get('tz')!)}`,
    );
    // The demo's history is an extended streaming history export: its plays carry behaviour.
    expect(b.entity).toBeNull();
    await expectHabits(page, 'panel-habits', b);
    expect(b.reasonEnd.items.map((i) => i.name)).toContain('trackdone');
    if (b.knownPlays < b.plays)
      expect(await page.getByTestId('habits-coverage').textContent()).toContain(b.knownPlays.toLocaleString('en'));
    await page.locator('#panel-habits').scrollIntoViewIfNeeded();
    await page.locator('#panel-habits').screenshot({ path: path.join(artifacts, 'habits.png') });

    // No play with behaviour (polled plays only): a message, never zeros.
    await page.route('**/api/stats/behaviour?*', async (route) => {
      const real = (await (await route.fetch()).json()) as Behaviour;
      const none = { plays: 0, knownPlays: 0, share: null };
      const empty = { knownPlays: 0, items: [] };
      await route.fulfill({
        json: {
          ...real,
          knownPlays: 0,
          skipped: none,
          shuffle: none,
          offline: none,
          platforms: empty,
          reasonStart: empty,
          reasonEnd: empty,
        },
      });
    });
    await page.reload();
    await allSettled(page);
    expect(await page.locator('#panel-habits').getAttribute('data-state')).toBe('empty');
    expect(await page.getByTestId('habits-none').textContent()).toBe(NO_BEHAVIOUR);
    expect(await page.locator('#panel-habits .stat').count()).toBe(0);
    await page.locator('#panel-habits').screenshot({ path: path.join(artifacts, 'habits-none.png') });
    await page.unroute('**/api/stats/behaviour?*');
    await page.reload();
    await allSettled(page);
    expect(consoleErrors).toEqual([]);
  }, 60_000);

  it("shows an artist's and a track's habits on their pages, restricted to them", async () => {
    for (const kind of ['artist', 'track'] as const) {
      const href =
        kind === 'artist'
          ? artistHref
          : (await page.locator('#panel-top-tracks a.entity-link[data-entity=track]').first().getAttribute('href'))!;
      const route = parseRoute(href);
      if (route.page !== 'entity') throw new Error('not an entity route');
      const asked = page.waitForRequest((r) => r.url().includes('/api/stats/behaviour?'));
      await page.goto(`${gateway}/${href}`);
      const url = new URL((await asked).url());
      expect(url.searchParams.get(kind)).toBe(route.key);
      await entityReady(page);
      await page.locator('[data-panel=entity-habits]:not([data-state=loading])').waitFor();
      const b = await asAdmin<Behaviour>(
        `/api/stats/behaviour?${kind}=${encodeURIComponent(route.key)}&from=${route.range.from}&to=${route.range.to}&tz=${encodeURIComponent(route.range.tz!)}`,
      );
      expect(b.entity).toMatchObject({ kind, key: route.key, name: await page.getByTestId('entity-name').textContent() });
      expect(b.plays).toBe(number(await page.getByTestId('entity-plays').textContent()));
      await expectHabits(page, 'panel-entity-habits', b);
      if (kind === 'artist') {
        await page.locator('#panel-entity-habits').scrollIntoViewIfNeeded();
        await page.locator('#panel-entity-habits').screenshot({ path: path.join(artifacts, 'habits-artist.png') });
      }
    }
    await page.goto(`${gateway}/#/`);
    await allSettled(page);
    expect(consoleErrors).toEqual([]);
  }, 60_000);

  it('says so when an entity page names a key the account never played', async () => {
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/stats/albums/'));
    await page.goto(`${gateway}/#/albums/${encodeURIComponent('no such album, ever')}`);
    expect((await answer).status()).toBe(404);
    await entityReady(page);
    expect(await page.getByTestId('entity-not-found').textContent()).toContain('no such album, ever');
    await page.goto(`${gateway}/#/`);
    await allSettled(page);
  });

  it('compares the range with the period before: summary, movement arrows, and the compare view', async () => {
    const comparedUrl = (dimension: string) =>
      requested.filter((u) => u.includes('/api/stats/compare?') && u.includes(`dimension=${dimension}`)).at(-1)!;
    const compared = await asAdmin<{ items: any[]; totals: any }>(comparedUrl('artists'));
    expect(Number(await page.getByTestId('summary-plays-vs').getAttribute('data-previous'))).toBe(compared.totals.previousPlays);

    // Each row of each top list carries its arrow, as compare answers it for its key.
    for (const dimension of ['artists', 'tracks', 'albums', 'genres']) {
      const answer = await asAdmin<{ items: Array<{ key: string; previousRank: number | null; movement: number | null }> }>(
        comparedUrl(dimension),
      );
      const byKey = new Map(answer.items.map((i) => [i.key, expectedMovement(i)]));
      const rows = await page.locator(`#panel-top-${dimension} .rank-list li`).evaluateAll((lis) =>
        lis.map((li) => ({
          href: li.querySelector('a.entity-link')!.getAttribute('href')!,
          arrow: li.querySelector('.movement')?.textContent,
        })),
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const route = parseRoute(row.href);
        expect(route.page === 'entity' && byKey.get(route.key)).toBe(row.arrow);
      }
    }

    await page.getByTestId('open-compare').click();
    await page.locator('[data-panel=compare]:not([data-state=loading])').waitFor();
    const route = parseRoute(new URL(page.url()).hash);
    expect(route).toMatchObject({ page: 'compare', dimension: 'artists' });
    if (route.page !== 'compare') throw new Error('not the compare route');
    const view = await asAdmin<{ items: any[] }>(
      `/api/stats/compare?dimension=artists&from=${route.range.from}&to=${route.range.to}&compareFrom=${route.compareFrom}&compareTo=${route.compareTo}&tz=${encodeURIComponent(route.range.tz!)}&by=plays&limit=20`,
    );
    const arrows = await page.getByTestId('compare-current').locator('li .movement').allTextContents();
    expect(arrows).toEqual(view.items.map(expectedMovement));
    expect(await page.getByTestId('compare-previous').locator('li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifacts, 'compare.png'), fullPage: true });

    await page.locator('[data-dimension=tracks]').click();
    await page.locator('[data-panel=compare]:not([data-state=loading])').waitFor();
    expect(parseRoute(new URL(page.url()).hash)).toMatchObject({ page: 'compare', dimension: 'tracks' });
    expect(await page.getByTestId('compare-current').locator('a[data-entity=track]').count()).toBeGreaterThan(0);
    await page.getByTestId('back-to-dashboard').click();
    await allSettled(page);
    expect(consoleErrors).toEqual([]);
  }, 60_000);

  it('searches artists, tracks and albums from the top bar; a result opens its page', async () => {
    const name = (await page.locator('#panel-top-artists a.entity-link').first().textContent())!;
    const q = name.slice(0, Math.min(5, name.length)).toLowerCase();
    const searches: string[] = [];
    const onRequest = (r: { url(): string }) => r.url().includes('/api/stats/search?') && searches.push(r.url());
    page.on('request', onRequest);
    const answer = page.waitForResponse((r) => r.url().includes('/api/stats/search?'));
    await page.getByTestId('search').pressSequentially(q, { delay: 30 });
    const found = await (await answer).json();
    await page.getByTestId('search-results').waitFor({ state: 'visible' });
    expect(searches).toHaveLength(1); // typing is debounced: one request for the whole word
    expect(new URL(searches[0]).searchParams.get('q')).toBe(q);
    page.off('request', onRequest);
    const results = page.getByTestId('search-results');
    expect(await results.locator('a.entity-link').count()).toBeGreaterThanOrEqual(
      found.artists.length + found.tracks.length + found.albums.length,
    );
    const hit = results.locator('a[data-entity=artist]', { hasText: name }).first();
    await hit.click();
    await entityReady(page);
    expect(await page.getByTestId('entity-name').textContent()).toBe(name);
    expect(await results.isVisible()).toBe(false);
    await page.goto(`${gateway}/#/`);
    await allSettled(page);
    expect(consoleErrors).toEqual([]);
  }, 60_000);

  it('shows an entity page on a phone with nothing sticking out sideways', async () => {
    const phone = await freshContext(browser, { width: 390, height: 844 }, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await phone.addInitScript((t) => localStorage.setItem('rewind.apiToken', t), token);
    const small = await phone.newPage();
    const errors: string[] = [];
    small.on('console', (m) => unexpectedConsoleError(m) && errors.push(m.text()));
    await small.goto(`${gateway}/${artistHref}`);
    await entityReady(small);
    expect(await small.locator('[data-panel=entity]').getAttribute('data-state')).toBe('ready');
    await small.waitForFunction(() => [...document.querySelectorAll('.page canvas')].length === 2);
    expect(await overflow(small, '.page section')).toEqual({ page: 0, panels: [] });
    await small.screenshot({ path: path.join(artifacts, 'entity-artist-phone.png'), fullPage: true });
    await phone.close();
    expect(errors).toEqual([]);
  }, 60_000);

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

  // -------------------------------------------------------------------------------------------
  // A household listener (the demo listener, signed in with Spotify) and share links

  describe('a listener signed in with Spotify', () => {
    let listener: BrowserContext;
    let lp: Page;
    let demo: { id: string; spotifyUserId: string; displayName: string; label: string | null };
    /** Console errors of the listener's and the visitors' pages (the admin's page has its own list). */
    const errors: string[] = [];
    const listenerRequests: Array<{ url: string; method: string; authorization?: string; body: string | null }> = [];
    const shares: { wrapped: string; range: string } = { wrapped: '', range: '' };

    const admin = async <T>(route: string): Promise<T> =>
      (await (await fetch(`${gateway}${route}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as T;

    beforeAll(async () => {
      [demo] = await admin<Array<typeof demo>>('/api/auth/accounts');
      listener = await freshContext(browser, { width: 1280, height: 900 });
      await listener.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: gateway });
      lp = await listener.newPage();
      lp.setDefaultTimeout(60_000);
      lp.on('console', (m) => unexpectedConsoleError(m) && errors.push(`listener: ${m.text()} (${m.location().url})`));
      lp.on('pageerror', (e) => errors.push(`listener page error: ${e.message}`));
      lp.on('request', (r) =>
        listenerRequests.push({ url: r.url(), method: r.method(), authorization: r.headers().authorization, body: r.postData() }),
      );
    });

    afterAll(() => listener?.close());

    it('signs in through Spotify (the emulator) and sees only their own cards, with no admin tools', async () => {
      await emulatorSignsInAs(emulator, demo.spotifyUserId);
      await lp.goto(`${gateway}/`);
      await lp.getByTestId('sign-in').waitFor({ state: 'visible' });
      await lp.getByTestId('sign-in-spotify').click();
      await lp.getByTestId('who').filter({ hasText: demo.displayName }).waitFor();
      await allSettled(lp);
      expect(await lp.getByTestId('sign-in').isVisible()).toBe(false);
      expect(await lp.getByTestId('who').textContent()).toBe(`Signed in as ${demo.displayName}`);
      expect((await listener.cookies(gateway)).map((c) => `${c.name} httpOnly=${c.httpOnly}`)).toEqual(['rewind_session httpOnly=true']);

      // Their cards, filled; the admin's are not there.
      const states = await panelStates(lp);
      for (const id of LISTENER_PANELS) expect(states[id]).toBe('ready');
      expect(await lp.locator('#panel-transform').isVisible()).toBe(false);
      for (const id of ['connect', 'enrichment', 'account', 'token-dialog'])
        expect(await lp.getByTestId(id).filter({ visible: true }).count()).toBe(0);
      expect(await lp.locator('#panel-accounts h2').textContent()).toBe('Your account');
      expect(await lp.locator('#panel-accounts li').count()).toBe(1);

      // The numbers are the listener's own, asked for without naming an account and without a token.
      const [summaryUrl] = listenerRequests
        .filter((r) => r.url.includes('/api/stats/summary?') && r.url.includes('from='))
        .map((r) => r.url);
      const mine = (await (await lp.request.get(summaryUrl)).json()) as { plays: number };
      const range = new URL(summaryUrl).searchParams;
      const theirs = await admin<{ plays: number }>(
        `/api/stats/summary?accountId=${demo.id}&from=${range.get('from')}&to=${range.get('to')}&tz=${encodeURIComponent(range.get('tz')!)}`,
      );
      expect(mine.plays).toBe(theirs.plays);
      expect(number(await lp.getByTestId('summary-plays').textContent())).toBe(theirs.plays);
      const api = listenerRequests.filter((r) => new URL(r.url).pathname.startsWith('/api/'));
      expect(api.length).toBeGreaterThan(15);
      expect(api.filter((r) => r.authorization || /[?&]accountId=/.test(r.url))).toEqual([]);
      expect(api.filter((r) => /^\/api\/(transform|ingest\/enrichment|ingest\/notifications)/.test(new URL(r.url).pathname))).toEqual([]);
      expect(errors).toEqual([]);
    }, 120_000);

    it('creates a Wrapped share and a range share, each with a copyable link', async () => {
      const year = number(await lp.getByTestId('wrapped-year').inputValue());
      await lp.getByTestId('share-expiry').selectOption('7');
      const created = lp.waitForResponse((r) => r.url() === `${gateway}/api/auth/shares` && r.request().method() === 'POST');
      await lp.getByTestId('share-wrapped').click();
      expect((await created).status()).toBe(201);
      const first = lp.locator('#panel-shares li[data-share]');
      await first.first().waitFor();
      shares.wrapped = await first.first().locator('.share-url').inputValue();
      expect(shares.wrapped).toMatch(new RegExp(`^${gateway}/share/[A-Za-z0-9_-]{32}$`));
      expect(await first.first().locator('.rank-title').textContent()).toBe(`Wrapped ${year}`);
      expect(await first.first().locator('.rank-sub').textContent()).toMatch(/^created just now · expires \d/);

      await lp.getByTestId('range').selectOption('90d');
      await allSettled(lp);
      await lp.getByTestId('share-expiry').selectOption('0');
      await lp.getByTestId('share-range').click();
      await lp.locator('#panel-shares li[data-share]').nth(1).waitFor();
      shares.range = await lp.locator('#panel-shares li[data-share]').first().locator('.share-url').inputValue();
      expect(shares.range).not.toBe(shares.wrapped);
      expect(await lp.locator('#panel-shares li[data-share]').first().locator('.rank-sub').textContent()).toMatch(/never expires$/);

      const posted = listenerRequests
        .filter((r) => r.method === 'POST' && r.url.endsWith('/api/auth/shares'))
        .map((r) => JSON.parse(r.body!));
      expect(posted).toEqual([
        { kind: 'wrapped', year, expiresInDays: 7 },
        { kind: 'range', from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), to: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      ]);

      await lp.locator('#panel-shares li[data-share]').first().getByTestId('share-copy').click();
      await lp.locator('#panel-shares li[data-share]').first().getByTestId('share-copy').filter({ hasText: 'Copied' }).waitFor();
      expect(await lp.evaluate(() => navigator.clipboard.readText())).toBe(shares.range);
      await lp.getByTestId('range').selectOption('12m');
      await allSettled(lp);
      await lp.screenshot({ path: path.join(artifacts, 'dashboard-listener.png'), fullPage: true });

      // The links with their buttons fit a phone too.
      await lp.setViewportSize({ width: 390, height: 844 });
      expect(await overflow(lp)).toEqual({ page: 0, panels: [] });
      await lp.locator('#panel-shares').screenshot({ path: path.join(artifacts, 'shares-phone.png') });
      await lp.setViewportSize({ width: 1280, height: 900 });
    }, 60_000);

    it('shows a share link to anyone, without credentials, with the Wrapped card and the top lists; it fits a phone', async () => {
      const visitor = await freshContext(browser, { width: 1280, height: 900 });
      const seen: Array<{ url: string; cookie?: string; authorization?: string }> = [];
      visitor.on('request', (r) => seen.push({ url: r.url(), cookie: r.headers().cookie, authorization: r.headers().authorization }));
      const page = await visitor.newPage();
      page.on('console', (m) => unexpectedConsoleError(m) && errors.push(`visitor: ${m.text()} (${m.location().url})`));
      const data = page.waitForResponse((r) => r.url().includes('/api/share/'));
      await page.goto(shares.wrapped);
      const wrapped = await (await data).json();
      await page.locator('[data-panel=share][data-state=ready]').waitFor();
      expect(await page.locator('h1').textContent()).toBe(`Wrapped ${wrapped.year}`);
      expect(number(await page.getByTestId('wrapped-plays').textContent())).toBe(wrapped.wrapped.totals.plays);
      expect(await page.locator('.wrapped-list').count()).toBe(4);
      expect(await page.locator('.wrapped-list li').count()).toBeGreaterThan(10);
      expect(await page.locator('.share-note').textContent()).toMatch(/^This link works until /);
      expect(await page.getByText('Sign in with Spotify').count()).toBe(0);
      expect(await page.locator('a.entity-link, a[href^="#/"]').count()).toBe(0); // a visitor cannot open entity pages
      await page.screenshot({ path: path.join(artifacts, 'share.png'), fullPage: true });

      const id = shares.wrapped.split('/').pop();
      const api = seen.filter((r) => new URL(r.url).pathname.startsWith('/api/')).map((r) => new URL(r.url).pathname);
      expect(api).toEqual([`/api/share/${id}`]);
      expect(seen.filter((r) => r.cookie || r.authorization)).toEqual([]);

      // The range link: summary and the four top lists.
      await page.goto(shares.range);
      await page.locator('[data-panel=share][data-state=ready]').waitFor();
      expect(await page.locator('h1').textContent()).toMatch(/^Top of \d+ \w+ \d{4} – \d+ \w+ \d{4}$/);
      expect(number(await page.getByTestId('share-plays').textContent())).toBeGreaterThan(0);
      expect(await page.locator('.share-list .rank-list').count()).toBe(4);
      expect(await page.locator('a.entity-link, a[href^="#/"]').count()).toBe(0);
      expect(await page.locator('.share-note').textContent()).toBe('');

      // A phone, 390 px wide: nothing sticks out sideways.
      const phone = await freshContext(browser, { width: 390, height: 844 }, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      const small = await phone.newPage();
      await small.goto(shares.wrapped);
      await small.locator('[data-panel=share][data-state=ready]').waitFor();
      expect(await overflow(small, '.share-page *')).toEqual({ page: 0, panels: [] });
      await small.screenshot({ path: path.join(artifacts, 'share-phone.png'), fullPage: true });
      await phone.close();
      await visitor.close();
      expect(errors).toEqual([]);
    }, 60_000);

    it('revokes a link: its page then says it was revoked or has expired', async () => {
      const row = lp.locator('#panel-shares li[data-share]').filter({ has: lp.locator(`input[value="${shares.wrapped}"]`) });
      const revoked = lp.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/api/auth/shares/'));
      await row.getByTestId('share-revoke').click();
      expect((await revoked).status()).toBe(204);
      await row.waitFor({ state: 'detached' });
      expect(await lp.locator('#panel-shares li[data-share]').count()).toBe(1);

      const visitor = await freshContext(browser, { width: 390, height: 844 }, { isMobile: true });
      const page = await visitor.newPage();
      const answer = page.waitForResponse((r) => r.url().includes('/api/share/'));
      await page.goto(shares.wrapped);
      expect((await answer).status()).toBe(404);
      await page.locator('[data-panel=share][data-state=gone]').waitFor();
      expect(await page.getByTestId('share-gone').textContent()).toBe('This link was revoked or has expired.');
      expect(await overflow(page, '.share-page *')).toEqual({ page: 0, panels: [] });
      await page.screenshot({ path: path.join(artifacts, 'share-revoked.png'), fullPage: true });
      await visitor.close();
    });

    it('signs out: the session ends at once and the sign-in page comes back', async () => {
      const [cookie] = await listener.cookies(gateway);
      await lp.getByTestId('sign-out').click();
      await lp.getByTestId('sign-in').waitFor({ state: 'visible' });
      expect(await lp.getByTestId('sign-in-note').textContent()).toBe('You are signed out.');
      const after = await fetch(`${gateway}/api/auth/me`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
      expect(after.status).toBe(401);
      await lp.reload();
      await lp.getByTestId('sign-in').waitFor({ state: 'visible' });
      expect(errors).toEqual([]);
    });

    it('lets the admin switch between the household accounts', async () => {
      const other = { spotifyUserId: 'dashboard-listener-b', displayName: 'Listener B' };
      const added = await fetch(`${emulator}/admin/listeners`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: other.spotifyUserId, displayName: other.displayName, historyDays: 2 }),
      });
      expect(added.ok).toBe(true);
      await emulatorSignsInAs(emulator, other.spotifyUserId);
      await sessionCookie(gateway);
      const accounts = await admin<Array<{ id: string; displayName: string }>>('/api/auth/accounts');
      const b = accounts.find((a) => a.displayName === other.displayName)!;
      const before = consoleErrors.length;

      await page.reload();
      await allSettled(page);
      const switcher = page.getByTestId('account');
      expect(await switcher.isVisible()).toBe(true);
      expect((await switcher.locator('option').allTextContents()).sort()).toEqual(
        [demo.label ?? demo.displayName, other.displayName].sort(),
      );
      const summary = page.waitForRequest((r) => r.url().includes('/api/stats/summary?') && r.url().includes(`accountId=${b.id}`));
      const shareList = page.waitForRequest((r) => r.url().includes(`/api/auth/shares?accountId=${b.id}`));
      const habits = page.waitForRequest((r) => r.url().includes('/api/stats/behaviour?') && r.url().includes(`accountId=${b.id}`));
      await switcher.selectOption(b.id);
      await Promise.all([summary, shareList]);
      await allSettled(page);
      // B has only polled plays (no export): the habits card says where behaviour comes from, as the API answers.
      const habitsUrl = new URL((await habits).url());
      const bHabits = await admin<Behaviour>(habitsUrl.pathname + habitsUrl.search);
      if (bHabits.knownPlays === 0) {
        expect(await page.getByTestId('habits-none').textContent()).toBe(bHabits.plays ? NO_BEHAVIOUR : 'No plays in this range.');
      } else {
        expect(await page.locator('#panel-habits').getAttribute('data-state')).toBe('ready');
      }
      await switcher.selectOption(demo.id);
      await allSettled(page);
      expect(consoleErrors.slice(before)).toEqual([]);
    });
  });
});
