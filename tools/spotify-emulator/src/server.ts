import type { IncomingMessage, ServerResponse } from 'node:http';
import { AccountsService } from './accounts-service';
import type { AdminApi } from './admin';
import { apiError, send } from './http-replies';
import type { ServerConfig } from './server-config';
import { TransportFaults } from './transport-faults';
import { WebApi } from './web-api';
import type { World } from './world';

/**
 * The HTTP surface of the emulator: accounts service (accounts-service.ts), Web API under /v1
 * (web-api.ts), admin API under /admin (admin.ts); transport faults in transport-faults.ts.
 * Built on node:http directly (no framework) so it starts in milliseconds.
 */
export class EmulatorServer {
  baseUrl = '';
  private readonly faults: TransportFaults;
  private readonly accounts: AccountsService;
  private readonly webApi: WebApi;

  constructor(
    readonly world: World,
    readonly config: ServerConfig,
    private readonly admin: AdminApi,
  ) {
    this.faults = new TransportFaults(world);
    this.accounts = new AccountsService(world, config, this.faults);
    this.webApi = new WebApi(world, this.faults, this);
  }

  /** responses deliberately left hanging (timeout faults); destroyed on close */
  get hanging(): Set<ServerResponse> {
    return this.faults.hanging;
  }

  get apiUrl(): string {
    return `${this.baseUrl}/v1`;
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    this.route(req, res, url).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        const message = error instanceof Error ? error.message : String(error);
        if (url.pathname.startsWith('/admin')) send(res, 400, { error: { status: 400, message } });
        else apiError(res, 500, 'Server error.');
      }
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const p = url.pathname;
    if (p.startsWith('/admin/') || p === '/admin') {
      if (!this.config.adminEnabled) return apiError(res, 404, 'Service not found');
      return this.admin.handleHttp(req, res, url);
    }
    if (p === '/authorize') {
      if (req.method === 'GET') return this.accounts.authorize(req, res, url);
      if (req.method === 'POST') return this.accounts.authorizeDecision(req, res);
      return apiError(res, 405, 'Method not allowed');
    }
    if (p === '/api/token') {
      if (req.method !== 'POST') return apiError(res, 405, 'Method not allowed');
      return this.accounts.token(req, res);
    }
    if (p === '/health') return send(res, 200, { status: 'ok' });
    if (p.startsWith('/v1/')) return this.webApi.handle(req, res, url);
    return apiError(res, 404, 'Service not found');
  }
}
