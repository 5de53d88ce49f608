import { ApiProperty } from '@nestjs/swagger';

/** Response body of GET /api/stats/behaviour (issue #25): how the plays of a range (or of one entity) were listened to. */

export class BehaviourEntityDto {
  @ApiProperty({ enum: ['artist', 'track', 'album'], example: 'artist' }) kind: 'artist' | 'track' | 'album';
  @ApiProperty({ example: '4Z8W4fKeB5YxbusRsdQVPb', description: 'The key asked for: an id, or the name key of a name-only import.' })
  key: string;
  @ApiProperty({ example: 'Radiohead' }) name: string;
}

export class BehaviourShareDto {
  @ApiProperty({ example: 120, description: 'Plays for which it is true.' }) plays: number;
  @ApiProperty({ example: 800, description: 'Plays that record it (true or false).' }) knownPlays: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.15,
    description: 'plays ÷ knownPlays, rounded to 4 decimals; null when no play records it.',
  })
  share: number | null;
}

export class BehaviourCountDto {
  @ApiProperty({ example: 'android', description: 'The platform family or reason, as the export names it.' }) name: string;
  @ApiProperty({ example: 512 }) plays: number;
  @ApiProperty({ example: 0.64, description: 'plays ÷ the breakdown’s knownPlays, rounded to 4 decimals.' }) share: number;
}

export class BehaviourBreakdownDto {
  @ApiProperty({ example: 800, description: 'Plays that record a value.' }) knownPlays: number;
  @ApiProperty({ type: [BehaviourCountDto], description: 'Values with plays, most plays first (ties by name).' })
  items: BehaviourCountDto[];
}

export class BehaviourDto {
  @ApiProperty({
    type: BehaviourEntityDto,
    nullable: true,
    description: 'The artist, track or album the plays are restricted to (null: every play of the range).',
  })
  entity: BehaviourEntityDto | null;
  @ApiProperty({ example: 1234, description: 'Plays inside the range.' }) plays: number;
  @ApiProperty({
    example: 800,
    description:
      'Plays that record listening behaviour: extended-history imports. Polled plays and account-data imports record none, so every share below is over the plays that record it.',
  })
  knownPlays: number;
  @ApiProperty({ type: BehaviourShareDto, description: 'Skipped plays: the skip rate.' }) skipped: BehaviourShareDto;
  @ApiProperty({ type: BehaviourShareDto, description: 'Plays in shuffle mode.' }) shuffle: BehaviourShareDto;
  @ApiProperty({ type: BehaviourShareDto, description: 'Plays in offline mode.' }) offline: BehaviourShareDto;
  @ApiProperty({
    type: BehaviourBreakdownDto,
    description: 'Platform families (android, ios, windows, macos, linux, web, cast, other).',
  })
  platforms: BehaviourBreakdownDto;
  @ApiProperty({ type: BehaviourBreakdownDto, description: 'Why a play started (trackdone, clickrow, fwdbtn, …).' })
  reasonStart: BehaviourBreakdownDto;
  @ApiProperty({ type: BehaviourBreakdownDto, description: 'Why a play ended (trackdone, fwdbtn, endplay, …).' })
  reasonEnd: BehaviourBreakdownDto;
}
