import net from 'node:net';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';

// Helpers of the dashboard's browser test (dashboard.e2e.spec.ts).

export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A base port with base..base+10 free (gateway, four services, emulator at +10). */
export async function freeBase(start: number, span: number): Promise<number> {
  for (let base = start; base < start + 1000; base += span + 1) {
    const ports = Array.from({ length: span + 1 }, (_, i) => base + i);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error(`no free port range near ${start}`);
}

/** The demo catalog's pictures live on Spotify's CDN, unreachable here: the browser gets a stand-in. */
export function standInPicture(url: string): string {
  let hue = 0;
  for (const c of url) hue = (hue * 31 + c.charCodeAt(0)) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="hsl(${hue},45%,40%)"/><circle cx="32" cy="32" r="14" fill="hsl(${(hue + 180) % 360},45%,70%)"/></svg>`;
}

export async function allSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const panels = [...document.querySelectorAll<HTMLElement>('[data-panel]')];
    return panels.length > 0 && panels.every((p) => p.dataset.state !== 'loading');
  });
}

export async function panelStates(page: Page): Promise<Record<string, string>> {
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
export async function untilGenresAreBuilt(gateway: string, token: string): Promise<void> {
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

export const number = (text: string | null) => Number((text ?? '').replace(/[^\d.]/g, ''));

/** The Spotify emulator's consent page approves at once, as `spotifyUserId` (its admin API; see tools/e2e/test/household.e2e.spec.ts). */
export async function emulatorSignsInAs(emulator: string, spotifyUserId: string): Promise<void> {
  const res = await fetch(`${emulator}/admin/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ autoApprove: true, browserUser: spotifyUserId }),
  });
  if (!res.ok) throw new Error(`the emulator refused its settings: ${res.status} ${await res.text()}`);
}

/** The authorization-code flow without a browser (login → consent → callback); returns the session cookie. */
export async function sessionCookie(gateway: string): Promise<string> {
  const login = await fetch(`${gateway}/api/auth/login`, { redirect: 'manual' });
  const consent = await fetch(login.headers.get('location')!, { redirect: 'manual' });
  const callback = await fetch(consent.headers.get('location')!, { redirect: 'manual' });
  const cookie = /^(rewind_session=[^;]+);/.exec(callback.headers.get('set-cookie') ?? '');
  if (!cookie) throw new Error(`the callback set no session (${callback.status})`);
  return cookie[1];
}

/** A fresh browser context (no cookies, no storage) whose Spotify CDN pictures are stand-ins. */
export async function freshContext(
  browser: { newContext(options: object): Promise<BrowserContext> },
  viewport: { width: number; height: number },
  options: object = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, timezoneId: 'Europe/Berlin', locale: 'en-GB', ...options });
  await context.route(/^https:\/\/i\.scdn\.co\//, (route) =>
    route.fulfill({ contentType: 'image/svg+xml', body: standInPicture(route.request().url()) }),
  );
  return context;
}

/** How far the page sticks out sideways (0 when it fits), and which cards do. */
export async function overflow(page: Page, selector = '[data-panel]'): Promise<{ page: number; panels: string[] }> {
  return page.evaluate(
    (sel) => ({
      page: document.documentElement.scrollWidth - window.innerWidth,
      panels: [...document.querySelectorAll(sel)]
        .filter((p) => p.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((p) => (p as HTMLElement).dataset.panel ?? p.tagName),
    }),
    selector,
  );
}

/**
 * Console errors a test should fail on. Chromium logs every 4xx as "Failed to load resource";
 * three are the page working as designed: "who is signed in?" (GET /api/auth/me) answering 401 on
 * the sign-in page, a revoked share's data answering 404, and an entity page's key never played (404).
 */
export function unexpectedConsoleError(m: ConsoleMessage): boolean {
  if (m.type() !== 'error') return false;
  const url = m.location().url ?? '';
  const expected =
    (/status of 401/.test(m.text()) && /\/api\/auth\/me$/.test(url)) ||
    (/status of 404/.test(m.text()) && /\/api\/share\/[^/]+$/.test(url)) ||
    // an entity page for a key the account never played (it says "not found")
    (/status of 404/.test(m.text()) && /\/api\/stats\/(artists|tracks|albums|genres)\/[^/?]+(\?|$)/.test(url));
  return !expected;
}
