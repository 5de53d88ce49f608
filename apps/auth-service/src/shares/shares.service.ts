import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import { assertOwnedBy, notYours, type Principal } from '@rewind/service-kit';
import { randomBytes } from 'node:crypto';
import { Clock, CLOCK } from '../core/clock';
import { CreatedShareDto, CreateShareDto, ShareDto } from './dto/share.dto';
import { ShareRow, SharesRepository } from './shares.repository';

/** 24 random bytes: 192 bits, 32 base64url characters. */
export const SHARE_ID_BYTES = 24;
export const SHARE_ID = /^[A-Za-z0-9_-]{32}$/;

/** Where a share is opened: the site the request came to (through the gateway, which sets X-Forwarded-*). */
export interface SiteOrigin {
  proto: string;
  host: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Read-only recaps a listener publishes: create, list, revoke. GET /api/share/:id (stats-api) answers them. */
@Injectable()
export class SharesService {
  private readonly logger = new Logger(SharesService.name);

  constructor(
    private readonly repo: SharesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(body: CreateShareDto, site: SiteOrigin): Promise<CreatedShareDto> {
    // A listener's accountId is their own (AccessGuard filled it in); the admin names one.
    if (!body.accountId) throw new BadRequestException('accountId is required: the account whose recap is shared');
    if (body.kind === 'wrapped' && (body.from !== undefined || body.to !== undefined))
      throw new BadRequestException('from and to belong to kind "range"; a "wrapped" share has a year');
    if (body.kind === 'range') {
      if (body.year !== undefined) throw new BadRequestException('year belongs to kind "wrapped"; a "range" share has from and to');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(body.from!) || !/^\d{4}-\d{2}-\d{2}$/.test(body.to!))
        throw new BadRequestException('from and to must be ISO dates (YYYY-MM-DD)');
      if (body.from! >= body.to!) throw new BadRequestException(`from (${body.from}) must be before to (${body.to})`);
    }
    const accountId = body.accountId.toLowerCase();
    if (!(await this.repo.accountExists(accountId))) throw notYours('account', accountId);
    const now = this.clock();
    const share: ShareRow = {
      id: randomBytes(SHARE_ID_BYTES).toString('base64url'),
      accountId,
      kind: body.kind,
      year: body.kind === 'wrapped' ? body.year! : null,
      from: body.kind === 'range' ? body.from! : null,
      to: body.kind === 'range' ? body.to! : null,
      createdAt: new Date(now),
      expiresAt: body.expiresInDays ? new Date(now + body.expiresInDays * 86_400_000) : null,
    };
    await this.repo.create(share);
    this.logger.log({ accountId, kind: share.kind }, 'Published a share link');
    return { id: share.id, url: this.url(share.id, site), expiresAt: iso(share.expiresAt) };
  }

  async list(accountId: string | undefined, site: SiteOrigin): Promise<ShareDto[]> {
    const rows = await this.repo.list(accountId?.toLowerCase() ?? null);
    return rows.map((s) => ({
      id: s.id,
      url: this.url(s.id, site),
      kind: s.kind,
      year: s.year,
      from: s.from,
      to: s.to,
      accountId: s.accountId,
      createdAt: s.createdAt.toISOString(),
      expiresAt: iso(s.expiresAt),
    }));
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    const share = SHARE_ID.test(id) ? await this.repo.findLive(id) : null;
    if (!share) throw notYours('share', id);
    assertOwnedBy(principal, share.accountId, 'share', id);
    await this.repo.revoke(id, new Date(this.clock()));
    this.logger.log({ accountId: share.accountId }, 'Revoked a share link');
  }

  private url(id: string, site: SiteOrigin): string {
    return `${site.proto}://${site.host}/share/${id}`;
  }
}
