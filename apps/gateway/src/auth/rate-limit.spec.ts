import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { ApiRateLimit } from './rate-limit';

function from(address: string): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, 'remoteAddress', { value: address });
  return new IncomingMessage(socket);
}

describe('ApiRateLimit', () => {
  let now: number;
  const limit = () => new ApiRateLimit(2, 60_000, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('refuses the request over the limit with Retry-After, until the client window starts over', () => {
    const limiter = limit();
    const client = from('192.0.2.1');
    expect(limiter.take(client).headers).toEqual(['RateLimit-Policy', '2;w=60', 'RateLimit', 'limit=2, remaining=1, reset=60']);
    expect(limiter.take(client).refusal).toBeNull();
    now += 15_000;
    const third = limiter.take(client);
    expect(third.headers[3]).toBe('limit=2, remaining=0, reset=45');
    expect(third.refusal).toEqual({
      body: { statusCode: 429, error: 'Too Many Requests', message: 'Rate limit of 2 requests per minute exceeded; retry in 45 s' },
      headers: ['Retry-After', '45'],
    });
    now += 45_000;
    expect(limiter.take(client).refusal).toBeNull();
  });

  it('gives each address its own budget, and an IPv6 /56 one budget', () => {
    const limiter = limit();
    for (const address of ['192.0.2.1', '192.0.2.1', '192.0.2.2', '2001:db8:0:1::1'])
      expect(limiter.take(from(address)).refusal).toBeNull();
    expect(limiter.take(from('2001:db8:0:1::2')).refusal).toBeNull();
    expect(limiter.take(from('2001:db8:0:2::3')).refusal).not.toBeNull();
    expect(limiter.take(from('2001:db8:1::1')).refusal).toBeNull();
  });

  it('forgets clients whose window has ended', () => {
    const limiter = limit();
    for (let i = 0; i < 100; i++) limiter.take(from(`198.51.100.${i}`));
    now += 60_000;
    limiter.take(from('192.0.2.1'));
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBe(1);
  });
});
