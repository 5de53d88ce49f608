import { HttpException, Injectable, NotFoundException, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Request } from 'express';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { Pool } from 'pg';
import type { ImportConfig } from '../config/ingest.config';
import { ImportStatusDto } from './dto/import-status.dto';
import { ImportJobRunner } from './import-runner';
import { ImportJobRow, ImportsRepository } from './imports.repository';
import { ImportInputError } from './parsing/import-error';
import { resolveHistoryEntries, zipLimitsOf } from './parsing/import-sources';
import { newImportId, receiveUpload } from './upload';

export function toStatusDto(job: ImportJobRow): ImportStatusDto {
  return {
    id: job.id,
    accountId: job.accountId,
    status: job.status,
    files: job.files.map((f) => ({ name: f.name, bytes: f.bytes, ...(f.format ? { format: f.format } : {}) })),
    rowsRead: job.rowsRead,
    playsInserted: job.playsInserted,
    duplicates: job.duplicates,
    skipped: { short: job.skippedShort, incognito: job.skippedIncognito, podcast: job.skippedPodcast, invalid: job.skippedInvalid },
    invalidReasons: job.invalidReasons,
    skippedFiles: job.skippedFiles,
    progress: job.progress,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
  };
}

export const IMPORT_CONFIG = Symbol('IMPORT_CONFIG');

@Injectable()
export class ImportsService implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly config: ImportConfig,
    private readonly pool: Pool,
    private readonly repository: ImportsRepository,
    readonly runner: ImportJobRunner,
  ) {}

  /** Resumes jobs a previous process left unfinished, then waits for new ones. */
  onApplicationBootstrap(): void {
    this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }

  /** Stores the upload, checks it as far as possible without parsing, and queues the job. */
  async createFromUpload(accountId: string, req: Request): Promise<string> {
    if (!(await this.repository.accountExists(accountId))) throw new NotFoundException(`No account with accountId ${accountId}`);
    const id = newImportId();
    const dir = path.resolve(this.config.IMPORT_DIR, id);
    try {
      const files = await receiveUpload(req, dir, this.config.IMPORT_MAX_BYTES);
      await resolveHistoryEntries(files, zipLimitsOf(this.config));
      await this.repository.create(this.pool, {
        id,
        accountId,
        storagePath: dir,
        files: files.map((f) => ({ name: f.name, bytes: f.bytes, path: f.path })),
      });
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      if (error instanceof ImportInputError) throw new HttpException(error.message, error.status);
      throw error;
    }
    this.runner.wake();
    return id;
  }

  async get(id: string): Promise<ImportStatusDto> {
    const job = await this.repository.find(id);
    if (!job) throw new NotFoundException(`No import with id ${id}`);
    return toStatusDto(job);
  }
}
