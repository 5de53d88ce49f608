import { Album, AlbumArtist, Artist, ArtistGenre, Track, TrackArtist } from './catalog.entity';
import { EnrichmentBudgetDay, EnrichmentItem, ImportJob, IngestRun, PollState, TransformRequest } from './pipeline.entity';
import { NotificationIncident, NotificationOutbox } from './notification.entity';
import { NonMusicListen, Play } from './play.entity';

export * from './catalog.entity';
export * from './notification.entity';
export * from './pipeline.entity';
export * from './play.entity';

export const RAW_ENTITIES = [
  Artist,
  ArtistGenre,
  Album,
  AlbumArtist,
  Track,
  TrackArtist,
  Play,
  NonMusicListen,
  IngestRun,
  PollState,
  ImportJob,
  EnrichmentItem,
  EnrichmentBudgetDay,
  TransformRequest,
  NotificationOutbox,
  NotificationIncident,
];
