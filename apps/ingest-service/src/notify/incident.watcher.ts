import { Logger } from '@nestjs/common';
import { IncidentRecorder } from './incident-recorder';
import { incidentKeys } from './notify.events';
import { NotifyRepository } from './notify.repository';

/**
 * Events whose ledger belongs to another service are derived here from that ledger, read-only
 * (docs/data-model.md: ingest-service must not be written by them, and they must not write
 * `raw`): transform runs and data tests from transform.runs / transform.test_results, accounts
 * to reconnect from auth.accounts. Each change is applied in its own transaction together
 * with its outbox row.
 */
export class IncidentWatcher {
  private readonly logger = new Logger('NotifyWatcher');
  /** finished_at of the last transform run looked at (null: start from the latest one). */
  private transformCursor: Date | null = null;

  constructor(
    private readonly repository: NotifyRepository,
    private readonly recorder: IncidentRecorder,
  ) {}

  async scan(): Promise<void> {
    await this.scanTransform();
    await this.scanAccounts();
  }

  async scanTransform(): Promise<void> {
    const runs = await this.repository.finishedTransformRuns(this.transformCursor);
    for (const run of runs) {
      await this.repository.transaction(async (db) => {
        const where = `GET /api/transform/runs/${run.id} · transform-service log (transform run ${run.id})`;
        if (run.status === 'failed') {
          await this.recorder.open(db, {
            type: 'transform_failed',
            key: incidentKeys.transform(),
            title: 'Transform run failed',
            message: run.error ?? 'the run failed without an error message',
            where,
            details: { runId: run.id },
          });
        } else {
          await this.recorder.resolve(db, incidentKeys.transform(), { runId: run.id });
        }
        for (const test of run.tests) {
          const key = incidentKeys.dataTest(test.name);
          if (test.status === 'pass') await this.recorder.resolve(db, key, { runId: run.id });
          else
            await this.recorder.open(db, {
              type: 'data_test_failed',
              key,
              title: `Data test failed: ${test.name}`,
              message:
                test.status === 'error'
                  ? `The test could not run: ${test.error ?? 'unknown error'}`
                  : `${test.failures} row${test.failures === 1 ? '' : 's'} of ${test.model ?? 'the model'} break the test.`,
              where: `GET /api/transform/runs/${run.id} (tests) · npm run transform -- --select ${test.model ?? test.name}`,
              details: { runId: run.id, test: test.name, model: test.model, failures: test.failures },
            });
        }
      });
      this.transformCursor = new Date(run.finishedAt);
    }
  }

  async scanAccounts(): Promise<void> {
    const open = new Set(await this.repository.openIncidentKeys('reauth_required'));
    for (const account of await this.repository.accounts()) {
      const key = incidentKeys.reauth(account.id);
      if (account.status === 'reauth_required' && !open.has(key)) {
        await this.repository.transaction((db) =>
          this.recorder.open(db, {
            type: 'reauth_required',
            key,
            accountId: account.id,
            title: `Account ${account.name} needs to reconnect`,
            message: `Spotify no longer accepts this account's token${account.statusReason ? ` (${account.statusReason})` : ''}: polling is paused until it is connected again.`,
            where: 'Reconnect through GET /api/auth/login · GET /api/auth/accounts shows the status',
          }),
        );
      } else if (account.status === 'active' && open.has(key)) {
        await this.repository.transaction((db) => this.recorder.resolve(db, key));
      }
    }
  }

  /** Logged, never thrown: one bad scan must not stop delivery. */
  async safeScan(): Promise<void> {
    try {
      await this.scan();
    } catch (error) {
      this.logger.error({ msg: 'could not derive notification events', error: error instanceof Error ? error.message : String(error) });
    }
  }
}
