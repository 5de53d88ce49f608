import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceiverMode = 'ok' | 'fail500' | 'hang';

/** A real local webhook for tests: records every JSON body; answers 200, 500, or never (held until released). */
export interface WebhookReceiver {
  url: string;
  mode: ReceiverMode;
  /** Every body received, in order (also the ones answered 500 or held). */
  received: unknown[];
  /** Requests held open in mode 'hang'. */
  held: ServerResponse[];
  /** Resolves once `n` bodies have been received in total. */
  waitForRequests(n: number): Promise<void>;
  /** Answers every held request with 200. */
  release(): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const waiters: { n: number; resolve: () => void }[] = [];
  const receiver: Partial<WebhookReceiver> & { received: unknown[]; held: ServerResponse[]; mode: ReceiverMode } = {
    received: [],
    held: [],
    mode: 'ok',
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* kept as text */
      }
      receiver.received.push(body);
      for (const w of waiters.filter((x) => receiver.received.length >= x.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      if (receiver.mode === 'hang') receiver.held.push(res);
      else if (receiver.mode === 'fail500') res.writeHead(500, { 'content-type': 'text/plain' }).end('upstream exploded (test)');
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${port}/services/T000/B000/secret-path`;
  receiver.waitForRequests = (n: number) =>
    receiver.received.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }));
  receiver.release = () => {
    for (const res of receiver.held.splice(0)) if (!res.writableEnded && !res.destroyed) res.writeHead(200).end('ok');
  };
  receiver.close = async () => {
    receiver.release!();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver as WebhookReceiver;
}
