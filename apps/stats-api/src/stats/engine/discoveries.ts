import { PlayLog } from './play-log';

/** First plays of artists and tracks, in play order (one artist and one track per play, so no ties). */
export interface Discoveries {
  artistAt: Float64Array;
  /** Artist key id of each artist first play. */
  artistKey: Int32Array;
  trackAt: Float64Array;
}

/** Which keys plays [0, upTo) have played, to find the first plays of later plays. */
export interface SeenKeys {
  artists: Uint8Array;
  tracks: Uint8Array;
}

/** First plays among log plays [from, to), skipping keys `seen` marks (and marking the ones found). */
export function discoveriesOf(log: PlayLog, from: number, to: number, seen: SeenKeys): Discoveries {
  const artistAt: number[] = [];
  const artistKey: number[] = [];
  const trackAt: number[] = [];
  for (let p = from; p < to; p++) {
    const artist = log.artist[p];
    if (!seen.artists[artist]) {
      seen.artists[artist] = 1;
      artistAt.push(log.at[p]);
      artistKey.push(artist);
    }
    const track = log.track[p];
    if (!seen.tracks[track]) {
      seen.tracks[track] = 1;
      trackAt.push(log.at[p]);
    }
  }
  return { artistAt: Float64Array.from(artistAt), artistKey: Int32Array.from(artistKey), trackAt: Float64Array.from(trackAt) };
}

export function joinDiscoveries(a: Discoveries, b: Discoveries): Discoveries {
  const join = <A extends Float64Array | Int32Array>(x: A, y: A): A => {
    const out = new (x.constructor as new (n: number) => A)(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return { artistAt: join(a.artistAt, b.artistAt), artistKey: join(a.artistKey, b.artistKey), trackAt: join(a.trackAt, b.trackAt) };
}

/** Marks of `seen` grown to hold `artists` and `tracks` keys (a copy: the original stays as it was). */
export function seenCopy(seen: SeenKeys, artists: number, tracks: number): SeenKeys {
  const grow = (a: Uint8Array, n: number) => {
    const out = new Uint8Array(Math.max(n, a.length));
    out.set(a);
    return out;
  };
  return { artists: grow(seen.artists, artists), tracks: grow(seen.tracks, tracks) };
}
