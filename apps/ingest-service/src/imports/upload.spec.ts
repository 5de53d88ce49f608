import express from 'express';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImportInputError } from './parsing/import-error';
import { receiveUpload } from './upload';

/** Sends `body` as a multipart request; with a larger `contentLength` the client goes away before the rest. */
function send(port: number, body: string, contentLength = Buffer.byteLength(body)): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(
      `POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=XX\r\n` +
        `Content-Length: ${contentLength}\r\nConnection: close\r\n\r\n${body}`,
    );
    if (contentLength > Buffer.byteLength(body)) setTimeout(() => socket.destroy(), 100);
  });
}

describe('receiveUpload', () => {
  let root: string;
  let server: Server;
  let port: number;
  const outcomes: (Error | number)[] = [];

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'rewind-upload-'));
    let n = 0;
    const app = express();
    app.post('/upload', (req, res) => {
      const dir = path.join(root, 'imports', String(n++));
      receiveUpload(req, dir, 1024 * 1024).then(
        (files) => {
          outcomes.push(files.length);
          res.json({ files: files.length });
        },
        (error: Error) => {
          outcomes.push(error);
          res.status(error instanceof ImportInputError ? error.status : 500).json({ message: error.message });
        },
      );
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  const part = (content: string) => `--XX\r\nContent-Disposition: form-data; name="files"; filename="a.json"\r\n\r\n${content}`;

  it('refuses a body that ends inside a file part with a 400, removes the partial upload, and never rejects unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      for (let i = 0; i < 4; i++) {
        const answer = await send(port, part('[]'));
        expect(answer).toMatch(/^HTTP\/1\.1 400/);
        expect(answer).toMatch(/truncated multipart body/);
      }
      // a client that announced more than it sent and went away
      await send(port, part('[{"ts":'), 10_000);
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(outcomes.slice(0, 5).every((o) => o instanceof ImportInputError)).toBe(true);
    expect(readdirSync(path.join(root, 'imports'))).toEqual([]);
  });

  it('stores a complete upload in a 0700 directory with 0600 files', async () => {
    const answer = await send(port, `${part('[]')}\r\n--XX--\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    const [dir] = readdirSync(path.join(root, 'imports'));
    const full = path.join(root, 'imports', dir);
    expect(statSync(full).mode & 0o777).toBe(0o700);
    const [file] = readdirSync(full);
    expect(statSync(path.join(full, file)).mode & 0o777).toBe(0o600);
    expect(existsSync(path.join(full, file))).toBe(true);
  });
});
