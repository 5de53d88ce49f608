import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BackendService } from '@rewind/config';
import { DataSource } from 'typeorm';

export const SERVICE_URLS = Symbol('SERVICE_URLS');

export type ComponentStatus = 'ok' | 'degraded' | 'down';

export interface ServiceHealth {
  status: ComponentStatus;
  /** Why a service is degraded or down, when it says. */
  reason?: string;
}

export interface SystemHealth {
  status: ComponentStatus;
  services: Record<BackendService, ServiceHealth>;
  database: { status: 'ok' | 'down' };
}

interface ReadinessBody {
  status?: string;
  details?: Record<string, { status?: string; degraded?: boolean; reason?: string; message?: string }>;
}

const TIMEOUT_MS = 2000;

/** Reads one service's /health/ready: a detail flagged `degraded` makes the service degraded. */
export function interpretReadiness(httpStatus: number, body: ReadinessBody | null): ServiceHealth {
  const details = Object.entries(body?.details ?? {});
  const down = details.filter(([, d]) => d.status === 'down');
  if (httpStatus !== 200 || body?.status !== 'ok') {
    const reason = down.map(([k, d]) => `${k}: ${d.message ?? 'down'}`).join('; ');
    return reason ? { status: 'down', reason } : { status: 'down' };
  }
  const degraded = details.filter(([, d]) => d.degraded);
  if (degraded.length) return { status: 'degraded', reason: degraded.map(([k, d]) => `${k}: ${d.reason ?? 'degraded'}`).join('; ') };
  return { status: 'ok' };
}

export function overallStatus(services: ServiceHealth[], database: 'ok' | 'down'): ComponentStatus {
  if (database === 'down' || services.every((s) => s.status === 'down')) return 'down';
  return services.every((s) => s.status === 'ok') ? 'ok' : 'degraded';
}

@Injectable()
export class SystemHealthService {
  constructor(
    @Inject(SERVICE_URLS) private readonly urls: Record<BackendService, string>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async check(): Promise<SystemHealth> {
    const entries = Object.entries(this.urls) as [BackendService, string][];
    const [results, database] = await Promise.all([Promise.all(entries.map(([, url]) => this.probe(url))), this.pingDatabase()]);
    const services = Object.fromEntries(entries.map(([name], i) => [name, results[i]])) as Record<BackendService, ServiceHealth>;
    return { status: overallStatus(results, database), services, database: { status: database } };
  }

  private async probe(baseUrl: string): Promise<ServiceHealth> {
    try {
      const res = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      const body = (await res.json().catch(() => null)) as ReadinessBody | null;
      return interpretReadiness(res.status, body);
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      return { status: 'down', reason: timedOut ? `no answer within ${TIMEOUT_MS} ms` : 'not reachable' };
    }
  }

  private async pingDatabase(): Promise<'ok' | 'down'> {
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS).unref()),
      ]);
      return 'ok';
    } catch {
      return 'down';
    }
  }
}
