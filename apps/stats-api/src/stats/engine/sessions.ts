import { PlayLog } from './play-log';

/** A play starting more than this after the previous play ended starts a new session. */
export const SESSION_GAP_MS = 600_000;

/** Listening sessions, ascending by start: start and end (epoch ms), plays, distinct tracks, listening time. */
export interface Sessions {
  start: Float64Array;
  end: Float64Array;
  plays: Int32Array;
  tracks: Int32Array;
  ms: Float64Array;
  /** Log index of each session's first play. */
  firstPlay: Int32Array;
}

/** The sessions of log plays [from, to), the play at `from` starting one. */
export function sessionsOf(log: PlayLog, from: number, to: number): Sessions {
  const out = {
    start: [] as number[],
    end: [] as number[],
    plays: [] as number[],
    tracks: [] as number[],
    ms: [] as number[],
    firstPlay: [] as number[],
  };
  let tracks = new Set<number>();
  let previousEnd = -Infinity;
  for (let p = from; p < to; p++) {
    const at = log.at[p];
    const end = at + log.ms[p];
    const last = out.start.length - 1;
    if (last < 0 || at > previousEnd + SESSION_GAP_MS) {
      out.start.push(at);
      out.end.push(end);
      out.plays.push(1);
      out.ms.push(log.ms[p]);
      out.firstPlay.push(p);
      tracks = new Set([log.track[p]]);
      out.tracks.push(1);
    } else {
      out.plays[last]++;
      out.ms[last] += log.ms[p];
      if (end > out.end[last]) out.end[last] = end;
      tracks.add(log.track[p]);
      out.tracks[last] = tracks.size;
    }
    previousEnd = end;
  }
  return {
    start: Float64Array.from(out.start),
    end: Float64Array.from(out.end),
    plays: Int32Array.from(out.plays),
    tracks: Int32Array.from(out.tracks),
    ms: Float64Array.from(out.ms),
    firstPlay: Int32Array.from(out.firstPlay),
  };
}

/** `head`'s sessions before its last one, then `tail` (which re-reads the plays from that last session's start). */
export function joinSessions(head: Sessions, tail: Sessions): Sessions {
  const keep = Math.max(0, head.start.length - 1);
  const join = <A extends Float64Array | Int32Array>(a: A, b: A): A => {
    const out = new (a.constructor as new (n: number) => A)(keep + b.length);
    out.set(a.subarray(0, keep));
    out.set(b, keep);
    return out;
  };
  return {
    start: join(head.start, tail.start),
    end: join(head.end, tail.end),
    plays: join(head.plays, tail.plays),
    tracks: join(head.tracks, tail.tracks),
    ms: join(head.ms, tail.ms),
    firstPlay: join(head.firstPlay, tail.firstPlay),
  };
}

/** Log index where the last session of `sessions` starts (0 when there is none). */
export const lastSessionStart = (sessions: Sessions): number =>
  sessions.firstPlay.length ? sessions.firstPlay[sessions.firstPlay.length - 1] : 0;
