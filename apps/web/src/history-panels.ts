// Cards of the listening history: recently played, discoveries, streaks and sessions, on this
// day in earlier years, and forgotten favourites.
import { artwork, clear, h } from './dom';
import { fmtDate, fmtDateTime, fmtInt, fmtMeasure, fmtMinutes, fmtTime } from './format';
import { artistRefOf, refLine, trackCredits, trackRefOf } from './lists';
import { Panel } from './panel';
import type { StatsPanel } from './stats-panels';
import type { Discovery, ForgottenFavourites, OnThisDay, RecentPlay, Session, Streaks } from '@rewind/contracts';

// ---------------------------------------------------------------------------------------------
// Recently played, discoveries, streaks and sessions

export function recentPanel(): StatsPanel {
  const panel = new Panel('recent', 'Recently played');
  return {
    panel,
    load: (ctx) =>
      panel.run(
        () => ctx.api.get<RecentPlay[]>('/api/stats/recent', { ...ctx.params, limit: 10 }),
        (plays) => {
          clear(
            panel.body,
            h(
              'ul',
              { class: 'plain-list' },
              ...plays.map((p) =>
                h(
                  'li',
                  {},
                  h(
                    'time',
                    { class: 'when', datetime: p.playedAt, title: fmtDateTime(p.playedAt, ctx.filters.tz) },
                    fmtDateTime(p.playedAt, ctx.filters.tz),
                  ),
                  h(
                    'span',
                    { class: 'rank-text' },
                    ctx.link({ kind: 'track', key: p.trackId, name: p.name ?? p.trackId }),
                    refLine(trackCredits(p), ctx.link),
                  ),
                  h('span', { class: `badge src-${p.source}`, title: `source: ${p.source}` }, p.source === 'poll' ? 'polled' : 'import'),
                ),
              ),
            ),
          );
          return plays.length > 0;
        },
      ),
  };
}

export function discoveriesPanel(): StatsPanel {
  const panel = new Panel('discoveries', 'Discoveries');
  return {
    panel,
    load: (ctx) =>
      panel.run(
        () => ctx.api.get<Discovery[]>('/api/stats/discoveries', { ...ctx.params, limit: 12 }),
        (artists) => {
          clear(
            panel.body,
            h('p', { class: 'muted small' }, 'Artists first heard in this range, in order of discovery.'),
            h(
              'ul',
              { class: 'chips' },
              ...artists.map((a) =>
                h(
                  'li',
                  { class: 'chip' },
                  artwork(a.imageUrl, a.name, true),
                  h(
                    'span',
                    { class: 'rank-text' },
                    ctx.link({ kind: 'artist', key: a.artistId, name: a.name }),
                    h('span', { class: 'rank-sub' }, fmtDateTime(a.firstPlayedAt, ctx.filters.tz)),
                  ),
                ),
              ),
            ),
          );
          return artists.length > 0;
        },
        'No new artists in this range.',
      ),
  };
}

export function streaksPanel(): StatsPanel {
  const panel = new Panel('streaks', 'Streaks and sessions');
  return {
    panel,
    load: (ctx) =>
      panel.run(
        async () => {
          const [streaks, sessions] = await Promise.all([
            ctx.api.get<Streaks>('/api/stats/streaks', ctx.params),
            ctx.api.get<Session[]>('/api/stats/sessions', { ...ctx.params, limit: 5 }),
          ]);
          return { streaks, sessions };
        },
        ({ streaks, sessions }) => {
          const l = streaks.longest;
          clear(
            panel.body,
            h(
              'div',
              { class: 'stats-row compact' },
              h(
                'div',
                { class: 'stat' },
                h('span', { class: 'stat-value', 'data-testid': 'streak-current' }, streaks.current),
                h('span', { class: 'stat-label' }, 'day current streak'),
              ),
              h(
                'div',
                { class: 'stat' },
                h('span', { class: 'stat-value', 'data-testid': 'streak-longest' }, l.days),
                h('span', { class: 'stat-label' }, 'day longest streak'),
                l.from && l.to ? h('span', { class: 'stat-sub' }, `${fmtDate(l.from)} – ${fmtDate(l.to)}`) : null,
              ),
            ),
            h('h3', {}, 'Longest sessions'),
            sessions.length
              ? h(
                  'ol',
                  { class: 'plain-list sessions' },
                  ...sessions.map((s) =>
                    h(
                      'li',
                      {},
                      h('span', { class: 'when' }, `${fmtDateTime(s.start, ctx.filters.tz)} – ${fmtTime(s.end, ctx.filters.tz)}`),
                      h(
                        'span',
                        { class: 'rank-text' },
                        h('span', { class: 'rank-title' }, fmtMinutes(s.minutes)),
                        h('span', { class: 'rank-sub' }, `${fmtInt(s.plays)} plays, ${fmtInt(s.distinctTracks)} tracks`),
                      ),
                    ),
                  ),
                )
              : h('p', { class: 'muted' }, 'No sessions in this range.'),
          );
          return l.days > 0 || sessions.length > 0;
        },
      ),
  };
}

// ---------------------------------------------------------------------------------------------
// On this day, forgotten favourites (they look back from today, not at the range)

export function onThisDayPanel(): StatsPanel {
  const panel = new Panel('on-this-day', 'On this day');
  return {
    panel,
    load: (ctx) =>
      panel.run(
        () =>
          ctx.api.get<OnThisDay>('/api/stats/on-this-day', {
            accountId: ctx.params.accountId,
            tz: ctx.filters.tz,
            by: ctx.filters.by,
            limit: 3,
          }),
        (day) => {
          clear(
            panel.body,
            h('p', { class: 'muted small' }, `What you played on ${fmtDate(day.date).replace(/ \d{4}$/, '')} in earlier years.`),
            h(
              'ol',
              { class: 'plain-list years' },
              ...day.years.map((y) =>
                h(
                  'li',
                  { 'data-year': y.year },
                  h('span', { class: 'when' }, String(y.year)),
                  h(
                    'span',
                    { class: 'rank-text' },
                    refLine([y.topArtists.map(artistRefOf)], ctx.link, 'rank-title'),
                    refLine([y.topTracks.map(trackRefOf)], ctx.link),
                  ),
                  h('span', { class: 'rank-value' }, fmtMeasure(y, ctx.filters.by)),
                ),
              ),
            ),
          );
          return day.years.length > 0;
        },
        'Nothing played on this date in earlier years.',
      ),
  };
}

export function forgottenPanel(): StatsPanel {
  const panel = new Panel('forgotten', 'Forgotten favourites');
  return {
    panel,
    load: (ctx) =>
      panel.run(
        () =>
          ctx.api.get<ForgottenFavourites>('/api/stats/forgotten', {
            accountId: ctx.params.accountId,
            tz: ctx.filters.tz,
            by: ctx.filters.by,
            dimension: 'artists',
            limit: 8,
          }),
        (forgotten) => {
          clear(
            panel.body,
            h('p', { class: 'muted small' }, `Artists you loved and have not played since ${fmtDate(forgotten.since)}.`),
            h(
              'ul',
              { class: 'plain-list' },
              ...forgotten.items.map((a) =>
                h(
                  'li',
                  {},
                  h(
                    'span',
                    { class: 'rank-text' },
                    ctx.link({ kind: 'artist', key: a.key, name: a.name }),
                    h('span', { class: 'rank-sub' }, `last played ${fmtDateTime(a.lastPlayedAt, ctx.filters.tz)}`),
                  ),
                  h('span', { class: 'rank-value' }, fmtMeasure(a, ctx.filters.by)),
                ),
              ),
            ),
          );
          return forgotten.items.length > 0;
        },
        'No forgotten favourites: everything you loved, you still play.',
      ),
  };
}
