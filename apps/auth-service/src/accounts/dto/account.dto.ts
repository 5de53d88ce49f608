import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ACCOUNT_STATUSES, type AccountStatus } from '@rewind/db';

const TIME_ZONE_EXAMPLE = 'Europe/Berlin';

export class CreateAccountDto {
  @ApiProperty({
    description:
      "A Spotify refresh token for Rewind's client id (what the manual authorization-code flow produced). Checked against Spotify before it is stored; stored encrypted.",
  })
  @IsString({ message: 'refreshToken must be a string' })
  @IsNotEmpty({ message: 'refreshToken must not be empty' })
  @MaxLength(4096, { message: 'refreshToken must be at most 4096 characters' })
  refreshToken: string;

  @ApiPropertyOptional({ description: 'A name of your choosing for the account', maxLength: 100 })
  @IsOptional()
  @IsString({ message: 'label must be a string' })
  @MaxLength(100, { message: 'label must be at most 100 characters' })
  label?: string;

  @ApiPropertyOptional({
    description:
      'IANA time zone of the listener (days, weeks, hours of the stats). Set when the account is created, or when it has none yet; change it later with PATCH /api/auth/accounts/:id.',
    example: TIME_ZONE_EXAMPLE,
  })
  @IsOptional()
  @IsString({ message: 'timeZone must be a string' })
  @MaxLength(64, { message: 'timeZone must be at most 64 characters' })
  timeZone?: string;
}

export class UpdateAccountDto {
  @ApiPropertyOptional({
    description: "IANA time zone of the listener. A change rebuilds the account's zone-dependent models.",
    example: TIME_ZONE_EXAMPLE,
  })
  @IsOptional()
  @IsString({ message: 'timeZone must be a string' })
  @MaxLength(64, { message: 'timeZone must be at most 64 characters' })
  timeZone?: string;

  @ApiPropertyOptional({ description: 'A name of your choosing for the account; an empty string removes it', maxLength: 100 })
  @IsOptional()
  @IsString({ message: 'label must be a string' })
  @MaxLength(100, { message: 'label must be at most 100 characters' })
  label?: string;
}

export class CreatedAccountDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'alice' })
  spotifyUserId: string;

  @ApiProperty({ nullable: true, type: String, example: 'Alice' })
  displayName: string | null;

  @ApiProperty({ enum: ACCOUNT_STATUSES })
  status: AccountStatus;
}

export class AccountDto extends CreatedAccountDto {
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the stored access token expires' })
  tokenExpiresAt: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  lastRefreshAt: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Why the account is not active, and what to do' })
  statusReason: string | null;

  @ApiProperty({ nullable: true, type: String })
  label: string | null;

  @ApiProperty({ description: 'The account is the synthetic demo listener' })
  isDemo: boolean;

  @ApiProperty({
    nullable: true,
    type: String,
    example: TIME_ZONE_EXAMPLE,
    description: 'IANA time zone of the listener (null until the dashboard or PATCH sets it; the stats then use UTC)',
  })
  timeZone: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description:
      "When Spotify stops accepting the account's refresh token: six months after the consent (the last sign-in with Spotify, or when a refresh token was first given to POST). Reconnect before it (GET /api/auth/login); Rewind sends a notification 14 and 2 days before.",
  })
  refreshTokenExpiresAt: string | null;
}
