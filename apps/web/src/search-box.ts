// The top bar's search: artists, tracks and albums of the account whose names contain the text
// (GET /api/stats/search, asked once typing pauses), each a link to its entity page.
import type { Api } from './api';
import { clear, h } from './dom';
import { albumCredits, albumRefOf, artistRefOf, entityLinker, refLine, trackCredits, trackRefOf, type EntityRef } from './lists';
import type { RouteRange } from './routes';
import type { SearchResults } from '@rewind/contracts';

const DEBOUNCE_MS = 250;
const PER_KIND = 5;

export interface SearchTarget {
  api: Api;
  /** the account searched, and the range and zone the result links carry */
  scope: RouteRange;
}

export function searchBox(target: () => SearchTarget) {
  const input = h('input', {
    type: 'search',
    class: 'search-input',
    placeholder: 'Search artists, tracks, albums',
    'aria-label': 'Search artists, tracks and albums',
    autocomplete: 'off',
    'data-testid': 'search',
  });
  const results = h('div', {
    class: 'search-results',
    role: 'region',
    'aria-live': 'polite',
    hidden: true,
    'data-testid': 'search-results',
  });
  const root = h('div', { class: 'search' }, input, results);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  const close = () => (results.hidden = true);

  function render(found: SearchResults, range: RouteRange): void {
    const link = entityLinker(range);
    const group = (title: string, refs: Array<{ ref: EntityRef; sub: EntityRef[][] }>) =>
      refs.length
        ? h(
            'div',
            { class: 'search-group' },
            h('h3', {}, title),
            h('ul', {}, ...refs.map((r) => h('li', {}, link(r.ref), refLine(r.sub, link)))),
          )
        : null;
    const total = found.artists.length + found.tracks.length + found.albums.length;
    clear(
      results,
      group(
        'Artists',
        found.artists.map((a) => ({ ref: artistRefOf(a), sub: [] })),
      ),
      group(
        'Tracks',
        found.tracks.map((t) => ({ ref: trackRefOf(t), sub: trackCredits(t).slice(0, 1) })),
      ),
      group(
        'Albums',
        found.albums.map((a) => ({ ref: albumRefOf(a), sub: albumCredits(a) })),
      ),
      total ? null : h('p', { class: 'muted', 'data-testid': 'search-none' }, 'Nothing matches.'),
    );
    results.hidden = false;
  }

  async function search(q: string): Promise<void> {
    const mine = ++asked;
    const { api, scope } = target();
    try {
      // All time: whatever was ever played is found, most played first.
      const found = await api.get<SearchResults>('/api/stats/search', {
        q,
        accountId: scope.accountId,
        tz: scope.tz,
        limit: PER_KIND,
      });
      if (mine === asked) render(found, scope);
    } catch (error) {
      if (mine !== asked) return;
      clear(results, h('p', { class: 'muted' }, `Search failed: ${error instanceof Error ? error.message : String(error)}`));
      results.hidden = false;
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) {
      asked++;
      close();
      return;
    }
    timer = setTimeout(() => void search(q.slice(0, 100)), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
  });
  input.addEventListener('focus', () => {
    if (input.value.trim() && results.childElementCount) results.hidden = false;
  });
  // A result opens its page: the list closes; so does a click anywhere else.
  results.addEventListener('click', (e) => {
    if ((e.target as Element).closest('a')) close();
  });
  document.addEventListener('click', (e) => {
    if (!root.contains(e.target as Node)) close();
  });

  return {
    root,
    reset() {
      input.value = '';
      clear(results);
      close();
    },
  };
}
