import { BadRequestException } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { BehaviourQueryDto, CompareQueryDto, ForgottenQueryDto, OnThisDayQueryDto, SearchQueryDto } from './dto/insights-query.dto';
import type { StatsQueryDto } from './dto/stats-query.dto';
import { BEHAVIOUR_ENTITY_KINDS } from './engine/behaviour';
import type { Dimension } from './engine/catalog';
import { ENTITY_DIMENSION, EntityKind } from './engine/entity-stats';
import { FORGOTTEN_AFTER_MONTHS } from './engine/forgotten';
import { searchForm } from './engine/search';
import type { StatsRoute } from './stats-routes';
import { parseInstant } from './stats-range';

/** What the insight routes take besides the shared parameters, resolved and validated (part of the answer's ETag). */
export interface InsightParams {
  /** Entity routes: the key of the path, URL-decoded; behaviour: the artist, track or album asked about, if any. */
  entity?: { kind: EntityKind; dimension: Dimension; key: string };
  dimension?: Dimension;
  /** compare: the compared range [from, to) (epoch ms, null = unbounded). */
  previous?: { from: number | null; to: number | null };
  /** search: the text as given (trimmed). */
  q?: string;
  /** on-this-day: the local date looked back at. */
  date?: string;
  /** forgotten: the local date six months before today and the instant it starts (in tz). */
  since?: { date: string; at: number };
}

/** In the order the documentation lists them. */
const DIMENSIONS: readonly Dimension[] = ['artists', 'tracks', 'albums', 'genres'];
const MAX_KEY_LENGTH = 1000;
const MAX_SEARCH_LENGTH = 100;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function parseDimension(value: string | undefined, fallback: Dimension | null): Dimension {
  if (value === undefined || value === '') {
    if (fallback) return fallback;
    throw new BadRequestException(`dimension is required (one of ${DIMENSIONS.join(', ')})`);
  }
  if (!(DIMENSIONS as readonly string[]).includes(value))
    throw new BadRequestException(`dimension must be one of ${DIMENSIONS.join(', ')}, got "${value}"`);
  return value as Dimension;
}

function parseKey(kind: EntityKind, params: Record<string, string>): string {
  const key = kind === 'genre' ? params.genre : params.key;
  if (key === undefined || key === '') throw new BadRequestException(`${kind === 'genre' ? 'genre' : 'key'} is required`);
  if (key.length > MAX_KEY_LENGTH)
    throw new BadRequestException(`${kind === 'genre' ? 'genre' : 'key'} must be at most ${MAX_KEY_LENGTH} characters`);
  return key;
}

function parseDate(value: string | undefined, tz: string): string {
  if (value === undefined || value === '') return DateTime.now().setZone(tz).toISODate()!;
  const text = value.trim();
  if (!DATE_ONLY.test(text)) throw new BadRequestException(`date must be an ISO date (YYYY-MM-DD), got "${value}"`);
  const parsed = DateTime.fromISO(text, { zone: 'UTC' });
  if (!parsed.isValid) throw new BadRequestException(`date is not a valid date: "${value}"`);
  if (parsed.year < 1900 || parsed.year > 9999)
    throw new BadRequestException(`date must be between the years 1900 and 9999, got "${value}"`);
  return text;
}

function parseSearch(value: string | undefined): string {
  const text = value?.trim() ?? '';
  if (text === '') throw new BadRequestException('q is required: the text to search names for');
  if (text.length > MAX_SEARCH_LENGTH) throw new BadRequestException(`q must be at most ${MAX_SEARCH_LENGTH} characters`);
  if (searchForm(text).trim() === '') throw new BadRequestException(`q must contain a letter or digit, got "${value}"`);
  return text;
}

/** behaviour: at most one of artist, track and album. */
function parseBehaviourEntity(query: Partial<BehaviourQueryDto>): InsightParams {
  const given = BEHAVIOUR_ENTITY_KINDS.filter((kind) => query[kind] !== undefined);
  if (given.length === 0) return {};
  if (given.length > 1) throw new BadRequestException(`give at most one of artist, track and album, got ${given.join(' and ')}`);
  const kind = given[0];
  const key = query[kind]!;
  if (key === '') throw new BadRequestException(`${kind} must not be empty`);
  if (key.length > MAX_KEY_LENGTH) throw new BadRequestException(`${kind} must be at most ${MAX_KEY_LENGTH} characters`);
  return { entity: { kind, dimension: ENTITY_DIMENSION[kind], key } };
}

const ENTITY_ROUTES: Partial<Record<StatsRoute, EntityKind>> = { artist: 'artist', track: 'track', album: 'album', genre: 'genre' };

/**
 * The insight parameters of a request in zone `tz` (null for the other routes). Each route's DTO
 * admits only its own parameters, so this only parses and checks them.
 */
export function parseInsight(
  route: StatsRoute,
  query: StatsQueryDto & Partial<CompareQueryDto & SearchQueryDto & OnThisDayQueryDto & ForgottenQueryDto & BehaviourQueryDto>,
  params: Record<string, string>,
  tz: string,
): InsightParams | null {
  const kind = ENTITY_ROUTES[route];
  if (kind) return { entity: { kind, dimension: ENTITY_DIMENSION[kind], key: parseKey(kind, params) } };
  switch (route) {
    case 'compare': {
      const dimension = parseDimension(query.dimension, null);
      const compareFrom = parseInstant('compareFrom', query.compareFrom, tz);
      const compareTo = parseInstant('compareTo', query.compareTo, tz);
      if (compareFrom && compareTo && compareFrom.getTime() > compareTo.getTime())
        throw new BadRequestException(`compareFrom (${query.compareFrom}) must not be after compareTo (${query.compareTo})`);
      if (compareFrom || compareTo)
        return { dimension, previous: { from: compareFrom?.getTime() ?? null, to: compareTo?.getTime() ?? null } };
      // Absent: the range of equal length just before [from, to).
      const from = parseInstant('from', query.from, tz)?.getTime();
      const to = parseInstant('to', query.to, tz)?.getTime();
      if (from === undefined || to === undefined)
        throw new BadRequestException(
          'compareFrom or compareTo is required unless from and to are both given (the compared range is then the one of equal length just before)',
        );
      return { dimension, previous: { from: from - Math.max(0, to - from), to: from } };
    }
    case 'search':
      return { q: parseSearch(query.q) };
    case 'behaviour':
      return parseBehaviourEntity(query);
    case 'on-this-day':
      return { date: parseDate(query.date, tz) };
    case 'forgotten': {
      const start = DateTime.now().setZone(tz).startOf('day').minus({ months: FORGOTTEN_AFTER_MONTHS }).startOf('day');
      return { dimension: parseDimension(query.dimension, 'artists'), since: { date: start.toISODate()!, at: start.toMillis() } };
    }
    default:
      return null;
  }
}
