import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { MetabaseReadonlyRole1764700000000 } from './1764700000000-metabase-readonly-role';
import { NotificationOutbox1764800000000 } from './1764800000000-notification-outbox';
import { StatsContextNotify1764900000000 } from './1764900000000-stats-context-notify';
import { SpotifyAccountKey1765200000000 } from './1765200000000-spotify-account-key';
import { ServiceRoles1765300000000 } from './1765300000000-service-roles';
import { PlayEndedAt1765310000000 } from './1765310000000-play-ended-at';
import { ImportSkippedFiles1765320000000 } from './1765320000000-import-skipped-files';
import { EnrichmentBudget1765330000000 } from './1765330000000-enrichment-budget';
import { SessionsAndShares1765400000000 } from './1765400000000-sessions-and-shares';
import { RetiredMarts1765500000000 } from './1765500000000-retired-marts';

/** Every migration, in order. New ones are appended here (no globs). */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  MetabaseReadonlyRole1764700000000,
  NotificationOutbox1764800000000,
  StatsContextNotify1764900000000,
  SpotifyAccountKey1765200000000,
  ServiceRoles1765300000000,
  PlayEndedAt1765310000000,
  ImportSkippedFiles1765320000000,
  EnrichmentBudget1765330000000,
  SessionsAndShares1765400000000,
  RetiredMarts1765500000000,
];
