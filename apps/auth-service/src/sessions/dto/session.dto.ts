import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';

export const ROLES = ['listener', 'admin'] as const;

export class MeDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: "The signed-in listener's account; null for the admin" })
  accountId: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'Alice' })
  displayName: string | null;

  @ApiProperty({
    enum: ROLES,
    description: '`admin`: the API_TOKEN holder (every account); `listener`: a Spotify sign-in (their own account)',
  })
  role: (typeof ROLES)[number];
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'Sign out every browser of the account, not only this one', default: false })
  @IsOptional()
  @IsBoolean({ message: 'everywhere must be true or false' })
  everywhere?: boolean;
}

export class ResolveSessionDto {
  @IsString({ message: 'sessionId must be a string' })
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'sessionId is not a session id' })
  sessionId: string;
}

export class ResolvedSessionDto {
  @ApiProperty({ format: 'uuid' })
  accountId: string;
}
