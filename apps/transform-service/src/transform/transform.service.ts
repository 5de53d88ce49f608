import { BadRequestException, Inject, Injectable, Logger, NotFoundException, OnModuleDestroy } from '@nestjs/common';
import { PG_POOL } from '@rewind/service-kit';
import { Pool } from 'pg';
import { ModelProjectError, RunOptions, RunResult, TransformRunner } from '@rewind/models';
import { TransformRepository } from './transform.repository';
import { TRANSFORM_OPTIONS, TransformOptions } from './transform.tokens';

/** Starts runs (one at a time in this process; the advisory lock serializes across processes) and reads the ledger. */
@Injectable()
export class TransformService implements OnModuleDestroy {
  private readonly logger = new Logger(TransformService.name);
  readonly runner: TransformRunner;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly inFlight = new Set<Promise<RunResult>>();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(TRANSFORM_OPTIONS) options: TransformOptions,
    private readonly repository: TransformRepository,
  ) {
    this.runner = new TransformRunner(pool, { modelsRoot: options.modelsRoot });
  }

  /** Queues a run and returns its id at once; `done` settles when it has finished. */
  async startRun(options: RunOptions): Promise<{ runId: string; done: Promise<RunResult> }> {
    let runId: string;
    try {
      runId = await this.runner.createRun(options);
    } catch (error) {
      if (error instanceof ModelProjectError) throw new BadRequestException(error.message);
      throw error;
    }
    const done = this.chain.then(() => this.runner.execute(runId, options));
    this.chain = done.catch(() => undefined);
    this.inFlight.add(done);
    done
      .then((r) => this.logger.log(`transform run ${runId} ${r.status}${r.error ? `: ${r.error}` : ''}`))
      .catch((e) => this.logger.error(`transform run ${runId} crashed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => this.inFlight.delete(done));
    return { runId, done };
  }

  /** Settles when every queued run has finished. */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  async getRun(id: string) {
    const found = await this.repository.findRun(id);
    if (!found) throw new NotFoundException(`No transform run with id ${id}`);
    const project = this.runner.loadProject();
    const order = new Map(project.models.map((m, i) => [m.name, i]));
    return {
      id: found.run.id,
      status: found.run.status,
      trigger: found.run.trigger,
      select: found.run.select,
      fullRefresh: found.run.fullRefresh,
      requestedAt: found.run.requestedAt,
      startedAt: found.run.startedAt,
      finishedAt: found.run.finishedAt,
      error: found.run.error,
      models: [...found.models].sort((a, b) => (order.get(a.name) ?? 1e9) - (order.get(b.name) ?? 1e9) || a.name.localeCompare(b.name)),
      tests: found.tests,
    };
  }

  async listModels() {
    const project = this.runner.loadProject();
    const last = await this.repository.lastRunPerModel();
    return project.models.map((m) => ({
      name: m.name,
      version: m.version,
      materialization: m.materialized,
      description: m.description,
      file: m.file,
      dependsOn: project.dependsOn(m.name),
      uniqueKey: m.uniqueKey.length ? m.uniqueKey : null,
      tests: project.tests.filter((t) => t.model === m.name).map((t) => t.name),
      lastRun: last.get(m.name) ?? null,
    }));
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }
}
