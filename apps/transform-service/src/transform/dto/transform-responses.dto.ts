import { ApiProperty } from '@nestjs/swagger';

// Shapes of transform-service's public answers (TransformService.getRun / listModels), for the
// OpenAPI document and the clients generated from it.

export class TransformRunCreatedDto {
  @ApiProperty({ format: 'uuid', example: '7b0c1f4e-2d7a-4a8e-9b51-3c2f7e1d9a10' })
  runId!: string;
}

export class TransformRunModelDto {
  @ApiProperty({ example: 'fct_plays' })
  name!: string;

  @ApiProperty({ example: '1' })
  version!: string;

  @ApiProperty({ example: 'incremental', description: 'view, table or incremental' })
  materialization!: string;

  @ApiProperty({ example: 'succeeded', description: 'pending, running, succeeded, failed or skipped' })
  status!: string;

  @ApiProperty({ type: 'number', nullable: true, example: 51, description: 'Rows written (null while running or when skipped)' })
  rows!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 38 })
  durationMs!: number | null;

  @ApiProperty({ type: 'string', nullable: true, example: null })
  error!: string | null;
}

export class TransformTestResultDto {
  @ApiProperty({ example: 'unique_fct_plays__account_id__played_at' })
  name!: string;

  @ApiProperty({ example: 'fct_plays' })
  model!: string;

  @ApiProperty({ enum: ['pass', 'fail', 'error'], example: 'pass' })
  status!: 'pass' | 'fail' | 'error';

  @ApiProperty({ type: 'integer', example: 0, description: 'Rows that broke the test' })
  failures!: number;

  @ApiProperty({ type: 'string', nullable: true, example: null })
  error!: string | null;
}

export class TransformRunDto {
  @ApiProperty({ format: 'uuid', example: '7b0c1f4e-2d7a-4a8e-9b51-3c2f7e1d9a10' })
  id!: string;

  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed'], example: 'succeeded' })
  status!: string;

  @ApiProperty({ example: 'manual', description: 'What started the run: manual, schedule, ingest, import, ...' })
  trigger!: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'fct_plays+', description: 'Selector; null = every model' })
  select!: string | null;

  @ApiProperty({ example: false })
  fullRefresh!: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T08:00:00.000Z' })
  requestedAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, example: '2026-11-24T08:00:00.012Z' })
  startedAt!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, example: '2026-11-24T08:00:00.410Z' })
  finishedAt!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: null })
  error!: string | null;

  @ApiProperty({ type: [TransformRunModelDto], description: 'Every model of the run, in DAG order' })
  models!: TransformRunModelDto[];

  @ApiProperty({ type: [TransformTestResultDto] })
  tests!: TransformTestResultDto[];
}

export class TransformModelLastRunDto {
  @ApiProperty({ format: 'uuid' })
  runId!: string;

  @ApiProperty({ example: 'succeeded' })
  status!: string;

  @ApiProperty({ type: 'number', nullable: true, example: 51 })
  rows!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 38 })
  durationMs!: number | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  finishedAt!: string | null;
}

export class TransformModelDto {
  @ApiProperty({ example: 'fct_plays' })
  name!: string;

  @ApiProperty({ example: '1' })
  version!: string;

  @ApiProperty({ example: 'incremental', description: 'view, table or incremental' })
  materialization!: string;

  @ApiProperty({ example: 'One row per play' })
  description!: string;

  @ApiProperty({ example: 'marts/fct_plays.sql' })
  file!: string;

  @ApiProperty({ type: [String], example: ['stg_plays'] })
  dependsOn!: string[];

  @ApiProperty({ type: [String], nullable: true, example: ['account_id', 'played_at'] })
  uniqueKey!: string[] | null;

  @ApiProperty({ type: [String], example: ['unique_fct_plays__account_id__played_at'] })
  tests!: string[];

  @ApiProperty({ type: TransformModelLastRunDto, nullable: true })
  lastRun!: TransformModelLastRunDto | null;
}
