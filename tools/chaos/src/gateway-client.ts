import { openAsBlob } from 'node:fs';
import { sleep } from './stack';

export interface ApiRun {
  id: string;
  accountId: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'succeeded' | 'failed' | 'skipped';
  fetched: number;
  inserted: number;
  duplicates: number;
  error: string | null;
}

export interface ApiResult<T> {
  status: number;
  body: T;
}

/**
 * The public API through the gateway, as a user's script would call it. Requests that meet a
 * stack in the middle of a fault (connection refused, 5xx while PostgreSQL restarts) are
 * retried until `retryForMs`; the number of such retries is kept for the report.
 */
export class GatewayClient {
  retries = 0;

  constructor(
    readonly base: string,
    private readonly token: string,
  ) {}

  async request<T>(
    method: string,
    route: string,
    body?: unknown,
    options: { retryForMs?: number; expect?: number[] } = {},
  ): Promise<ApiResult<T>> {
    const deadline = Date.now() + (options.retryForMs ?? 30_000);
    const expect = options.expect ?? [200, 201, 202, 204];
    let last = '';
    for (;;) {
      try {
        const form = body instanceof FormData;
        const res = await fetch(`${this.base}${route}`, {
          method,
          headers: { authorization: `Bearer ${this.token}`, ...(body === undefined || form ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : form ? body : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        const parsed = (text ? JSON.parse(text) : undefined) as T;
        if (expect.includes(res.status)) return { status: res.status, body: parsed };
        last = `${res.status} ${text.slice(0, 300)}`;
        if (res.status < 500) throw new Error(`${method} ${route} answered ${last}`);
      } catch (error) {
        if ((error as Error).message.startsWith(`${method} ${route} answered`)) throw error;
        last = (error as Error).message;
      }
      if (Date.now() > deadline) throw new Error(`${method} ${route} kept failing: ${last}`);
      this.retries++;
      await sleep(250);
    }
  }

  /** POST /api/ingest/runs: polls every active account not being polled now; the ids of the runs it opened. */
  async poll(): Promise<string[]> {
    const r = await this.request<{ runIds: string[] }>('POST', '/api/ingest/runs', {});
    return r.body.runIds;
  }

  async runs(): Promise<ApiRun[]> {
    return (await this.request<ApiRun[]>('GET', '/api/ingest/runs?limit=100')).body;
  }

  /** Waits until every run has left `running`; after `timeoutMs`, returns them as they are. */
  async waitRuns(runIds: string[], timeoutMs: number): Promise<ApiRun[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const byId = new Map((await this.runs()).map((r) => [r.id, r]));
      const mine = runIds.map((id) => byId.get(id)).filter((r): r is ApiRun => r !== undefined);
      if ((mine.length === runIds.length && mine.every((r) => r.status !== 'running')) || Date.now() > deadline) return mine;
      await sleep(100);
    }
  }

  async upload(accountId: string, file: string, name: string): Promise<string> {
    const form = new FormData();
    form.append('files', await openAsBlob(file), name);
    const r = await this.request<{ importId: string }>('POST', `/api/ingest/imports?accountId=${accountId}`, form);
    return r.body.importId;
  }

  async waitImport(
    importId: string,
    timeoutMs: number,
  ): Promise<{ status: string; playsInserted: number; duplicates: number; error: string | null }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.request<{ status: string; playsInserted: number; duplicates: number; error: string | null }>(
        'GET',
        `/api/ingest/imports/${importId}`,
      );
      if (r.body.status === 'succeeded' || r.body.status === 'failed' || Date.now() > deadline) return r.body;
      await sleep(200);
    }
  }
}
