// Share links (POST/GET/DELETE /api/auth/shares): a Wrapped year or the current date range,
// published read-only at /share/:id until revoked or expired.
import { ApiError, type Api } from './api';
import { clear, h } from './dom';
import { fmtAgo, fmtDateTime } from './format';
import { Panel } from './panel';
import { describeRange, type DateRange } from './range';
import type { CreatedShare, CreateShare, Share } from '@rewind/contracts';

const EXPIRY = [
  { days: 0, label: 'Never expires' },
  { days: 1, label: 'Expires in 1 day' },
  { days: 7, label: 'Expires in 7 days' },
  { days: 30, label: 'Expires in 30 days' },
  { days: 90, label: 'Expires in 90 days' },
];

export interface ShareTarget {
  /** The admin's account shown; null for a listener (their own, filled in by the API). */
  accountId: string | null;
  range: DateRange;
}

const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function shareTitle(s: Pick<Share, 'kind' | 'year' | 'from' | 'to'>): string {
  return s.kind === 'wrapped' ? `Wrapped ${s.year}` : describeRange({ from: s.from ?? undefined, to: s.to ?? undefined });
}

/** Puts `text` on the clipboard; false when the browser refuses (the field stays selected to copy by hand). */
async function copy(text: string, field: HTMLInputElement): Promise<boolean> {
  field.select();
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return document.execCommand?.('copy') ?? false;
  }
}

export function sharesPanel(api: Api) {
  const panel = new Panel('shares', 'Share links', 'span-all');
  let target: ShareTarget = { accountId: null, range: {} };
  let year: number | null = null;
  const status = h('p', { class: 'small muted share-status', role: 'status', 'data-testid': 'share-status' });
  const expiry = h(
    'select',
    { 'aria-label': 'Link expiry', 'data-testid': 'share-expiry' },
    ...EXPIRY.map((e) => h('option', { value: e.days }, e.label)),
  );
  const wrappedButton = h(
    'button',
    { type: 'button', class: 'button primary', 'data-testid': 'share-wrapped', disabled: true },
    'Share Wrapped',
  );
  const rangeButton = h('button', { type: 'button', class: 'button', 'data-testid': 'share-range' }, 'Share this range');
  const list = h('ul', { class: 'plain-list shares', 'data-testid': 'share-list' });

  const create = async (body: CreateShare) => {
    wrappedButton.disabled = rangeButton.disabled = true;
    try {
      const days = Number(expiry.value);
      await api.post<CreatedShare>('/api/auth/shares', undefined, {
        ...body,
        ...(days ? { expiresInDays: days } : {}),
        ...(target.accountId ? { accountId: target.accountId } : {}),
      });
      status.textContent = `Created a link to ${shareTitle({ year: null, from: null, to: null, ...body })}: anyone who has it sees this recap, never your account.`;
      await load();
    } catch (e) {
      status.textContent = `Could not create the link: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      update();
    }
  };
  wrappedButton.addEventListener('click', () => year !== null && void create({ kind: 'wrapped', year }));
  rangeButton.addEventListener('click', () => {
    const { from, to } = target.range;
    if (from && to) void create({ kind: 'range', from, to });
  });

  const revoke = async (share: Share, button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      await api.delete(`/api/auth/shares/${encodeURIComponent(share.id)}`);
      status.textContent = `Revoked the link to ${shareTitle(share)}: it now says so to anyone who opens it.`;
      await load();
    } catch (e) {
      button.disabled = false;
      status.textContent = e instanceof ApiError ? `Could not revoke the link: ${e.message}` : String(e);
    }
  };

  const row = (s: Share) => {
    const url = h('input', { class: 'share-url', type: 'text', readonly: true, value: s.url, 'aria-label': `Link to ${shareTitle(s)}` });
    url.addEventListener('focus', () => url.select());
    const copyButton = h('button', { type: 'button', class: 'button small', 'data-testid': 'share-copy' }, 'Copy');
    copyButton.addEventListener('click', async () => {
      copyButton.textContent = (await copy(s.url, url)) ? 'Copied' : 'Press Ctrl-C';
      setTimeout(() => (copyButton.textContent = 'Copy'), 2000);
    });
    const revokeButton = h('button', { type: 'button', class: 'button small ghost danger', 'data-testid': 'share-revoke' }, 'Revoke');
    revokeButton.addEventListener('click', () => void revoke(s, revokeButton));
    const expired = s.expiresAt !== null && Date.parse(s.expiresAt) <= Date.now();
    const when = `created ${fmtAgo(s.createdAt)} · ${
      s.expiresAt ? `${expired ? 'expired' : 'expires'} ${fmtDateTime(s.expiresAt, localZone())}` : 'never expires'
    }`;
    return h(
      'li',
      { 'data-share': s.id, class: expired ? 'expired' : '' },
      h(
        'span',
        { class: 'rank-text' },
        h('span', { class: 'rank-title' }, shareTitle(s), expired ? h('span', { class: 'badge bad' }, 'expired') : null),
        h('span', { class: 'rank-sub' }, when),
      ),
      h(
        'span',
        { class: 'share-link' },
        url,
        copyButton,
        h('a', { class: 'button small', href: s.url, target: '_blank', rel: 'noopener' }, 'Open'),
        revokeButton,
      ),
    );
  };

  function update(): void {
    wrappedButton.disabled = year === null;
    wrappedButton.textContent = year === null ? 'Share Wrapped' : `Share Wrapped ${year}`;
    const bounded = !!(target.range.from && target.range.to);
    rangeButton.disabled = !bounded;
    rangeButton.textContent = bounded ? `Share ${describeRange(target.range)}` : 'Share this range';
    rangeButton.title = bounded
      ? 'Top artists, tracks, albums and genres of this range'
      : 'Pick a range with a first and a last day to share it';
  }

  // Not Panel.run: a failure keeps the create buttons (run() would empty the body).
  let seq = 0;
  async function load(): Promise<void> {
    const mine = ++seq;
    panel.setState('loading');
    try {
      const shares = await api.get<Share[]>('/api/auth/shares', { accountId: target.accountId ?? undefined });
      if (mine !== seq) return;
      clear(list, ...shares.map(row));
      if (!shares.length) list.append(h('li', { class: 'muted' }, 'No share links yet.'));
      panel.setState('ready');
    } catch (e) {
      if (mine === seq) panel.fail(e);
    }
  }

  clear(
    panel.body,
    h(
      'p',
      { class: 'muted small' },
      'A share link shows a recap read-only to anyone who has it: names and numbers, never your account. Revoke it to end it.',
    ),
    h('div', { class: 'row share-create' }, wrappedButton, rangeButton, expiry),
    status,
    list,
  );
  update();

  return {
    panel,
    load,
    setTarget(next: ShareTarget) {
      target = next;
      update();
    },
    setYear(next: number) {
      year = next;
      update();
    },
  };
}
