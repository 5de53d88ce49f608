import { Logger } from '@nestjs/common';
import { Client, ClientConfig, Pool } from 'pg';

export interface PgListenerOptions {
  /** Names the held connection in pg_stat_activity apart from the pool's, e.g. `stats-api-listen`. */
  applicationName: string;
  /** One callback per channel, given each notification's payload ('' when it has none). */
  channels: Record<string, (payload: string) => void>;
  /**
   * Called each time LISTEN is in place; `reconnected` after a lost or refused connection:
   * whatever was notified meanwhile was not heard.
   */
  onListening?: (reconnected: boolean) => void;
  /** Called when an established LISTEN connection is lost (not on stop()). */
  onLost?: () => void;
  /** What the service does while nobody listens, for the log lines (e.g. "polling continues"). */
  whileDown: string;
  /** Log context (default PgListener). */
  context?: string;
  retryMinMs?: number;
  retryMaxMs?: number;
  /** The connection to hold; by default a pg Client with the pool's settings (tests replace it). */
  createClient?: (config: ClientConfig) => Client;
}

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/** An error's message with any `postgres://user:password@` in it masked. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
}

/**
 * LISTEN on one held connection, outside the process's pool (a LISTEN needs a connection of its
 * own for as long as it lasts): opened with the pool's settings, re-opened with back-off (1 s
 * doubling to 30 s) whenever it is lost or refused, until stop(). Notifications go to the
 * callback of their channel.
 */
export class PgListener {
  private readonly logger: Logger;
  private client: Client | null = null;
  private retryMs: number;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private failed = false;

  constructor(
    private readonly pool: Pool,
    private readonly options: PgListenerOptions,
  ) {
    this.logger = new Logger(options.context ?? PgListener.name);
    this.retryMs = options.retryMinMs ?? RETRY_MIN_MS;
  }

  /** True while LISTEN is in place on every channel. */
  get isListening(): boolean {
    return this.client !== null;
  }

  /** Makes the first attempt; a failed one is logged and retried in the background. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /**
   * Resolves once every notification committed before the call has been delivered: PostgreSQL
   * sends a listener its pending notifications before the answer to its next query.
   */
  async sync(): Promise<void> {
    await this.client?.query('select 1').catch(() => undefined);
  }

  private get channelList(): string {
    return Object.keys(this.options.channels).join(', ');
  }

  private async listen(): Promise<void> {
    this.retryTimer = null;
    const create = this.options.createClient ?? ((config: ClientConfig) => new Client(config));
    const client = create({ ...this.pool.options, application_name: this.options.applicationName, connectionTimeoutMillis: 5_000 });
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = null;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.options.onLost?.();
      this.logger.warn(`LISTEN connection lost (${reason}); ${this.options.whileDown} until it is back`);
      this.failed = true;
      this.retry();
    };
    client.on('error', (e) => lost(describe(e)));
    client.on('end', () => lost('closed by the server'));
    client.on('notification', (n) => this.options.channels[n.channel]?.(n.payload ?? ''));
    try {
      await client.connect();
      for (const channel of Object.keys(this.options.channels)) await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    } catch (e) {
      await client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn(
        `cannot LISTEN on ${this.channelList} (${describe(e)}); retrying in ${this.retryMs / 1000} s, ${this.options.whileDown} meanwhile`,
      );
      this.failed = true;
      this.retry();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    const reconnected = this.failed;
    if (reconnected) this.logger.log(`LISTEN on ${this.channelList} re-established`);
    this.failed = false;
    this.retryMs = this.options.retryMinMs ?? RETRY_MIN_MS;
    this.options.onListening?.(reconnected);
  }

  private retry(): void {
    this.retryTimer = setTimeout(() => void this.listen(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, this.options.retryMaxMs ?? RETRY_MAX_MS);
  }
}
