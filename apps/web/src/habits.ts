// Listening habits (issue #25, GET /api/stats/behaviour): skip rate, shuffle and offline shares,
// platform families and why tracks ended, for the dashboard's range (the "Listening habits" card)
// or for one artist, track or album (its entity page). Only extended-history imports record
// behaviour: every share is over the plays that do (knownPlays), never over all plays.
import type { Api } from './api';
import { clear, h } from './dom';
import { fmtInt, fmtShare } from './format';
import { Panel } from './panel';
import type { StatsContext, StatsPanel } from './stats-panels';
import type { Behaviour } from '@rewind/contracts';

export const NO_BEHAVIOUR =
  "No listening-behaviour data: it comes from Spotify's extended streaming history export; polled plays do not carry it.";

/** Why a play ended (reason_end), as a person would say it; codes not listed are shown as-is. */
const REASON_END: Record<string, string> = {
  trackdone: 'played to the end',
  fwdbtn: 'skipped forward',
  backbtn: 'skipped back',
  endplay: 'stopped playing',
  clickrow: 'picked another track',
  playbtn: 'pressed play/pause',
  remote: 'changed from another device',
  logout: 'logged out',
  trackerror: 'playback error',
  'unexpected-exit': 'app closed unexpectedly',
  'unexpected-exit-while-paused': 'app closed while paused',
  unknown: 'unknown',
};

const PLATFORM: Record<string, string> = {
  android: 'Android',
  ios: 'iOS',
  windows: 'Windows',
  macos: 'macOS',
  linux: 'Linux',
  web: 'Web player',
  cast: 'Cast devices',
  other: 'Other',
};

export const reasonEndLabel = (code: string): string => REASON_END[code] ?? code;
export const platformLabel = (name: string): string => PLATFORM[name] ?? name;

type Share = Behaviour['skipped'];
type Breakdown = Behaviour['platforms'];

function shareStat(id: string, label: string, s: Share): HTMLElement {
  return h(
    'div',
    { class: 'stat', 'data-testid': `habits-${id}`, 'data-share': s.share ?? '', 'data-known': s.knownPlays },
    h('span', { class: 'stat-value' }, s.share === null ? '–' : fmtShare(s.share)),
    h('span', { class: 'stat-label' }, label),
    h('span', { class: 'stat-sub', 'data-testid': `habits-${id}-of` }, `of ${fmtInt(s.knownPlays)} plays with behaviour data`),
  );
}

/** A breakdown as a short list with bars: ranked (numbers in front) or not. */
function barList(id: string, b: Breakdown, label: (name: string) => string, ranked: boolean, limit: number): HTMLElement {
  if (!b.items.length) return h('p', { class: 'muted small' }, 'None recorded.');
  const max = Math.max(1, ...b.items.map((i) => i.plays));
  return h(
    ranked ? 'ol' : 'ul',
    { class: 'rank-list habits-list', 'data-testid': `habits-${id}` },
    ...b.items.slice(0, limit).map((item, i) => {
      const bar = h('span', { class: 'rank-bar' });
      bar.style.width = `${Math.max(2, (item.plays / max) * 100)}%`;
      return h(
        'li',
        { 'data-name': item.name, 'data-plays': item.plays, 'data-share': item.share },
        ranked ? h('span', { class: 'rank' }, i + 1) : null,
        h('span', { class: 'rank-text' }, h('span', { class: 'rank-title', title: item.name }, label(item.name)), bar),
        h('span', { class: 'rank-value' }, `${fmtShare(item.share)} · ${fmtInt(item.plays)}`),
      );
    }),
  );
}

/** The habits of `b`, or the "no data" message when no play records behaviour. */
export function habitsBlock(b: Behaviour): HTMLElement {
  if (b.knownPlays === 0) {
    return h('p', { class: 'muted habits-none', 'data-testid': 'habits-none' }, b.plays === 0 ? 'No plays in this range.' : NO_BEHAVIOUR);
  }
  return h(
    'div',
    { class: 'habits', 'data-known': b.knownPlays, 'data-plays': b.plays },
    h(
      'div',
      { class: 'stats-row habits-shares' },
      shareStat('skipped', 'skip rate', b.skipped),
      shareStat('shuffle', 'in shuffle', b.shuffle),
      shareStat('offline', 'offline', b.offline),
    ),
    h(
      'div',
      { class: 'habits-cols' },
      h('div', {}, h('h3', { class: 'habits-head' }, 'Platforms'), barList('platforms', b.platforms, platformLabel, false, 8)),
      h('div', {}, h('h3', { class: 'habits-head' }, 'Why tracks ended'), barList('reason-end', b.reasonEnd, reasonEndLabel, true, 6)),
    ),
    b.knownPlays < b.plays
      ? h(
          'p',
          { class: 'muted small', 'data-testid': 'habits-coverage' },
          `${fmtInt(b.knownPlays)} of ${fmtInt(b.plays)} plays carry behaviour data (extended streaming history imports); polled plays do not.`,
        )
      : null,
  );
}

/** Fetches the behaviour into `panel`: `empty` (with the message in its body) when no play records any. */
export function loadHabits(panel: Panel, fetcher: () => Promise<Behaviour>): Promise<void> {
  return panel.run(
    fetcher,
    (b) => {
      clear(panel.body, habitsBlock(b));
      return b.knownPlays > 0;
    },
    '',
  );
}

/** The dashboard's "Listening habits" card: the selected range and zone. */
export function habitsPanel(): StatsPanel {
  const panel = new Panel('habits', 'Listening habits', 'span-2');
  return {
    panel,
    // behaviour counts plays: no `by`
    load: (ctx: StatsContext) => {
      const { accountId, from, to, tz } = ctx.params;
      return loadHabits(panel, () => ctx.api.get<Behaviour>('/api/stats/behaviour', { accountId, from, to, tz }));
    },
  };
}

/** The same block on an artist's, track's or album's page: only that entity's plays. */
export function entityHabits(
  api: Api,
  kind: 'artist' | 'track' | 'album',
  key: string,
  range: { from?: string; to?: string; tz: string; accountId?: string },
): Panel {
  const panel = new Panel('entity-habits', 'Listening habits', 'span-2');
  void loadHabits(panel, () =>
    api.get<Behaviour>('/api/stats/behaviour', {
      accountId: range.accountId,
      from: range.from,
      to: range.to,
      tz: range.tz,
      [kind]: key,
    }),
  );
  return panel;
}
