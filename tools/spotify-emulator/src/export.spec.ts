import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as yauzl from 'yauzl';
import { exportPlays, generateExport } from './export';
import { World } from './world';
import { REPORT_LAG_MAX_MS } from './listens';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'emu-export-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readZip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, Buffer>();
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

const FIELDS = [
  'ts',
  'username',
  'platform',
  'ms_played',
  'conn_country',
  'ip_addr',
  'ip_addr_decrypted',
  'user_agent_decrypted',
  'master_metadata_track_name',
  'master_metadata_album_artist_name',
  'master_metadata_album_album_name',
  'spotify_track_uri',
  'episode_name',
  'episode_show_name',
  'spotify_episode_uri',
  'audiobook_title',
  'audiobook_uri',
  'audiobook_chapter_uri',
  'audiobook_chapter_title',
  'reason_start',
  'reason_end',
  'shuffle',
  'skipped',
  'offline',
  'offline_timestamp',
  'incognito_mode',
];

describe('extended streaming history export', () => {
  test('real layout, every field, every kind of row, ground truth per docs/metrics.md', async () => {
    const out = join(dir, 'x.zip');
    const summary = await generateExport({ listenerId: 'exp', seed: 5, plays: 6_000, out, rowsPerFile: 2_000, catalog: { artists: 150 } });
    const files = await readZip(out);
    const names = [...files.keys()];
    expect(names.every((n) => n.startsWith('Spotify Extended Streaming History/'))).toBe(true);
    const audio = names.filter((n) => /Streaming_History_Audio_\d{4}(-\d{4})?_\d+\.json$/.test(n));
    expect(audio.length).toBe(Math.ceil(summary.rows / 2_000));
    expect(names.some((n) => /Streaming_History_Video_\d{4}(-\d{4})?\.json$/.test(n))).toBe(true);
    expect(names.some((n) => n.endsWith('.pdf'))).toBe(true);
    const rows = audio.flatMap((n) => JSON.parse(files.get(n)!.toString('utf8')) as Array<Record<string, unknown>>);
    expect(rows).toHaveLength(summary.rows);
    for (const f of FIELDS) expect(rows[0]).toHaveProperty(f);
    expect(rows[0].ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(rows[0].username).toBe('fake-username-exp');
    expect(rows[0].ip_addr).toMatch(/^203\.0\.113\./);
    expect(rows[0].user_agent_decrypted).toContain('FAKE-UA');
    expect(rows.some((r) => r.spotify_episode_uri !== null)).toBe(true); // podcasts
    expect(rows.some((r) => r.incognito_mode === true)).toBe(true);
    expect(rows.some((r) => (r.ms_played as number) < 30_000)).toBe(true);
    expect(rows.some((r) => r.spotify_track_uri === null && r.spotify_episode_uri === null)).toBe(true);
    const plays = rows.filter((r) => r.spotify_track_uri && (r.ms_played as number) >= 30_000 && r.incognito_mode !== true);
    expect(plays).toHaveLength(6_000);
    expect(summary.plays).toBe(6_000);
    // ground truth: played_at = ts − ms_played
    const truth = [...exportPlays({ listenerId: 'exp', seed: 5, plays: 6_000, catalog: { artists: 150 } })];
    expect(truth).toHaveLength(6_000);
    expect(truth[0]).toEqual({
      trackId: (plays[0].spotify_track_uri as string).slice(14),
      playedAtMs: Date.parse(plays[0].ts as string) - (plays[0].ms_played as number),
      msPlayed: plays[0].ms_played,
    });
    // history ends at "now" (default 2026-11-20T12:00Z)
    expect(Date.parse(summary.lastTs!)).toBeLessThanOrEqual(Date.parse('2026-11-20T12:00:00Z'));
    expect(Date.parse(summary.lastTs!)).toBeGreaterThan(Date.parse('2026-11-19T00:00:00Z'));
  });

  test('export of a world listener agrees with polling: ts (the end) within (played_at − 1 s, played_at + lag]', async () => {
    const world = new World({ seed: 9, catalog: { artists: 100 } });
    world.addListener({ id: 'w', historyDays: 20 });
    const polled = world.groundTruth('w', { exposedOnly: true });
    const imported = [...exportPlays({ listenerId: 'w', world })];
    expect(imported).toHaveLength(polled.length);
    imported.forEach((p, i) => {
      expect(p.trackId).toBe(polled[i].trackId);
      const ts = p.playedAtMs + p.msPlayed;
      expect(polled[i].playedAtMs - p.playedAtMs).toBeGreaterThanOrEqual(0);
      expect(polled[i].playedAtMs - p.playedAtMs).toBeLessThan(1000);
      expect(ts - polled[i].reportedAtMs).toBeGreaterThan(-1000);
      expect(ts - polled[i].reportedAtMs).toBeLessThanOrEqual(REPORT_LAG_MAX_MS);
    });
  });

  test('loose files and the account-data format (StreamingHistory_music_N.json, last year only)', async () => {
    const loose = join(dir, 'loose');
    const s = await generateExport({
      listenerId: 'acc',
      seed: 5,
      historyDays: 400,
      out: loose,
      catalog: { artists: 150 },
      loose: true,
      format: 'account-data',
    });
    const files = readdirSync(join(loose, 'Spotify Account Data'));
    expect(files).toContain('StreamingHistory_music_0.json');
    expect(files).toContain('StreamingHistory_podcast_0.json');
    const music = JSON.parse(readFileSync(join(loose, 'Spotify Account Data', 'StreamingHistory_music_0.json'), 'utf8')) as Array<
      Record<string, unknown>
    >;
    expect(Object.keys(music[0]).sort()).toEqual(['artistName', 'endTime', 'msPlayed', 'trackName']);
    expect(music[0].endTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    const first = Date.parse(`${(music[0].endTime as string).replace(' ', 'T')}:00Z`);
    expect(first).toBeGreaterThan(Date.parse('2026-11-20T12:00:00Z') - 366 * 86_400_000);
    expect(s.rows).toBeGreaterThan(0);
  });

  test('2021 layout: MyData/endsong_N.json, minified, unsorted, username, offline_timestamp in ms', async () => {
    const out = join(dir, 'endsong.zip');
    const summary = await generateExport({
      listenerId: 'old',
      seed: 6,
      plays: 3_000,
      out,
      rowsPerFile: 1_500,
      catalog: { artists: 100 },
      format: 'extended-2021',
    });
    const files = await readZip(out);
    const songs = [...files.keys()].filter((n) => /^MyData\/endsong_\d+\.json$/.test(n));
    expect(songs.length).toBe(Math.ceil(summary.rows / 1_500));
    expect([...files.keys()].some((n) => /Video|endvideo/.test(n))).toBe(false);
    expect(summary.otherFiles).toEqual(['MyData/ReadMeFirst_ExtendedStreamingHistory.pdf']);
    const text = files.get(songs[0])!.toString('utf8');
    expect(text).not.toContain('\n');
    const rows = songs.flatMap((n) => JSON.parse(files.get(n)!.toString('utf8')) as Array<Record<string, unknown>>);
    expect(rows).toHaveLength(summary.rows);
    expect(Object.keys(rows[0])).not.toContain('audiobook_title');
    expect(rows[0].username).toBe('fake-username-old');
    const ts = rows.map((r) => Date.parse(r.ts as string));
    expect(ts.some((t, i) => i > 0 && t < ts[i - 1])).toBe(true);
    const offline = rows.filter((r) => typeof r.offline_timestamp === 'number').map((r) => r.offline_timestamp as number);
    expect(offline.length).toBeGreaterThan(0);
    expect(offline.every((x) => x > 1e12)).toBe(true);
    const plays = rows.filter((r) => r.spotify_track_uri && (r.ms_played as number) >= 30_000 && r.incognito_mode !== true);
    expect(plays).toHaveLength(3_000);
    expect(summary.plays).toBe(3_000);
  });

  test('2023–2026 layout writes offline_timestamp in seconds', async () => {
    const out = join(dir, 'recent.zip');
    await generateExport({ listenerId: 'recent', seed: 6, plays: 3_000, out, catalog: { artists: 100 } });
    const files = await readZip(out);
    const rows = [...files.keys()]
      .filter((n) => n.includes('Streaming_History_Audio_'))
      .flatMap((n) => JSON.parse(files.get(n)!.toString('utf8')) as Array<Record<string, unknown>>);
    const offline = rows.filter((r) => typeof r.offline_timestamp === 'number').map((r) => r.offline_timestamp as number);
    expect(offline.length).toBeGreaterThan(0);
    expect(offline.every((x) => x > 1e9 && x < 1e11)).toBe(true);
  });

  test('account data holds music, podcast and audiobook history and the files that are not history', async () => {
    const out = join(dir, 'account.zip');
    const s = await generateExport({
      listenerId: 'acc2',
      seed: 8,
      historyDays: 120,
      out,
      catalog: { artists: 100 },
      format: 'account-data',
    });
    const files = await readZip(out);
    const names = [...files.keys()].map((n) => n.replace('Spotify Account Data/', ''));
    for (const n of ['StreamingHistory_music_0.json', 'StreamingHistory_podcast_0.json', 'StreamingHistory_audiobook_0.json'])
      expect(names).toContain(n);
    for (const n of [
      'Playlist1.json',
      'YourLibrary.json',
      'Userdata.json',
      'Identity.json',
      'Inferences.json',
      'SearchQueries.json',
      'Marquee.json',
      'Wrapped2025.json',
      'YourSoundCapsule.json',
      'Follow.json',
      'Payments.json',
      'ReadMeFirst_AccountData.pdf',
    ])
      expect(names).toContain(n);
    expect(s.otherFiles).toHaveLength(12);
    const books = JSON.parse(files.get('Spotify Account Data/StreamingHistory_audiobook_0.json')!.toString('utf8')) as Array<
      Record<string, unknown>
    >;
    expect(books).toHaveLength(s.audiobookRows);
    expect(s.audiobookRows).toBeGreaterThan(0);
    expect(Object.keys(books[0]).sort()).toEqual(['audiobookName', 'authorName', 'chapterName', 'endTime', 'msPlayed']);
    const podcasts = JSON.parse(files.get('Spotify Account Data/StreamingHistory_podcast_0.json')!.toString('utf8')) as unknown[];
    expect(podcasts).toHaveLength(s.podcastRows);
  });

  test('deterministic: the same seed gives the same export', async () => {
    const a = [...exportPlays({ listenerId: 'd', seed: 11, historyDays: 30, catalog: { artists: 100 } })];
    const b = [...exportPlays({ listenerId: 'd', seed: 11, historyDays: 30, catalog: { artists: 100 } })];
    const c = [...exportPlays({ listenerId: 'd', seed: 12, historyDays: 30, catalog: { artists: 100 } })];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});
