import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

export class AccessTokenRequestDto {
  @ApiPropertyOptional({ description: 'Refresh even if the stored token looks valid (Spotify answered 401 to it)', default: false })
  @IsOptional()
  @IsBoolean({ message: 'forceRefresh must be a boolean' })
  forceRefresh?: boolean;
}

export class AccessTokenDto {
  @ApiProperty({ description: 'Spotify access token (Bearer)' })
  accessToken: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}

export class ActiveAccountDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ nullable: true, type: String, description: 'IANA time zone, when known' })
  timeZone: string | null;

  @ApiProperty()
  isDemo: boolean;
}
