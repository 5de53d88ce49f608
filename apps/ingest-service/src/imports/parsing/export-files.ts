/**
 * What each file of a Spotify privacy export is, from its name: listening history Rewind
 * reads, or something it skips (and says why). Spotify's zips hold many files that are not
 * listening history (playlists, library, account details, Wrapped summaries, PDFs, ...): they
 * are skipped and reported, never a reason to refuse the export.
 */

export interface SkippedFile {
  /** Path of the file inside the export (or the uploaded file's name). */
  name: string;
  reason: string;
}

export type ExportFileVerdict = { history: true; video: boolean } | { history: false; reason: string };

/**
 * Streaming history, every generation: extended (`Streaming_History_Audio_*` / `_Video_*`,
 * 2023 on; `endsong_N` / `endvideo_N`, before) and account data (`StreamingHistory_music_N`,
 * `_podcast_N`, `_audiobook_N`; older `StreamingHistoryN`). Which rows a file holds is decided
 * from its first row when it is read.
 */
const HISTORY = /^(Streaming_History_(Audio|Video)_.*|endsong(_\d+)?|endvideo(_\d+)?|StreamingHistory.*)\.json$/i;
const VIDEO = /^(Streaming_History_Video_|endvideo)/i;

const NOT_HISTORY: [RegExp, string][] = [
  [/^Playlist\d*\.json$/i, 'playlists'],
  [/^YourLibrary\.json$/i, 'the saved library'],
  [/^(Userdata|Identity|Identifiers|Payments|FamilyPlan|DuoNewFamily|CustomerServiceHistory)\.json$/i, 'account details'],
  [/^Inferences\.json$/i, "Spotify's marketing inferences"],
  [/^SearchQueries\.json$/i, 'search queries'],
  [/^Marquee\.json$/i, 'marketing segments'],
  [/^Wrapped\d{4}\.json$/i, 'a Wrapped summary'],
  [/^YourSoundCapsule\.json$/i, 'a Sound Capsule summary'],
  [/^Follow\.json$/i, 'followed artists and users'],
  [/^(PodcastInteractivity.*|ShowInteractivity.*|YourPodcasts?|Podcasts?)\.json$/i, 'podcast interactions'],
];

function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

/** A video-history file (its episodes are kept apart as videos). */
export function isVideoHistory(path: string): boolean {
  const name = baseName(path);
  return HISTORY.test(name) && VIDEO.test(name);
}

/** Decides from a file's name whether Rewind reads it. */
export function classifyExportFile(path: string): ExportFileVerdict {
  const name = baseName(path);
  if (HISTORY.test(name)) return { history: true, video: isVideoHistory(name) };
  for (const [pattern, what] of NOT_HISTORY) if (pattern.test(name)) return { history: false, reason: `${what}, not listening history` };
  if (/\.pdf$/i.test(name)) return { history: false, reason: 'a document, not listening history' };
  if (/\.json$/i.test(name)) return { history: false, reason: 'not a streaming-history file (only listening history is imported)' };
  return { history: false, reason: 'not a JSON file of the export (only listening history is imported)' };
}

/** At most this many skipped files are listed one by one in a job's summary. */
export const MAX_SKIPPED_LISTED = 100;

/** Keeps the list short for a zip full of unrelated files: the rest are counted in one line. */
export function summarizeSkipped(skipped: SkippedFile[]): SkippedFile[] {
  if (skipped.length <= MAX_SKIPPED_LISTED) return skipped;
  const rest = skipped.length - (MAX_SKIPPED_LISTED - 1);
  return [
    ...skipped.slice(0, MAX_SKIPPED_LISTED - 1),
    { name: `(${rest} more files)`, reason: 'not listening history, or not a file Rewind reads' },
  ];
}
