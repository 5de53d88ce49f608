// The public page of a share link, GET /share/:id (the gateway answers it with the dashboard's
// index.html): reads GET /api/share/:id with no credentials at all and shows the recap with
// the dashboard's own Wrapped card and top lists. No token, no cookie, no other API call.
import { clear, h } from './dom';
import { fmtDateTime, fmtInt } from './format';
import { albumRow, artistRow, genreRow, rankList, trackRow, type RankRow } from './lists';
import { describeRange } from './range';
import type { PublicRange, PublicShare } from '@rewind/contracts';
import { wrappedContent } from './wrapped-card';

const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

function rangeContent(range: PublicRange): HTMLElement[] {
  const s = range.summary;
  const stat = (id: string, value: string, label: string) =>
    h(
      'div',
      { class: 'stat' },
      h('span', { class: 'stat-value', 'data-testid': `share-${id}` }, value),
      h('span', { class: 'stat-label' }, label),
    );
  const top = (title: string, rows: RankRow[]) =>
    h('div', { class: 'share-list' }, h('h3', {}, title), rows.length ? rankList(rows, 'plays') : h('p', { class: 'muted' }, 'None.'));
  return [
    h(
      'div',
      { class: 'stats-row' },
      stat('plays', fmtInt(s.plays), 'plays'),
      stat('minutes', fmtInt(s.minutes), 'minutes listened'),
      stat('tracks', fmtInt(s.distinctTracks), 'tracks'),
      stat('artists', fmtInt(s.distinctArtists), 'artists'),
      stat('albums', fmtInt(s.distinctAlbums), 'albums'),
    ),
    h(
      'div',
      { class: 'share-grid' },
      top('Top artists', range.topArtists.map(artistRow)),
      top('Top tracks', range.topTracks.map(trackRow)),
      top('Top albums', range.topAlbums.map(albumRow)),
      top('Top genres', range.topGenres.map(genreRow)),
    ),
  ];
}

export async function showSharePage(app: HTMLElement, id: string): Promise<void> {
  const heading = h('h1', { class: 'share-heading' }, 'A Rewind recap');
  const card = h('section', { class: 'panel share-card', 'data-panel': 'share', 'data-state': 'loading', 'aria-busy': 'true' });
  const note = h('p', { class: 'muted small share-note' });
  // A recap reached by its link only: not for search engines.
  if (!document.querySelector('meta[name=robots]')) document.head.append(h('meta', { name: 'robots', content: 'noindex' }));
  clear(
    app,
    h(
      'header',
      { class: 'topbar' },
      h('a', { class: 'brand', href: '/' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◀◀'), 'Rewind'),
    ),
    h('main', { class: 'share-page' }, heading, card, note),
    h(
      'footer',
      { class: 'footer share-footer' },
      'Shared from ',
      h('a', { href: '/' }, 'Rewind'),
      ': Spotify listening, any day you like.',
    ),
  );
  const settle = (state: string, ...content: HTMLElement[]) => {
    card.dataset.state = state;
    card.setAttribute('aria-busy', 'false');
    clear(card, ...content);
  };
  const failed = (message: string) =>
    settle(
      'error',
      h('p', { class: 'share-message', role: 'alert' }, message),
      h('p', {}, h('button', { type: 'button', class: 'button', onclick: () => void showSharePage(app, id) }, 'Try again')),
    );
  settle('loading', h('p', { class: 'muted' }, 'Loading the recap…'));
  card.setAttribute('aria-busy', 'true');

  let res: Response;
  try {
    res = await fetch(`/api/share/${encodeURIComponent(id)}`, {
      credentials: 'omit',
      cache: 'no-store',
      headers: { Accept: 'application/json' },
    });
  } catch {
    return failed('Rewind is not answering right now: try again in a moment.');
  }
  if (res.status === 404) {
    document.title = 'Rewind – link ended';
    heading.textContent = 'This recap is no longer shared';
    return settle(
      'gone',
      h('p', { class: 'share-message', role: 'alert', 'data-testid': 'share-gone' }, 'This link was revoked or has expired.'),
      h('p', { class: 'muted' }, 'Ask whoever sent it for a new one.'),
    );
  }
  if (!res.ok) {
    return failed(
      res.status === 429
        ? 'Too many requests from this address just now: try again in a minute.'
        : `Rewind could not load this recap right now (HTTP ${res.status}): try again shortly.`,
    );
  }
  const share = (await res.json()) as PublicShare;
  if (share.kind === 'wrapped') {
    const w = share.wrapped;
    document.title = `Rewind – Wrapped ${share.year}`;
    heading.textContent = `Wrapped ${share.year}`;
    card.classList.add('wrapped');
    settle('ready', ...wrappedContent(w, 'plays', w.timeZone, `${share.year} in music`));
  } else {
    const label = describeRange({ from: share.from, to: share.to });
    document.title = `Rewind – ${label}`;
    heading.textContent = `Top of ${label}`;
    settle('ready', ...rangeContent(share.range));
  }
  note.textContent = share.expiresAt ? `This link works until ${fmtDateTime(share.expiresAt, localZone())}.` : '';
}
