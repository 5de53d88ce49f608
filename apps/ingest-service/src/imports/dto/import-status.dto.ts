import { ApiProperty } from '@nestjs/swagger';
import { IMPORT_STATUSES, ImportStatus } from '@rewind/db';

export class ImportSkippedDto {
  @ApiProperty({ description: 'Music rows under 30 s', example: 1204 })
  short: number;

  @ApiProperty({ description: 'Rows listened in a private session', example: 37 })
  incognito: number;

  @ApiProperty({ description: 'Podcast, audiobook and video rows (kept apart, never music plays)', example: 310 })
  podcast: number;

  @ApiProperty({ description: 'Rows with wrong types or no track; see invalidReasons', example: 2 })
  invalid: number;
}

export class ImportSkippedFileDto {
  @ApiProperty({
    description: 'Path of the file inside the zip (or the uploaded file name)',
    example: 'Spotify Account Data/Playlist1.json',
  })
  name: string;

  @ApiProperty({ description: 'Why it was not imported', example: 'playlists, not listening history' })
  reason: string;
}

export class ImportFileDto {
  @ApiProperty({ example: 'my_spotify_data.zip' })
  name: string;

  @ApiProperty({ example: 48211330 })
  bytes: number;

  @ApiProperty({
    required: false,
    example: 'extended',
    description: 'extended | account_music | account_podcast | account_audiobook (once read; several joined by commas for a zip)',
  })
  format?: string;
}

export class ImportStatusDto {
  @ApiProperty({ format: 'uuid', example: '5d0b8c62-1f1e-4a47-9a55-0d2b1d0b9a11' })
  id: string;

  @ApiProperty({ format: 'uuid', example: '0b9e3f5a-6f55-4d36-8a57-0f1a9c1c2b3d' })
  accountId: string;

  @ApiProperty({ enum: IMPORT_STATUSES, example: 'succeeded' })
  status: ImportStatus;

  @ApiProperty({ type: [ImportFileDto] })
  files: ImportFileDto[];

  @ApiProperty({ example: 61520 })
  rowsRead: number;

  @ApiProperty({ description: 'Music plays stored by this import', example: 58004 })
  playsInserted: number;

  @ApiProperty({ description: 'Plays already stored (re-import, overlapping files, or polled)', example: 1965 })
  duplicates: number;

  @ApiProperty({ type: ImportSkippedDto })
  skipped: ImportSkippedDto;

  @ApiProperty({
    type: [String],
    description: 'The first reasons rows were counted invalid',
    example: ['Streaming_History_Audio_2024_0.json row 17: ms_played is "abc", expected a non-negative integer'],
  })
  invalidReasons: string[];

  @ApiProperty({
    type: [ImportSkippedFileDto],
    description:
      'Files of the export that hold no listening history (playlists, library, account details, Wrapped, PDFs, unknown files), ' +
      'skipped with the reason once the job has succeeded; at most 100 are listed, the rest counted in a last entry',
  })
  skippedFiles: ImportSkippedFileDto[];

  @ApiProperty({ minimum: 0, maximum: 1, example: 1 })
  progress: number;

  @ApiProperty({ nullable: true, type: String, example: null, description: 'Why the import failed, in words a user can act on' })
  error: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-20T08:01:02.345Z' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-11-20T08:01:09.120Z' })
  finishedAt: string | null;
}

export class ImportCreatedDto {
  @ApiProperty({ format: 'uuid', example: '5d0b8c62-1f1e-4a47-9a55-0d2b1d0b9a11' })
  importId: string;
}
