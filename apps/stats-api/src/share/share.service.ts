import { Injectable, NotFoundException } from '@nestjs/common';
import type { StatsQueryDto } from '../stats/dto/stats-query.dto';
import { StatsService } from '../stats/stats.service';
import type { PublicShareDto } from './dto/public-share.dto';
import { ShareRepository } from './share.repository';

/** A share id as auth-service issues it (192 random bits, base64url). */
const SHARE_ID = /^[A-Za-z0-9_-]{32}$/;

/**
 * Drops every identifier from a recap: `id` and `…Id` keys (accounts, Spotify's catalogue), so a
 * public page says what was played and never by whom or where to look it up.
 */
export function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'id' && !/Id$/.test(key))
      .map(([key, v]) => [key, withoutIds(v)]),
  );
}

/** What a share link shows: computed by the stats engine on every request, like the dashboard's own cards. */
@Injectable()
export class ShareService {
  constructor(
    private readonly shares: ShareRepository,
    private readonly stats: StatsService,
  ) {}

  async get(id: string): Promise<PublicShareDto> {
    const share = SHARE_ID.test(id) ? await this.shares.findLive(id) : null;
    if (!share) throw new NotFoundException('This share link does not exist, was revoked or has expired');
    const head = { kind: share.kind, expiresAt: share.expiresAt?.toISOString() ?? null };
    if (share.kind === 'wrapped') {
      const p = await this.stats.prepare('wrapped', { accountId: share.accountId, year: String(share.year) } as StatsQueryDto);
      return withoutIds({ ...head, year: share.year, wrapped: await p.engine.wrapped(p.request.year!, p.query) }) as PublicShareDto;
    }
    const p = await this.stats.prepare('top-artists', { accountId: share.accountId, from: share.from!, to: share.to! } as StatsQueryDto);
    const [topArtists, topTracks, topAlbums] = await Promise.all([
      p.engine.topArtists(p.query),
      p.engine.topTracks(p.query),
      p.engine.topAlbums(p.query),
    ]);
    const range = { summary: p.engine.summary(p.query), topArtists, topTracks, topAlbums, topGenres: p.engine.topGenres(p.query) };
    return withoutIds({ ...head, from: share.from, to: share.to, range }) as PublicShareDto;
  }
}
