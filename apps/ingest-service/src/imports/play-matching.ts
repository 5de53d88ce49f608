/**
 * When a play about to be stored is a listen already stored (polled, or imported before).
 *
 * Spotify names a listen by its end: recently-played's `played_at` is the end of the listen
 * or a few seconds before it, an extended-history row's `ts` is the end truncated to the
 * second, an account-data row's `endTime` the end truncated to the minute. Each side's start
 * is derived differently (polled: from the previous play; imported: `ts − ms_played`), so two
 * copies of one listen are matched on the track and on raw.plays.ended_at (the stored end),
 * never on the start.
 */

/**
 * Window around the end instant inside which a stored play of the same track is the same
 * listen: `ts` truncation (< 1 s) plus the seconds by which recently-played may list a listen
 * before its end. Two real listens of one track end at least 30 s apart (a play lasts 30 s or
 * more), so 20 s never merges two of them.
 */
export const END_TOLERANCE_SECONDS = 20;

/** Account-data `endTime` has no seconds: up to 60 s before the true end, plus the listing lag. */
export const ACCOUNT_DATA_TOLERANCE_SECONDS = 70;

export interface IncomingListen {
  /** SQL expression: the account id */
  accountId: string;
  /** SQL expression (timestamptz): the end of the incoming listen */
  endedAt: string;
  /** SQL expression (text): raw.plays.source of the incoming listen */
  source: string;
  /** SQL expressions (text): its track id (null when only names are known) and names */
  trackId: string;
  trackName: string;
  artistName: string;
}

/**
 * SQL condition, true when raw.plays already holds the incoming listen: same account, same
 * track (id, or artist and track name when either side lacks the id), ends within the window
 * (the account-data one when either side is account data). Range-scans ix_plays_account_ended_at.
 */
export function storedListenExists(x: IncomingListen): string {
  const wide = `interval '${ACCOUNT_DATA_TOLERANCE_SECONDS} seconds'`;
  return `EXISTS (
    SELECT 1 FROM raw.plays p
    WHERE p.account_id = ${x.accountId}
      AND p.ended_at BETWEEN ${x.endedAt} - ${wide} AND ${x.endedAt} + ${wide}
      AND (p.track_id = ${x.trackId}
           OR ((p.track_id IS NULL OR ${x.trackId} IS NULL)
               AND lower(p.track_name) = lower(${x.trackName}) AND lower(p.artist_name) = lower(${x.artistName})))
      AND abs(extract(epoch FROM p.ended_at - ${x.endedAt})) <=
          CASE WHEN p.source = 'account_data' OR ${x.source} = 'account_data'
               THEN ${ACCOUNT_DATA_TOLERANCE_SECONDS} ELSE ${END_TOLERANCE_SECONDS} END)`;
}
