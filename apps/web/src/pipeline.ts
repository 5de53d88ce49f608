import { ApiError, tokenStore, type Api } from './api';
import { clear, h } from './dom';
import { fmtAgo, fmtDateTime, fmtInt } from './format';
import { Panel } from './panel';
import { timeZones } from './range';
import type { Account, EnrichmentProgress, ImportStatus, IngestRun, TransformModel } from '@rewind/contracts';

const LOGIN = '/api/auth/login';

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
  return h('label', { class: 'rank-sub' }, 'Days and hours in ', select);
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

export function accountsPanel(api: Api, changed: () => void) {
  const panel = new Panel('accounts', 'Accounts');
  const fail = (e: unknown) => panel.fail(e);
  const render = (accounts: Account[]) => {
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
      accounts.length ? enrichmentLine(api) : null,
      h(
        'p',
        {},
        h(
          'a',
          { class: 'button', href: LOGIN, 'data-testid': 'connect' },
          accounts.length ? 'Connect another Spotify account' : 'Connect Spotify',
        ),
      ),
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

// ---------------------------------------------------------------------------------------------
// Import upload with live progress

export function importPanel(api: Api, onImported: () => void, onUnauthorized: () => void) {
  const panel = new Panel('import', 'Import a Spotify export');
  const input = h('input', {
    type: 'file',
    name: 'files',
    multiple: true,
    accept: '.zip,.json,application/zip,application/json',
    'aria-label': 'Export files',
  });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Upload');
  const bar = h('progress', { max: 1, value: 0, 'data-testid': 'import-progress' });
  const text = h('p', { class: 'small', 'data-testid': 'import-status', 'aria-live': 'polite' });
  const progressBox = h('div', { class: 'import-progress', hidden: true }, bar, text);
  let accountId: string | null = null;

  const show = (phase: string, fraction: number, message: string) => {
    progressBox.hidden = false;
    bar.value = fraction;
    bar.dataset.phase = phase;
    bar.dataset.progress = fraction.toFixed(3);
    text.textContent = message;
  };

  const upload = (files: FileList) =>
    new Promise<string>((resolve, reject) => {
      const form = new FormData();
      for (const f of Array.from(files)) form.append('files', f, f.name);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/ingest/imports?accountId=${encodeURIComponent(accountId ?? '')}`);
      xhr.setRequestHeader('Authorization', `Bearer ${tokenStore.get() ?? ''}`);
      xhr.upload.addEventListener(
        'progress',
        (e) => e.lengthComputable && show('upload', 0, `Uploading… ${Math.round((e.loaded / e.total) * 100)}%`),
      );
      xhr.addEventListener('error', () => reject(new ApiError(0, 'The upload failed: the gateway did not answer.', '/api/ingest/imports')));
      xhr.addEventListener('load', () => {
        let body: { importId?: string; message?: string } = {};
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          /* not JSON */
        }
        if (xhr.status === 202 && body.importId) resolve(body.importId);
        else reject(new ApiError(xhr.status, body.message ?? `the upload answered ${xhr.status}`, '/api/ingest/imports'));
      });
      xhr.send(form);
    });

  const follow = async (importId: string): Promise<ImportStatus> => {
    for (;;) {
      const s = await api.get<ImportStatus>(`/api/ingest/imports/${importId}`);
      const counts = `${fmtInt(s.rowsRead)} rows read, ${fmtInt(s.playsInserted)} new plays, ${fmtInt(s.duplicates)} already stored`;
      if (s.status === 'succeeded') {
        show(
          'succeeded',
          1,
          `Imported ${fmtInt(s.playsInserted)} new plays (${fmtInt(s.duplicates)} already stored; skipped: ${fmtInt(s.skipped.short)} short, ${fmtInt(s.skipped.incognito)} private, ${fmtInt(s.skipped.podcast)} podcast, ${fmtInt(s.skipped.invalid)} invalid).`,
        );
        return s;
      }
      if (s.status === 'failed') {
        show('failed', s.progress, `Import failed: ${s.error ?? 'unknown error'}`);
        return s;
      }
      show(s.status, s.progress, `${s.status === 'queued' ? 'Queued' : 'Importing'}… ${Math.round(s.progress * 100)}% · ${counts}`);
      await new Promise((r) => setTimeout(r, 400));
    }
  };

  const refreshWhenModelsCatchUp = async (since: string) => {
    text.textContent += ' Rebuilding the models…';
    for (let i = 0; i < 120; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const models = await api.get<TransformModel[]>('/api/transform/models').catch(() => []);
      const last = latestTransform(models);
      if (last && last.finishedAt >= since) {
        text.textContent = text.textContent!.replace(' Rebuilding the models…', ' The dashboard is up to date.');
        onImported();
        return;
      }
    }
  };

  const form = h(
    'form',
    { class: 'import-form' },
    h(
      'p',
      { class: 'muted small' },
      'Your Spotify privacy export: the .zip as Spotify sent it, or its Streaming_History_Audio_*.json / StreamingHistory_music_*.json files. Re-importing adds nothing.',
    ),
    h('div', { class: 'row' }, input, submit),
    progressBox,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!input.files?.length) {
      show('idle', 0, 'Choose a .zip or .json files first.');
      return;
    }
    if (!accountId) {
      show('idle', 0, 'Connect a Spotify account first: an import belongs to an account.');
      return;
    }
    submit.disabled = true;
    try {
      show('upload', 0, 'Uploading…');
      const importId = await upload(input.files);
      show('queued', 0, 'Queued…');
      const result = await follow(importId);
      if (result.status === 'succeeded') {
        form.reset();
        if (result.playsInserted > 0) void refreshWhenModelsCatchUp(result.finishedAt ?? new Date().toISOString());
      }
    } catch (e) {
      show('failed', 0, e instanceof Error ? e.message : String(e));
      if (e instanceof ApiError && e.status === 401) onUnauthorized();
    } finally {
      submit.disabled = false;
    }
  });
  panel.body.append(form);
  panel.setState('ready');
  return {
    panel,
    setAccount(id: string | null) {
      accountId = id;
      submit.disabled = !id;
    },
  };
}
