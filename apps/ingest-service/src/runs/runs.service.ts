import { NotFoundException } from '@nestjs/common';
import { PollingRepository } from '../polling/polling.repository';
import { PollingService } from '../polling/polling.service';
import type { RunCreatedDto, RunDto } from './dto/run.dto';
import { RunsRepository } from './runs.repository';

/** The runs routes: start polls on demand, read the ledger. */
export class RunsService {
  constructor(
    private readonly runs: RunsRepository,
    private readonly polling: PollingService,
    private readonly pollingRepository: PollingRepository,
  ) {}

  async start(accountId: string | undefined): Promise<RunCreatedDto> {
    if (accountId) {
      const status = await this.pollingRepository.accountStatus(accountId);
      if (status === null) throw new NotFoundException(`No account with accountId ${accountId}`);
      const { runId } = await this.polling.requestAccount(accountId, status);
      return { runId, runIds: [runId] };
    }
    const tick = await this.polling.tick('manual', null);
    const runIds = tick.runs.map((r) => r.runId);
    return { runId: runIds[0] ?? null, runIds };
  }

  list(accountId: string | undefined, limit: number): Promise<RunDto[]> {
    return this.runs.list({ accountId, limit });
  }
}
