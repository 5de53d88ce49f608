import { ApiError, tokenStore, type Api } from './api';
import { h } from './dom';
import { fmtInt } from './format';
import { Panel } from './panel';
import { latestTransform } from './pipeline';
import type { ImportStatus, Summary, TransformModel } from '@rewind/contracts';

// ---------------------------------------------------------------------------------------------
// Import upload with live progress

/** Taken before an upload; once it succeeded, says whether the stats include it yet. */
export type RebuildCheck = () => Promise<(importFinishedAt: string) => Promise<boolean>>;

/** The admin's check: a transform run finished after the import (GET /api/transform/models). */
export const modelsRebuilt =
  (api: Api): RebuildCheck =>
  async () =>
  async (since) => {
    const last = latestTransform(await api.get<TransformModel[]>('/api/transform/models').catch(() => []));
    return !!last && last.finishedAt >= since;
  };

/** A listener's check (transform runs are the admin's): their all-time play count grew. */
export const playsGrew =
  (api: Api): RebuildCheck =>
  async () => {
    const plays = () => api.get<Summary>('/api/stats/summary').then((s) => s.plays);
    const before = await plays().catch(() => Infinity);
    return async () => (await plays().catch(() => before)) > before;
  };

export interface ImportHooks {
  /** the import is in the stats: reload them */
  imported(): void;
  unauthorized(): void;
  rebuilt: RebuildCheck;
}

export function importPanel(api: Api, hooks: ImportHooks) {
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
      // The admin's token; a listener's session cookie goes along by itself.
      const token = tokenStore.get();
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
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

  const refreshWhenModelsCatchUp = async (since: string, done: (since: string) => Promise<boolean>) => {
    text.textContent += ' Rebuilding the models…';
    for (let i = 0; i < 120; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      if (await done(since)) {
        text.textContent = text.textContent!.replace(' Rebuilding the models…', ' The dashboard is up to date.');
        hooks.imported();
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
      const rebuilt = await hooks.rebuilt();
      const importId = await upload(input.files);
      show('queued', 0, 'Queued…');
      const result = await follow(importId);
      if (result.status === 'succeeded') {
        form.reset();
        if (result.playsInserted > 0) void refreshWhenModelsCatchUp(result.finishedAt ?? new Date().toISOString(), rebuilt);
      }
    } catch (e) {
      show('failed', 0, e instanceof Error ? e.message : String(e));
      if (e instanceof ApiError && e.status === 401) hooks.unauthorized();
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
