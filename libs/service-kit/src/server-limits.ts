import type { ServerEnv } from '@rewind/config';
import type { Server } from 'node:http';

export interface ServerLimits {
  /** A client must have sent its request headers within this time (idle new connections are closed by it). */
  headersTimeoutMs: number;
  /** A whole request (a big upload included) must have arrived within this time. */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this time. */
  keepAliveTimeoutMs: number;
  /** A connection with no traffic at all in either direction is closed after this time. */
  idleTimeoutMs: number;
  /** Connections beyond this many are refused at once. */
  maxConnections: number;
}

/** Applies the limits every Rewind server has (gateway and services), so idle or slow clients cannot hold sockets forever. */
export function applyServerLimits(server: Server, limits: ServerLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.setTimeout(limits.idleTimeoutMs, (socket) => socket.destroy());
  server.maxConnections = limits.maxConnections;
}

export function serverLimitsOf(config: ServerEnv): ServerLimits {
  return {
    headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    idleTimeoutMs: config.HTTP_IDLE_TIMEOUT_MS,
    maxConnections: config.HTTP_MAX_CONNECTIONS,
  };
}
