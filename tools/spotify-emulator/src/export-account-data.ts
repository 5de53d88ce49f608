/**
 * "Account data" export (last year only): `Spotify Account Data/StreamingHistory_music_N.json`,
 * `_podcast_N.json`, `_audiobook_N.json`, and the many files that are not listening history
 * (playlists, library, user data, inferences, searches, Wrapped, ...) as real zips hold them.
 */
import { Readable } from 'node:stream';
import type { ExportOptions, ExportSummary } from './export-options';
import { arrayStream, placeholderPdf, writeEntries, type Entry } from './export-entries';
import { isAudiobook, minuteTime, type RowWriter, type Source } from './export-rows';
import { DAY_MS, type Listen } from './listens';

const DIR = 'Spotify Account Data';

function json(value: unknown): () => Readable {
  return () => Readable.from([JSON.stringify(value, null, 2)]);
}

/** The files of an account-data export that are not listening history (fake content). */
function otherFiles(src: Source, lastEndMs: number): Entry[] {
  const c = src.catalog;
  const year = new Date(lastEndMs).getUTCFullYear();
  const someTracks = c.tracks.slice(0, 5);
  const artist = (i: number) => c.artists[c.tracks[i].artistIndexes[0]].name;
  const files: [string, unknown][] = [
    [
      'Playlist1.json',
      {
        playlists: [
          {
            name: 'Emulated favourites',
            lastModifiedDate: minuteTime(lastEndMs).slice(0, 10),
            items: someTracks.map((t, i) => ({ track: { trackName: t.name, artistName: artist(i), trackUri: `spotify:track:${t.id}` } })),
          },
        ],
      },
    ],
    [
      'YourLibrary.json',
      { tracks: someTracks.map((t, i) => ({ artist: artist(i), track: t.name, uri: `spotify:track:${t.id}` })), albums: [], shows: [] },
    ],
    [
      'Userdata.json',
      {
        username: `fake-username-${src.listenerId}`,
        email: `${src.listenerId}@example.invalid`,
        country: src.country,
        createdFromFacebook: false,
      },
    ],
    ['Identity.json', { displayName: src.listenerId, firstName: 'Fake', lastName: 'Listener', tasteMaker: false }],
    ['Inferences.json', { inferences: ['1P_Custom_Emulated_Segment', '3P_Emulated_Music_Lovers'] }],
    [
      'SearchQueries.json',
      [{ platform: 'ANDROID', searchTime: `${minuteTime(lastEndMs)}:00Z`, searchQuery: 'emulated search', searchInteractionURIs: [] }],
    ],
    ['Marquee.json', [{ artistName: artist(0), segment: 'Previously Active Listeners' }]],
    [`Wrapped${year - 1}.json`, { topArtists: { topArtists: [artist(0)] }, yearlyMetrics: { totalMsListened: 123456789 } }],
    ['YourSoundCapsule.json', { stats: [], highlights: [] }],
    ['Follow.json', { followerCount: 3, followingUsersCount: 1, dismissingUsersCount: 0 }],
    ['Payments.json', { payment_method: 'fake card', creation_date: '2020-01-01', country: src.country }],
  ];
  return [
    ...files.map(([name, value]) => ({ name: `${DIR}/${name}`, stream: json(value) })),
    { name: `${DIR}/ReadMeFirst_AccountData.pdf`, stream: () => Readable.from([placeholderPdf()]) },
  ];
}

/** One kind of account-data history: rows of the listens `keep` accepts, `perFile` to a file. */
function historyFiles(src: Source, name: string, keep: (l: Listen) => boolean, row: (l: Listen) => string, count: number, perFile: number) {
  const it = src.listens()[Symbol.iterator]();
  const next = () => {
    for (;;) {
      const r = it.next();
      if (r.done) return undefined;
      if (keep(r.value)) return r.value;
    }
  };
  const entries: Entry[] = [];
  for (let i = 0; i * perFile < Math.max(1, count); i++) {
    entries.push({
      name: `${DIR}/StreamingHistory_${name}_${i}.json`,
      stream: () => {
        let left = perFile;
        return arrayStream(() => {
          if (left-- <= 0) return undefined;
          const l = next();
          return l && row(l);
        });
      },
    });
  }
  return entries;
}

export async function generateAccountData(
  options: ExportOptions,
  src: Source,
  writer: RowWriter,
  summary: ExportSummary,
): Promise<ExportSummary> {
  // account data covers the last year only, and never private-session listens
  let lastEnd = 0;
  for (const l of src.listens()) lastEnd = l.endMs;
  const from = lastEnd - 365 * DAY_MS;
  const rowsPerFile = options.rowsPerFile ?? 10_000;
  const listed = (l: Listen) => l.endMs > from && !l.incognito;
  const music = (l: Listen) => listed(l) && l.kind === 'track';
  const audiobook = (l: Listen) => listed(l) && isAudiobook(l);
  const podcast = (l: Listen) => listed(l) && l.kind === 'episode' && !isAudiobook(l);
  for (const l of src.listens()) {
    if (music(l)) {
      summary.rows++;
      if (l.msPlayed >= 30_000) summary.plays++;
      else summary.shortRows++;
    } else if (podcast(l)) summary.podcastRows++;
    else if (audiobook(l)) summary.audiobookRows++;
  }
  const entries: Entry[] = [
    ...historyFiles(src, 'music', music, (l) => writer.musicRow(l), summary.rows, rowsPerFile),
    ...historyFiles(src, 'podcast', podcast, (l) => writer.podcastRow(l), summary.podcastRows, rowsPerFile),
    ...historyFiles(src, 'audiobook', audiobook, (l) => writer.audiobookRow(l), summary.audiobookRows, rowsPerFile),
  ];
  const others = otherFiles(src, lastEnd);
  summary.otherFiles = others.map((e) => e.name);
  entries.push(...others);
  summary.files = entries.map((e) => e.name);
  Object.assign(summary, await writeEntries(entries, options));
  return summary;
}
