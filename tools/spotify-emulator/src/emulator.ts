import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AdminApi } from './admin';
import type { CatalogOptions } from './catalog';
import { redirectUriProblem } from './redirect-uri';
import { EmulatorServer } from './server';
import type { ServerConfig } from './server-config';
import { World } from './world';
import type { ListenerSpec } from './world-types';

export interface EmulatorOptions {
  /** 0 (default) = a random free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** everything synthetic derives from it (default 42) */
  seed?: string | number;
  /** development-mode app: 5-user allow-list, batch endpoints answer 403, trimmed objects (default true) */
  devMode?: boolean;
  clientId?: string;
  clientSecret?: string;
  /** registered redirect URIs; each must be https or http on a loopback IP literal (localhost is refused) */
  redirectUris?: string[];
  /** /authorize redirects straight back with a code for the logged-in emulated user (default false) */
  autoApprove?: boolean;
  /** refresh-token behaviour: "keep" (default; Spotify since mid-2026: refresh responses carry no new refresh token) or "rotate" */
  refreshMode?: 'rotate' | 'keep';
  /** initial simulated time (default 2026-11-20T12:00:00Z) */
  now?: Date | string | number;
  /** the simulated clock also follows the wall clock (demo mode; default false) */
  realTime?: boolean;
  /** listeners created at start */
  listeners?: ListenerSpec[];
  /** create a demo listener ("demo-listener") with this many days of history (e.g. 730) */
  demoListener?: boolean | { id?: string; historyDays?: number };
  catalog?: CatalogOptions;
  /** expose /admin/** over HTTP (default true) */
  admin?: boolean;
}

export interface RunningEmulator {
  /** http://host:port */
  url: string;
  /** base of /authorize and /api/token (= url) */
  accountsUrl: string;
  /** base of the Web API (= `${url}/v1`) */
  apiUrl: string;
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  world: World;
  admin: AdminApi;
  /** id of the demo listener when one was requested */
  demoListenerId?: string;
  close(): Promise<void>;
}

export const DEFAULT_CLIENT_ID = 'emulator-client-id';
export const DEFAULT_CLIENT_SECRET = 'emulator-client-secret';
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1:3000/api/auth/callback';

/** Start the emulator over HTTP. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const redirectUris = options.redirectUris ?? [DEFAULT_REDIRECT_URI];
  for (const uri of redirectUris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw new Error(`redirect URI ${uri} refused: ${problem}`);
  }
  const world = new World({
    seed: options.seed,
    now: options.now,
    realTime: options.realTime,
    devMode: options.devMode ?? true,
    catalog: options.catalog,
  });
  const config: ServerConfig = {
    clientId: options.clientId ?? DEFAULT_CLIENT_ID,
    clientSecret: options.clientSecret ?? DEFAULT_CLIENT_SECRET,
    redirectUris,
    autoApprove: options.autoApprove ?? false,
    refreshMode: options.refreshMode ?? 'keep',
    adminEnabled: options.admin ?? true,
  };
  const admin = new AdminApi(world, config);
  let demoListenerId: string | undefined;
  if (options.demoListener) {
    const d = typeof options.demoListener === 'object' ? options.demoListener : {};
    demoListenerId = admin.addListener({
      id: d.id ?? 'demo-listener',
      displayName: 'Demo Listener (synthetic data)',
      historyDays: d.historyDays ?? 730,
    }).id;
  }
  for (const spec of options.listeners ?? []) admin.addListener(spec);

  const emu = new EmulatorServer(world, config, admin);
  const server: Server = createServer({ keepAlive: true }, emu.handle);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  emu.baseUrl = url;
  return {
    url,
    accountsUrl: url,
    apiUrl: `${url}/v1`,
    port: address.port,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUris,
    world,
    admin,
    demoListenerId,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of emu.hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
