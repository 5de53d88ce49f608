import type { Api } from './api';
import { clear, h } from './dom';
import { fmtAgo, fmtDateTime, fmtInt } from './format';
import { Panel } from './panel';
import { timeZones } from './range';
import { LOGIN } from './session';
import type { Account, EnrichmentProgress, IngestRun, TransformModel } from '@rewind/contracts';

function badge(status: string): HTMLElement {
  const kind =
    status === 'active' || status === 'succeeded'
      ? 'ok'
      : status === 'running' || status === 'queued'
        ? 'busy'
        : status === 'skipped'
          ? 'muted'
          : 'bad';
  return h('span', { class: `badge ${kind}`, 'data-status': status }, status.replace('_', ' '));
}

export function accountName(a: Account): string {
  return a.label || a.displayName || a.spotifyUserId;
}

// ---------------------------------------------------------------------------------------------
// Accounts

/** The account's zone, changed in place: PATCH, then `changed()` reloads what depends on it. */
function zoneSelect(api: Api, a: Account, changed: () => void, fail: (e: unknown) => void): HTMLElement {
  const select = h(
    'select',
    { 'aria-label': `Time zone of ${accountName(a)}`, 'data-testid': 'account-tz' },
    ...timeZones(a.timeZone ?? 'UTC').map((z) => h('option', { value: z, selected: z === (a.timeZone ?? 'UTC') }, z.replace(/_/g, ' '))),
  );
  select.addEventListener('change', async () => {
    select.disabled = true;
    try {
      await api.patch(`/api/auth/accounts/${encodeURIComponent(a.id)}`, { timeZone: select.value });
      changed();
    } catch (e) {
      fail(e);
    }
  });
  return h('label', { class: 'rank-sub zone' }, 'Days and hours in ', select);
}

const RENEW_SOON_MS = 14 * 86_400_000;

/** When Spotify stops accepting the account's refresh token (six months after the consent): reconnect before. */
function renewLine(a: Account, now = Date.now()): HTMLElement | null {
  if (!a.refreshTokenExpiresAt || a.status !== 'active') return null;
  const at = Date.parse(a.refreshTokenExpiresAt);
  const soon = at - now <= RENEW_SOON_MS;
  return h(
    'span',
    { class: soon ? 'rank-sub warn' : 'rank-sub', 'data-testid': 'renew-by' },
    `Spotify access ends ${fmtDateTime(a.refreshTokenExpiresAt, a.timeZone ?? 'UTC')}: reconnect before then`,
  );
}

/** Catalog enrichment (GET /api/ingest/enrichment): "X of Y tracks enriched" and when it should be complete. */
function enrichmentLine(api: Api): HTMLElement {
  const line = h('p', { class: 'muted', 'data-testid': 'enrichment', hidden: true });
  void api
    .get<EnrichmentProgress>('/api/ingest/enrichment')
    .then((p) => {
      if (!p.tracks.total) return;
      const done = p.estimatedCompletionAt
        ? ` · complete around ${fmtDateTime(p.estimatedCompletionAt, Intl.DateTimeFormat().resolvedOptions().timeZone)}`
        : p.tracks.queued + p.artists.queued === 0
          ? ' · complete'
          : ' · paused (ENRICHMENT_DAILY_CALLS is 0)';
      line.textContent = `Catalog details: ${p.summary}${done} (${fmtInt(p.budget.remainingToday)} of ${fmtInt(p.budget.dailyCalls)} Spotify calls left today)`;
      line.hidden = false;
    })
    .catch(() => undefined);
  return line;
}

/** Every account for the admin; a listener's own, without the admin's tools (enrichment, connecting more accounts). */
export function accountsPanel(api: Api, changed: () => void) {
  const panel = new Panel('accounts', 'Accounts');
  const fail = (e: unknown) => panel.fail(e);
  const render = (accounts: Account[], admin = true) => {
    panel.setTitle(admin ? 'Accounts' : 'Your account');
    clear(
      panel.body,
      accounts.length
        ? h(
            'ul',
            { class: 'plain-list' },
            ...accounts.map((a) =>
              h(
                'li',
                { 'data-account': a.id },
                h(
                  'span',
                  { class: 'rank-text' },
                  h('span', { class: 'rank-title' }, accountName(a), a.isDemo ? h('span', { class: 'badge demo' }, 'demo') : null),
                  h(
                    'span',
                    { class: 'rank-sub' },
                    a.statusReason ??
                      (a.lastRefreshAt
                        ? `Spotify user ${a.spotifyUserId} · token refreshed ${fmtAgo(a.lastRefreshAt)}`
                        : `Spotify user ${a.spotifyUserId}`),
                  ),
                  renewLine(a),
                  zoneSelect(api, a, changed, fail),
                ),
                badge(a.status),
                a.status === 'reauth_required' ||
                  (a.refreshTokenExpiresAt && Date.parse(a.refreshTokenExpiresAt) - Date.now() <= RENEW_SOON_MS)
                  ? h('a', { class: 'button primary', href: LOGIN, 'data-testid': 'reconnect' }, 'Reconnect')
                  : null,
              ),
            ),
          )
        : h('p', { class: 'muted' }, 'No Spotify account is connected yet.'),
      admin && accounts.length ? enrichmentLine(api) : null,
      admin
        ? h(
            'p',
            {},
            h(
              'a',
              { class: 'button', href: LOGIN, 'data-testid': 'connect' },
              accounts.length ? 'Connect another Spotify account' : 'Connect Spotify',
            ),
          )
        : null,
    );
    return true;
  };
  return { panel, render, fail };
}

// ---------------------------------------------------------------------------------------------
// Polling

export function pollingPanel(api: Api) {
  const panel = new Panel('polling', 'Polling');
  let accountId: string | null = null;
  const pollNow = h('button', { type: 'button', class: 'button small', title: 'Poll recently-played now' }, 'Poll now');
  pollNow.addEventListener('click', async () => {
    pollNow.disabled = true;
    try {
      await api.post('/api/ingest/runs', undefined, accountId ? { accountId } : {});
      setTimeout(() => void load(accountId), 1500);
    } catch (e) {
      panel.fail(e);
    } finally {
      pollNow.disabled = false;
    }
  });
  panel.actions.append(pollNow);
  const load = (id: string | null) => {
    accountId = id;
    return panel.run(
      () => api.get<IngestRun[]>('/api/ingest/runs', { accountId: id ?? undefined, limit: 50 }),
      (runs) => {
        const lastRun = runs[0];
        const lastOk = runs.find((r) => r.status === 'succeeded');
        const gaps = runs.filter((r) => r.gap && !r.gap.covered);
        clear(
          panel.body,
          lastRun
            ? h(
                'ul',
                { class: 'facts' },
                h(
                  'li',
                  { 'data-testid': 'last-poll' },
                  h('span', { class: 'muted' }, 'Last poll'),
                  h(
                    'strong',
                    {},
                    `${fmtDateTime(lastRun.startedAt, Intl.DateTimeFormat().resolvedOptions().timeZone)} (${fmtAgo(lastRun.startedAt)})`,
                  ),
                  badge(lastRun.status),
                ),
                h(
                  'li',
                  {},
                  h('span', { class: 'muted' }, 'Result'),
                  h(
                    'strong',
                    {},
                    lastRun.error ??
                      `${fmtInt(lastRun.fetched)} fetched, ${fmtInt(lastRun.inserted)} new, ${fmtInt(lastRun.duplicates)} already stored`,
                  ),
                ),
                lastOk && lastOk !== lastRun
                  ? h('li', {}, h('span', { class: 'muted' }, 'Last successful'), h('strong', {}, fmtAgo(lastOk.startedAt)))
                  : null,
              )
            : h('p', { class: 'muted' }, 'No poll has run yet.'),
          h('h3', {}, 'Gaps'),
          gaps.length
            ? h('ul', { class: 'plain-list gaps', 'data-testid': 'gaps' }, ...gaps.map((r) => h('li', { class: 'warn' }, r.gap!.message)))
            : h('p', { class: 'muted', 'data-testid': 'gaps' }, 'No gaps: every poll overlapped the previous one.'),
        );
        return true;
      },
    );
  };
  return { panel, load };
}

// ---------------------------------------------------------------------------------------------
// Transform

export function latestTransform(models: TransformModel[]): { finishedAt: string; status: string; failed: string[] } | null {
  const runs = models.map((m) => m.lastRun).filter((r): r is NonNullable<TransformModel['lastRun']> => !!r?.finishedAt);
  if (!runs.length) return null;
  const latest = runs.reduce((a, b) => (a.finishedAt! >= b.finishedAt! ? a : b));
  const failed = models.filter((m) => m.lastRun && m.lastRun.status !== 'succeeded' && m.lastRun.status !== 'skipped').map((m) => m.name);
  return { finishedAt: latest.finishedAt!, status: failed.length ? 'failed' : latest.status, failed };
}

export function transformPanel(api: Api) {
  const panel = new Panel('transform', 'Models');
  const load = () =>
    panel.run(
      () => api.get<TransformModel[]>('/api/transform/models'),
      (models) => {
        const last = latestTransform(models);
        clear(
          panel.body,
          h(
            'ul',
            { class: 'facts' },
            h(
              'li',
              { 'data-testid': 'last-transform' },
              h('span', { class: 'muted' }, 'Last transform'),
              last
                ? h(
                    'strong',
                    {},
                    `${fmtDateTime(last.finishedAt, Intl.DateTimeFormat().resolvedOptions().timeZone)} (${fmtAgo(last.finishedAt)})`,
                  )
                : h('strong', {}, 'never'),
              last ? badge(last.status) : null,
            ),
            h(
              'li',
              {},
              h('span', { class: 'muted' }, 'Models'),
              h('strong', {}, `${models.length} (${models.filter((m) => m.materialization === 'incremental').length} incremental)`),
            ),
            last?.failed.length ? h('li', { class: 'warn' }, h('span', {}, 'Failing'), h('strong', {}, last.failed.join(', '))) : null,
          ),
        );
        return models.length > 0;
      },
      'No models are defined.',
    );
  return { panel, load };
}
