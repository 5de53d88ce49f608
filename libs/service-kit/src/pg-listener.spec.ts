import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { Client, ClientConfig, Pool } from 'pg';
import { PgListener } from './pg-listener';

/** A stand-in for a pg Client: records its queries, fails to connect while `refuse` is set. */
class FakeClient extends EventEmitter {
  readonly queries: string[] = [];
  ended = false;
  constructor(
    readonly config: ClientConfig,
    private readonly refuse: () => Error | null,
  ) {
    super();
  }
  async connect(): Promise<void> {
    const error = this.refuse();
    if (error) throw error;
  }
  async query(text: string): Promise<void> {
    this.queries.push(text);
  }
  async end(): Promise<void> {
    this.ended = true;
  }
  escapeIdentifier(name: string): string {
    return `"${name}"`;
  }
}

describe('PgListener', () => {
  const pool = { options: { connectionString: 'postgres://rewind:s3cret@db/rewind', max: 10, application_name: 'svc' } } as unknown as Pool;
  let clients: FakeClient[];
  let refusal: Error | null;
  let warnings: string[];

  beforeEach(() => {
    clients = [];
    refusal = null;
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  const listener = (events: string[], extra: Partial<ConstructorParameters<typeof PgListener>[1]> = {}) =>
    new PgListener(pool, {
      applicationName: 'svc-listen',
      channels: { one: (p) => events.push(`one:${p}`), two: (p) => events.push(`two:${p}`) },
      onListening: (reconnected) => events.push(`listening:${reconnected}`),
      onLost: () => events.push('lost'),
      whileDown: 'polling continues',
      retryMinMs: 10,
      retryMaxMs: 40,
      createClient: (config) => {
        const client = new FakeClient(config, () => refusal);
        clients.push(client);
        return client as unknown as Client;
      },
      ...extra,
    });
  const until = async (what: () => boolean) => {
    for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 5));
  };

  it('holds one connection with the pool settings under its own name, LISTENing on every channel', async () => {
    const events: string[] = [];
    const l = listener(events);
    await l.start();
    expect(l.isListening).toBe(true);
    expect(clients).toHaveLength(1);
    expect(clients[0].config).toMatchObject({ connectionString: 'postgres://rewind:s3cret@db/rewind', application_name: 'svc-listen' });
    expect(clients[0].queries).toEqual(['LISTEN "one"', 'LISTEN "two"']);
    clients[0].emit('notification', { channel: 'two', payload: 'x' });
    clients[0].emit('notification', { channel: 'one' });
    clients[0].emit('notification', { channel: 'other', payload: 'ignored' });
    expect(events).toEqual(['listening:false', 'two:x', 'one:']);
    await l.stop();
    expect(clients[0].ended).toBe(true);
    expect(l.isListening).toBe(false);
  });

  it('reconnects after losing its connection and says so', async () => {
    const events: string[] = [];
    const l = listener(events);
    await l.start();
    clients[0].emit('error', new Error('terminating connection due to administrator command'));
    expect(l.isListening).toBe(false);
    expect(events).toEqual(['listening:false', 'lost']);
    expect(warnings[0]).toBe(
      'LISTEN connection lost (terminating connection due to administrator command); polling continues until it is back',
    );
    await until(() => l.isListening);
    expect(l.isListening).toBe(true);
    expect(clients).toHaveLength(2);
    expect(events).toEqual(['listening:false', 'lost', 'listening:true']);
    clients[1].emit('end');
    await until(() => clients.length === 3 && l.isListening);
    expect(events.slice(-2)).toEqual(['lost', 'listening:true']);
    await l.stop();
  });

  it('retries a refused connection with growing back-off, never logging a password', async () => {
    refusal = new Error('connect ECONNREFUSED for postgres://rewind:s3cret@db/rewind');
    const events: string[] = [];
    const l = listener(events);
    await l.start();
    expect(l.isListening).toBe(false);
    await until(() => clients.length >= 4);
    expect(warnings.slice(0, 3).map((w) => w.match(/retrying in ([\d.]+) s/)?.[1])).toEqual(['0.01', '0.02', '0.04']);
    expect(warnings.join('\n')).not.toContain('s3cret');
    expect(warnings[0]).toContain('postgres://rewind:***@db/rewind');
    refusal = null;
    await until(() => l.isListening);
    expect(events).toEqual(['listening:true']);
    await l.stop();
  });

  it('stops retrying once stopped', async () => {
    refusal = new Error('refused');
    const l = listener([]);
    await l.start();
    await l.stop();
    const attempts = clients.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(clients).toHaveLength(attempts);
    expect(l.isListening).toBe(false);
  });
});
