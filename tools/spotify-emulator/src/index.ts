/**
 * Spotify emulator: a faithful local Spotify (accounts service + Web API) for tests,
 * benchmarks and demo mode. Behaviour follows docs/spotify.md, quirks included.
 *
 * Quick start (tests):
 * ```ts
 * const emu = await startEmulator({ seed: 1, autoApprove: true });
 * const who = emu.admin.addListener({ id: 'alice', historyDays: 7 });
 * const { accessToken, refreshToken } = emu.admin.issueTokens('alice'); // skip the browser flow
 * // point the service at emu.accountsUrl / emu.apiUrl, with emu.clientId / emu.clientSecret
 * emu.admin.advance(3_600_000);                       // one simulated hour: new plays happen
 * emu.admin.setFaults({ retryAfterSec: 3600 }, 'alice'); // per-account 429
 * emu.admin.groundTruth('alice', { exposedOnly: true }); // what Rewind must end up with
 * await emu.close();
 * ```
 *
 * Time: everything (token expiry, refresh-token lifetime, plays) runs on the simulated clock
 * (`admin.advance`), except the 30 s rate-limit window and latency faults, which are real time.
 *
 * played_at vs. export `ts`: a listen starts at `startMs` (ms precision) and ends at
 * `endMs = startMs + msPlayed`. Like Spotify, recently-played reports `played_at` at the end of
 * the listen, or up to REPORT_LAG_MAX_MS before it (`reportedAtMs`; ground truth: `reportedAt`).
 * The extended streaming history reports `ts` = the end truncated to the second and
 * `ms_played = msPlayed`; account data `endTime` = the end truncated to the minute. Importers
 * must therefore match an import overlapping polled plays on the track and the end instant,
 * with a tolerance of seconds (extended) or about a minute (account data).
 */
export { startEmulator, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_REDIRECT_URI } from './emulator';
export type { EmulatorOptions, RunningEmulator } from './emulator';
export { AdminApi } from './admin';
export type { ListenerInfo, IssuedTokens, EmulatorSettings } from './admin';
export { World } from './world';
export { DEFAULT_NOW, refreshTokenDiesAtMs, defaultAccountId, ACCESS_TOKEN_LIFETIME_S, RECENTLY_PLAYED_WINDOW } from './world-types';
export type { FaultConfig, ListenerCounters, ListenerSpec, PlayInput, TruthPlay, WorldOptions } from './world-types';
export type { Listen, ListenerHabits } from './listens';
export { isExposed, reportedAtMs, REPORT_LAG_MAX_MS, DAY_MS } from './listens';
export { buildCatalog } from './catalog';
export type { Catalog, CatalogArtist, CatalogAlbum, CatalogTrack } from './catalog';
export { redirectUriProblem } from './redirect-uri';
export { generateExport, exportPlays, exportPlayRows } from './export';
export type { ExportPlay, ExportPlayRow } from './export';
export { EXPORT_FORMATS } from './export-options';
export type { ExportOptions, ExportSummary, ExportFormat } from './export-options';
