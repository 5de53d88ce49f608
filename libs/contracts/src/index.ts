// The public REST API's types, generated from the OpenAPI document (docs/openapi.json) into
// openapi.d.ts by `npm run openapi`: what the services' DTOs declare is what clients compile against.
import type { components, operations, paths } from './openapi';

export type { components, operations, paths };
export { STATS_ROUTES, type StatsRoute } from './stats-routes';

type Schemas = components['schemas'];

/** The JSON body of the 200 answer of GET `path`. */
export type GetResponse<P extends keyof paths> = paths[P]['get'] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

/** The query parameters of GET `path`. */
export type GetQuery<P extends keyof paths> = paths[P]['get'] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** Every 4xx and 5xx body, from the gateway and from every service. */
export type ApiError = Schemas['ApiError'];

export type Measure = NonNullable<GetQuery<'/api/stats/summary'>['by']>;
export type Bucket = NonNullable<GetQuery<'/api/stats/activity'>['bucket']>;
export type Summary = Schemas['SummaryDto'];
export type Ref = Schemas['ArtistRefDto'];
export type TopArtist = Schemas['TopArtistDto'];
export type TopTrack = Schemas['TopTrackDto'];
export type TopAlbum = Schemas['TopAlbumDto'];
export type TopGenre = Schemas['TopGenreDto'];
export type ActivityBucket = Schemas['ActivityBucketDto'];
export type HeatmapCell = Schemas['HeatmapCellDto'];
export type RecentPlay = Schemas['RecentPlayDto'];
export type Discovery = Schemas['DiscoveryDto'];
export type Streak = Schemas['StreakDto'];
export type Streaks = Schemas['StreaksDto'];
export type Session = Schemas['SessionDto'];
export type Wrapped = Schemas['WrappedDto'];
export type ArtistStats = Schemas['ArtistStatsDto'];
export type TrackStats = Schemas['TrackStatsDto'];
export type AlbumStats = Schemas['AlbumStatsDto'];
export type GenreStats = Schemas['GenreStatsDto'];
export type CompareItem = Schemas['CompareItemDto'];
export type Comparison = Schemas['CompareDto'];
export type SearchResults = Schemas['SearchResultsDto'];
export type OnThisDay = Schemas['OnThisDayDto'];
export type ForgottenFavourites = Schemas['ForgottenFavouritesDto'];
export type Behaviour = Schemas['BehaviourDto'];

export type Account = Schemas['AccountDto'];
export type AccountStatus = Account['status'];
export type IngestRun = Schemas['RunDto'];
export type EnrichmentProgress = Schemas['EnrichmentProgressDto'];
export type ImportStatus = Schemas['ImportStatusDto'];
export type TransformModel = Schemas['TransformModelDto'];
export type TransformRun = Schemas['TransformRunDto'];
export type SystemHealth = Schemas['SystemHealthDto'];

export type Me = Schemas['MeDto'];
export type Role = Me['role'];
export type CreateShare = Schemas['CreateShareDto'];
export type CreatedShare = Schemas['CreatedShareDto'];
export type Share = Schemas['ShareDto'];
/** GET /api/share/:id: a share link's recap, with no identifiers in it. */
export type PublicShare = GetResponse<'/api/share/{id}'>;
export type PublicWrapped = Schemas['PublicWrappedDto'];
export type PublicRange = Schemas['PublicRangeDto'];
export type PublicTopArtist = Schemas['PublicTopArtistDto'];
export type PublicTopTrack = Schemas['PublicTopTrackDto'];
export type PublicTopAlbum = Schemas['PublicTopAlbumDto'];
