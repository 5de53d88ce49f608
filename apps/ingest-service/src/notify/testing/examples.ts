import type { NotificationPayload } from '../notify.events';

const ACCOUNT = '3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f';
const at = '2026-11-23T08:00:00.000Z';

/** One example of each message (README and formatter tests). */
export const EXAMPLES: Record<string, NotificationPayload> = {
  ingest_failed: {
    source: 'rewind', kind: 'alert', type: 'ingest_failed', state: 'open', incident: `ingest:${ACCOUNT}`, accountId: ACCOUNT,
    title: 'Polling recently-played failed', message: 'Spotify unavailable: GET /me/player/recently-played answered 503 five times',
    where: `GET /api/ingest/runs?accountId=${ACCOUNT} · ingest-service log (msg "poll failed", runId 5d0c…)`, occurredAt: at, details: { account: 'alice', runId: '5d0c7f0e-0000-4000-8000-000000000001' },
  },
  ingest_recovered: {
    source: 'rewind', kind: 'recovery', type: 'ingest_failed', state: 'resolved', incident: `ingest:${ACCOUNT}`, accountId: ACCOUNT,
    title: 'Resolved: Polling recently-played failed', message: 'Polling works again: the latest run succeeded.',
    where: `GET /api/ingest/runs?accountId=${ACCOUNT} · ingest-service log (msg "poll failed", runId 5d0c…)`, occurredAt: at,
    details: { account: 'alice', openedAt: '2026-11-23T06:30:00.000Z', occurrences: 3, durationMinutes: 90 },
  },
  import_failed: {
    source: 'rewind', kind: 'alert', type: 'import_failed', state: 'open', incident: `import:${ACCOUNT}`, accountId: ACCOUNT,
    title: 'Privacy-export import failed', message: 'endsong_0.json is truncated: the JSON ends inside row 18211',
    where: 'GET /api/ingest/imports/9b2e… · ingest-service log (msg "import failed")', occurredAt: at, details: { account: 'alice' },
  },
  transform_failed: {
    source: 'rewind', kind: 'alert', type: 'transform_failed', state: 'open', incident: 'transform:runs',
    title: 'Transform run failed', message: 'model fct_plays failed: canceling statement due to statement timeout',
    where: 'GET /api/transform/runs/1c7a… · transform-service log (transform run 1c7a…)', occurredAt: at,
  },
  data_test_failed: {
    source: 'rewind', kind: 'alert', type: 'data_test_failed', state: 'open', incident: 'test:unique_fct_plays_key',
    title: 'Data test failed: unique_fct_plays_key', message: '3 rows of fct_plays break the test.',
    where: 'GET /api/transform/runs/1c7a… (tests) · npm run transform -- --select fct_plays', occurredAt: at,
  },
  reauth_required: {
    source: 'rewind', kind: 'alert', type: 'reauth_required', state: 'open', incident: `reauth:${ACCOUNT}`, accountId: ACCOUNT,
    title: 'Account alice needs to reconnect',
    message: "Spotify no longer accepts this account's token (refresh token revoked (invalid_grant)): polling is paused until it is connected again.",
    where: 'Reconnect through GET /api/auth/login · GET /api/auth/accounts shows the status', occurredAt: at,
  },
  gap_detected: {
    source: 'rewind', kind: 'alert', type: 'gap_detected', state: 'open', incident: `gap:${ACCOUNT}`, accountId: ACCOUNT,
    title: 'Gap in recently-played',
    message:
      'Spotify only lists the last 50 plays and all of them were newer than the newest stored play: listens between 2026-11-22T21:04:11.000Z and 2026-11-23T01:12:40.000Z may be missing. Poll more often (INGEST_CRON) or import your Spotify privacy export to fill it.',
    where: `GET /api/ingest/runs?accountId=${ACCOUNT} (field gap) · GET /health/ready of ingest-service`, occurredAt: at, details: { account: 'alice' },
  },
  suppressed_summary: {
    source: 'rewind', kind: 'suppressed_summary', type: 'suppressed_summary', title: '3 notifications held back by the rate limit',
    message: 'More than 20 alerts within an hour (NOTIFY_MAX_PER_HOUR): these were not sent one by one.', where: 'GET /api/ingest/notifications?status=suppressed', occurredAt: at,
    details: {
      count: 3,
      suppressed: [
        { id: '101', kind: 'recovery', type: 'ingest_failed', title: 'Resolved: Polling recently-played failed', createdAt: '2026-11-23T07:41:02.000Z' },
        { id: '102', kind: 'alert', type: 'ingest_failed', title: 'Polling recently-played failed', createdAt: '2026-11-23T07:43:10.000Z' },
        { id: '103', kind: 'recovery', type: 'ingest_failed', title: 'Resolved: Polling recently-played failed', createdAt: '2026-11-23T07:45:55.000Z' },
      ],
    },
  },
  test: {
    source: 'rewind', kind: 'test', type: 'test', title: 'Test message', message: 'Notifications reach this channel. Events sent: ingest_failed, import_failed, transform_failed, data_test_failed, reauth_required, gap_detected, weekly_summary.',
    where: 'GET /api/ingest/notifications', occurredAt: at,
  },
  weekly_summary: {
    source: 'rewind', kind: 'weekly_summary', type: 'weekly_summary', accountId: ACCOUNT, title: 'Your week in music — alice',
    message: '1312.4 minutes, 402 plays from 2026-11-16 to 2026-11-23 (Europe/Berlin)',
    where: `GET /api/stats/summary?accountId=${ACCOUNT}&from=2026-11-16&to=2026-11-23&tz=Europe%2FBerlin`, occurredAt: at,
    details: {
      account: 'alice', tz: 'Europe/Berlin', week: { from: '2026-11-16', to: '2026-11-23' }, previousWeek: { from: '2026-11-09', to: '2026-11-16' },
      summary: { plays: 402, minutes: 1312.4, distinctTracks: 233, distinctArtists: 97, distinctAlbums: 150, firstPlayedAt: '2026-11-16T06:02:11.000Z', lastPlayedAt: '2026-11-22T22:40:01.000Z' },
      previousSummary: { plays: 371, minutes: 1180.25, distinctTracks: 210, distinctArtists: 90, distinctAlbums: 140, firstPlayedAt: null, lastPlayedAt: null },
      topArtists: [
        { rank: 1, artistId: '4Z8W4fKeB5YxbusRsdQVPb', name: 'Radiohead', plays: 41, minutes: 180.5, imageUrl: null },
        { rank: 2, artistId: '0oSGxfWSnnOXhD2fKuz2Gy', name: 'David Bowie', plays: 33, minutes: 130.12, imageUrl: null },
        { rank: 3, artistId: '3WrFJ7ztbogyGnTHbHJFl2', name: 'The Beatles', plays: 27, minutes: 70.3, imageUrl: null },
        { rank: 4, artistId: '7jy3rLJdDQY21OgRLCZ9sD', name: 'Foo Fighters', plays: 19, minutes: 77.9, imageUrl: null },
        { rank: 5, artistId: '6olE6TJLqED3rqDCT0FyPh', name: 'Nirvana', plays: 17, minutes: 59.02, imageUrl: null },
      ],
      topTracks: [
        { rank: 1, trackId: '3SVAN3BRByDmHOhKyIDxfC', name: 'Paranoid Android', artists: [{ id: '4Z8W4fKeB5YxbusRsdQVPb', name: 'Radiohead' }], album: null, plays: 9, minutes: 57.6 },
        { rank: 2, trackId: '7DKqhn3Aa0NT9N9GAcagda', name: 'Heroes', artists: [{ id: '0oSGxfWSnnOXhD2fKuz2Gy', name: 'David Bowie' }], album: null, plays: 8, minutes: 49.1 },
        { rank: 3, trackId: '6dGnYIeXmHdcikdzNNDMm2', name: 'Here Comes the Sun', artists: [{ id: '3WrFJ7ztbogyGnTHbHJFl2', name: 'The Beatles' }], album: null, plays: 7, minutes: 21.8 },
        { rank: 4, trackId: '5lDriBxJd22IhOH9zTcFrV', name: 'Everlong', artists: [{ id: '7jy3rLJdDQY21OgRLCZ9sD', name: 'Foo Fighters' }], album: null, plays: 6, minutes: 25.0 },
        { rank: 5, trackId: '5ghIJDpPoe3CfHMGu71E6T', name: 'Smells Like Teen Spirit', artists: [{ id: '6olE6TJLqED3rqDCT0FyPh', name: 'Nirvana' }], album: null, plays: 6, minutes: 30.1 },
      ],
      topGenres: [
        { rank: 1, genre: 'rock', plays: 120, minutes: 410.2 },
        { rank: 2, genre: 'art rock', plays: 66, minutes: 260.7 },
        { rank: 3, genre: 'glam rock', plays: 33, minutes: 130.12 },
        { rank: 4, genre: 'grunge', plays: 30, minutes: 112.0 },
        { rank: 5, genre: 'british invasion', plays: 27, minutes: 70.3 },
      ],
      discoveries: [{ name: 'Wet Leg' }, { name: 'Fontaines D.C.' }, { name: 'Black Country, New Road' }],
      streaks: { current: 12, longest: { days: 40, from: '2026-06-01', to: '2026-07-10' } },
    },
  },
};
