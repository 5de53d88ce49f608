import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { SHARE_KINDS, type ShareKind } from '@rewind/db';

export class CreateShareDto {
  @ApiProperty({ enum: SHARE_KINDS, description: "`wrapped`: one calendar year's recap; `range`: the top lists of [from, to)" })
  @IsIn(SHARE_KINDS, { message: `kind must be one of ${SHARE_KINDS.join(', ')}` })
  kind: ShareKind;

  @ApiPropertyOptional({ example: 2025, description: 'The Wrapped year (kind "wrapped")' })
  @ValidateIf((o: CreateShareDto) => o.kind === 'wrapped' || o.year !== undefined)
  @IsInt({ message: 'year must be an integer (kind "wrapped" needs one)' })
  @Min(2000, { message: 'year must be between 2000 and 2100' })
  @Max(2100, { message: 'year must be between 2000 and 2100' })
  year?: number;

  @ApiPropertyOptional({ example: '2025-06-01', description: 'First day, inclusive (kind "range"), in the account\'s time zone' })
  @ValidateIf((o: CreateShareDto) => o.kind === 'range' || o.from !== undefined)
  @IsISO8601({ strict: true }, { message: 'from must be an ISO date (YYYY-MM-DD; kind "range" needs one)' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-09-01', description: 'Last day, exclusive (kind "range")' })
  @ValidateIf((o: CreateShareDto) => o.kind === 'range' || o.to !== undefined)
  @IsISO8601({ strict: true }, { message: 'to must be an ISO date (YYYY-MM-DD; kind "range" needs one)' })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, description: 'The link stops working after this many days; never when absent' })
  @IsOptional()
  @IsInt({ message: 'expiresInDays must be an integer between 1 and 365' })
  @Min(1, { message: 'expiresInDays must be an integer between 1 and 365' })
  @Max(365, { message: 'expiresInDays must be an integer between 1 and 365' })
  expiresInDays?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "The account whose recap is shared: a listener's own (the default); required for the admin",
  })
  @IsOptional()
  @IsUUID('all', { message: 'accountId must be a UUID' })
  accountId?: string;
}

export class CreatedShareDto {
  @ApiProperty({ example: 'k3J9xQ2w8mV0pL5tR7yB1nC4dF6gH8jK', description: '192 random bits, base64url: the link is the only key' })
  id: string;

  @ApiProperty({ example: 'http://127.0.0.1:3000/share/k3J9xQ2w8mV0pL5tR7yB1nC4dF6gH8jK' })
  url: string;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  expiresAt: string | null;
}

export class ShareDto extends CreatedShareDto {
  @ApiProperty({ enum: SHARE_KINDS })
  kind: ShareKind;

  @ApiProperty({ nullable: true, type: Number })
  year: number | null;

  @ApiProperty({ nullable: true, type: String, format: 'date' })
  from: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date' })
  to: string | null;

  @ApiProperty({ format: 'uuid' })
  accountId: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}
