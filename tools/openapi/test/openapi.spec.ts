import type { OpenAPIObject } from '@nestjs/swagger';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { CONTRACTS_FILE, OPENAPI_FILE } from '../src/files';

// The OpenAPI document is a contract clients compile against: it must pass a standard validator,
// type every body, and the client types generated from it (libs/contracts) must compile. The
// validator and the generator run as `npm run openapi` runs them: the built tool on this Node.
const root = path.resolve(__dirname, '../../..');
const tool = path.join(root, 'dist/tools/openapi/src/main.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'rewind-openapi-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the built tool; resolves to its stdout, rejects with its stderr in the message. */
async function openapiTool(...args: string[]): Promise<string> {
  try {
    return (await promisify(execFile)(process.execPath, [tool, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    throw new Error(String((error as { stderr?: string }).stderr ?? error));
  }
}

function fileOf(doc: OpenAPIObject, name: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}
const committed = JSON.parse(readFileSync(path.join(root, OPENAPI_FILE), 'utf8')) as OpenAPIObject;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const operations = Object.entries(committed.paths).flatMap(([p, item]) =>
  METHODS.filter((m) => item[m]).map((m) => ({ id: `${m.toUpperCase()} ${p}`, path: p, op: item[m]! })),
);

/** Type-checks libs/contracts with `generated` in place of openapi.d.ts; returns the compiler's errors. */
function compileContracts(generated: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'libs/contracts/tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const generatedPath = path.join(root, CONTRACTS_FILE);
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile;
  host.readFile = (file) => (path.resolve(file) === generatedPath ? generated : readFile(file));
  const program = ts.createProgram(config.fileNames, config.options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('docs/openapi.json', () => {
  it('passes swagger-parser, which refuses a document with a stray key', async () => {
    await expect(openapiTool('--validate', OPENAPI_FILE)).resolves.toContain('is valid');
    const broken = structuredClone(committed);
    const answer = broken.paths['/api/auth/accounts'].get!.responses['200'] as unknown as Record<string, unknown>;
    answer.schema = { type: 'array' };
    await expect(openapiTool('--validate', fileOf(broken, 'broken.json'))).rejects.toThrow(/the OpenAPI document is invalid/);
  }, 60_000);

  it('is what the services declare (built, merged and validated like `npm run openapi -- --check`)', async () => {
    await expect(openapiTool('--check')).resolves.toContain('is valid and current');
  }, 120_000);

  it('types every JSON body: each error answer with the ApiError schema', () => {
    const untyped: string[] = [];
    for (const { id, op } of operations) {
      for (const [status, answer] of Object.entries(op.responses) as Array<[string, { content?: Record<string, { schema?: object }> }]>) {
        const json = answer.content?.['application/json'];
        if (json && !json.schema) untyped.push(`${id} ${status}`);
        const schema = json?.schema as { $ref?: string; type?: string } | undefined;
        if (json && !schema?.$ref && !schema?.type) untyped.push(`${id} ${status}`);
        if (/^[45]/.test(status) && !schema) untyped.push(`${id} ${status} has no JSON body`);
      }
      const body = (op.requestBody as { content?: Record<string, { schema?: { $ref?: string; type?: string } }> } | undefined)?.content;
      if (body?.['application/json'] && !body['application/json'].schema?.$ref) untyped.push(`${id} request body`);
    }
    expect(untyped).toEqual([]);
    expect(committed.components?.schemas?.ApiError).toMatchObject({ required: ['statusCode', 'error', 'message'] });
  });

  it("documents the gateway's own answers: 401 where a token is needed, 429 everywhere, 502/504 when forwarded", () => {
    for (const { id, path: p, op } of operations) {
      const codes = Object.keys(op.responses);
      expect({ id, has429: codes.includes('429') }).toEqual({ id, has429: true });
      if (op.security?.length) expect({ id, has401: codes.includes('401') }).toEqual({ id, has401: true });
      if (p !== '/api/health') expect({ id, forwarded: codes.includes('502') && codes.includes('504') }).toEqual({ id, forwarded: true });
    }
  });

  it('types limit and year as integers and marks optional parameters optional', () => {
    const params = operations.flatMap(({ id, op }) =>
      (op.parameters ?? []).map((p) => ({ id, ...(p as { name: string; required?: boolean; schema?: { type?: string } }) })),
    );
    const numeric = params.filter((p) => p.name === 'limit' || p.name === 'year');
    expect(numeric.length).toBeGreaterThanOrEqual(12);
    for (const p of numeric) expect({ id: p.id, name: p.name, type: p.schema?.type }).toEqual({ id: p.id, name: p.name, type: 'integer' });
    expect(params.find((p) => p.name === 'error_description')).toMatchObject({ required: false });
  });

  it('has one name per component across services (ingest and transform each have their own run request)', () => {
    const schemas = Object.keys(committed.components?.schemas ?? {});
    expect(schemas).toEqual(expect.arrayContaining(['CreateIngestRunDto', 'CreateTransformRunDto']));
    expect(schemas).not.toContain('CreateRunDto');
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('libs/contracts (@rewind/contracts)', () => {
  it('holds the client types openapi-typescript generates from the committed document, and they compile', async () => {
    const generated = await openapiTool('--types', OPENAPI_FILE);
    expect(readFileSync(path.join(root, CONTRACTS_FILE), 'utf8')).toBe(generated);
    expect(compileContracts(generated)).toEqual([]);
  }, 60_000);

  it('fails to compile when the document loses a type a client uses', async () => {
    const withoutWrapped = structuredClone(committed);
    delete withoutWrapped.components!.schemas!.WrappedDto;
    withoutWrapped.paths['/api/stats/wrapped'].get!.responses['200'] = { description: 'gone' };
    const generated = await openapiTool('--types', fileOf(withoutWrapped, 'no-wrapped.json'));
    expect(compileContracts(generated)).toEqual([expect.stringMatching(/WrappedDto/)]);
  }, 60_000);
});
