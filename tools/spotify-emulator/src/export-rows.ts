/**
 * Rows of a privacy export, as each generation of Spotify's files writes them:
 * - 2023–2026 extended history (`Streaming_History_Audio_*`): pretty-printed, `offline_timestamp`
 *   in seconds, audiobook fields;
 * - 2021 extended history (`endsong_N.json`): minified, `username`, `offline_timestamp` in
 *   milliseconds, no audiobook fields;
 * - account data (`StreamingHistory_music_N` / `_podcast_N` / `_audiobook_N`): `endTime` to the minute.
 * Fake personal data (user name, IP addresses, user agents) is planted so importers can prove
 * they drop it.
 */
import type { Catalog } from './catalog';
import { DAY_MS, type Listen } from './listens';
import { hash32 } from './rng';

export interface Source {
  catalog: Catalog;
  listenerId: string;
  country: string;
  /** fresh iterator over the listens (oldest first) */
  listens(): Iterable<Listen>;
}

export function isoSecond(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19) + 'Z';
}

/** "YYYY-MM-DD HH:mm" (UTC, no seconds), account data's endTime. */
export function minuteTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** Episodes watched as video (Streaming_History_Video files). */
export function isVideo(l: Listen): boolean {
  return l.kind === 'episode' && l.seq % 7 === 0;
}

/** Episodes that account data lists as audiobook chapters (StreamingHistory_audiobook_N). */
export function isAudiobook(l: Listen): boolean {
  return l.kind === 'episode' && !isVideo(l) && l.seq % 5 === 1;
}

/** A row that counts as a play: a track, 30 s or more, not in a private session. */
export function isExportPlay(l: Listen): boolean {
  return l.kind === 'track' && l.msPlayed >= 30_000 && !l.incognito;
}

export class RowWriter {
  private readonly trackFrag: Array<string | undefined>;
  private readonly episodeFrag: Array<string | undefined>;
  private readonly username: string;
  private readonly ua = new Map<string, string>();

  constructor(private readonly src: Source) {
    this.trackFrag = new Array(src.catalog.tracks.length);
    this.episodeFrag = new Array(src.catalog.episodes.length);
    this.username = JSON.stringify(`fake-username-${src.listenerId}`);
  }

  private userAgent(platform: string): string {
    let ua = this.ua.get(platform);
    if (!ua) {
      ua = JSON.stringify(`FAKE-UA Spotify/8.9.96 ${platform} (emulator, not a real user agent)`);
      this.ua.set(platform, ua);
    }
    return ua;
  }

  private ip(l: Listen): string {
    return `203.0.113.${(hash32(this.src.listenerId, Math.floor(l.startMs / DAY_MS)) % 254) + 1}`;
  }

  private media(l: Listen): string {
    const c = this.src.catalog;
    if (l.kind === 'track') {
      let f = this.trackFrag[l.itemIndex];
      if (f === undefined) {
        const t = c.tracks[l.itemIndex];
        f = `
    "master_metadata_track_name": ${JSON.stringify(t.name)},
    "master_metadata_album_artist_name": ${JSON.stringify(c.artists[t.artistIndexes[0]].name)},
    "master_metadata_album_album_name": ${JSON.stringify(c.albums[t.albumIndex].name)},
    "spotify_track_uri": "spotify:track:${t.id}",
    "episode_name": null,
    "episode_show_name": null,
    "spotify_episode_uri": null,`;
        this.trackFrag[l.itemIndex] = f;
      }
      return f;
    }
    if (l.kind === 'episode') {
      let f = this.episodeFrag[l.itemIndex];
      if (f === undefined) {
        const e = c.episodes[l.itemIndex];
        f = `
    "master_metadata_track_name": null,
    "master_metadata_album_artist_name": null,
    "master_metadata_album_album_name": null,
    "spotify_track_uri": null,
    "episode_name": ${JSON.stringify(e.name)},
    "episode_show_name": ${JSON.stringify(c.shows[e.showIndex].name)},
    "spotify_episode_uri": "spotify:episode:${e.id}",`;
        this.episodeFrag[l.itemIndex] = f;
      }
      return f;
    }
    return `
    "master_metadata_track_name": null,
    "master_metadata_album_artist_name": null,
    "master_metadata_album_album_name": null,
    "spotify_track_uri": null,
    "episode_name": null,
    "episode_show_name": null,
    "spotify_episode_uri": null,`;
  }

  /** One 2023–2026 extended-history row, pretty-printed like the real files (2-space indent). */
  row(l: Listen): string {
    const ip = this.ip(l);
    return `  {
    "ts": "${isoSecond(l.endMs)}",
    "username": ${this.username},
    "platform": "${l.platform}",
    "ms_played": ${l.msPlayed},
    "conn_country": "${l.country}",
    "ip_addr": "${ip}",
    "ip_addr_decrypted": "${ip}",
    "user_agent_decrypted": ${this.userAgent(l.platform)},${this.media(l)}
    "audiobook_title": null,
    "audiobook_uri": null,
    "audiobook_chapter_uri": null,
    "audiobook_chapter_title": null,
    "reason_start": "${l.reasonStart}",
    "reason_end": "${l.reasonEnd}",
    "shuffle": ${l.shuffle},
    "skipped": ${l.skipped},
    "offline": ${l.offline},
    "offline_timestamp": ${l.offlineTimestamp === null ? null : Math.floor(l.offlineTimestamp / 1000)},
    "incognito_mode": ${l.incognito}
  }`;
  }

  /** One 2021 `endsong_N.json` row: minified, the field set of the time, offline_timestamp in ms. */
  endsongRow(l: Listen): string {
    const c = this.src.catalog;
    const t = l.kind === 'track' ? c.tracks[l.itemIndex] : null;
    const e = l.kind === 'episode' ? c.episodes[l.itemIndex] : null;
    return JSON.stringify({
      ts: isoSecond(l.endMs),
      username: `fake-username-${this.src.listenerId}`,
      platform: l.platform,
      ms_played: l.msPlayed,
      conn_country: l.country,
      ip_addr_decrypted: this.ip(l),
      user_agent_decrypted: `FAKE-UA Spotify/1.1.70 ${l.platform} (emulator, not a real user agent)`,
      master_metadata_track_name: t ? t.name : null,
      master_metadata_album_artist_name: t ? c.artists[t.artistIndexes[0]].name : null,
      master_metadata_album_album_name: t ? c.albums[t.albumIndex].name : null,
      spotify_track_uri: t ? `spotify:track:${t.id}` : null,
      episode_name: e ? e.name : null,
      episode_show_name: e ? c.shows[e.showIndex].name : null,
      spotify_episode_uri: e ? `spotify:episode:${e.id}` : null,
      reason_start: l.reasonStart,
      reason_end: l.reasonEnd,
      shuffle: l.shuffle,
      skipped: l.skipped,
      offline: l.offline,
      offline_timestamp: l.offlineTimestamp,
      incognito_mode: l.incognito,
    });
  }

  /** Account-data music row: endTime "YYYY-MM-DD HH:mm" (UTC, no seconds). */
  musicRow(l: Listen): string {
    const c = this.src.catalog;
    const t = c.tracks[l.itemIndex];
    return `  {
    "endTime": "${minuteTime(l.endMs)}",
    "artistName": ${JSON.stringify(c.artists[t.artistIndexes[0]].name)},
    "trackName": ${JSON.stringify(t.name)},
    "msPlayed": ${l.msPlayed}
  }`;
  }

  podcastRow(l: Listen): string {
    const c = this.src.catalog;
    const e = c.episodes[l.itemIndex];
    return `  {
    "endTime": "${minuteTime(l.endMs)}",
    "podcastName": ${JSON.stringify(c.shows[e.showIndex].name)},
    "episodeName": ${JSON.stringify(e.name)},
    "msPlayed": ${l.msPlayed}
  }`;
  }

  /** Account-data audiobook row (an episode of the catalog standing in for a chapter). */
  audiobookRow(l: Listen): string {
    const c = this.src.catalog;
    const e = c.episodes[l.itemIndex];
    return `  {
    "endTime": "${minuteTime(l.endMs)}",
    "audiobookName": ${JSON.stringify(`${c.shows[e.showIndex].name}: the book`)},
    "chapterName": ${JSON.stringify(e.name)},
    "authorName": ${JSON.stringify(`Author of ${c.shows[e.showIndex].name}`)},
    "msPlayed": ${l.msPlayed}
  }`;
  }
}
