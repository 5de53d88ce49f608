import { OpenAPIObject } from '@nestjs/swagger';
import { mergeOpenApiDocuments, PRINT_OPENAPI_ENV } from '@rewind/service-kit';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * `npm run openapi` writes docs/openapi.json (the merged document the gateway serves) from the
 * services' decorators; `npm run openapi -- --check` fails when the committed file is stale.
 * Each built service prints its own document in Nest's preview mode: no database needed.
 */
const SERVICES = ['auth-service', 'ingest-service', 'transform-service', 'stats-api'];

const PLACEHOLDER_ENV: Record<string, string> = {
  DATABASE_URL: 'postgres://openapi@127.0.0.1:1/openapi',
  INTERNAL_TOKEN: 'openapi-placeholder-internal-token',
  API_TOKEN: 'openapi-placeholder-api-token',
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'),
  LOG_LEVEL: 'silent',
  [PRINT_OPENAPI_ENV]: '1',
};

const distRoot = path.resolve(__dirname, '../../..');

async function documentOf(app: string): Promise<OpenAPIObject> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(distRoot, 'apps', app, 'src', 'main.js')], {
    env: { ...process.env, ...PLACEHOLDER_ENV },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as OpenAPIObject;
}

export async function generateOpenApi(): Promise<OpenAPIObject> {
  const [gateway, ...services] = await Promise.all(['gateway', ...SERVICES].map(documentOf));
  return mergeOpenApiDocuments(gateway, services);
}

async function main(): Promise<void> {
  const file = path.resolve('docs/openapi.json');
  const text = `${JSON.stringify(await generateOpenApi(), null, 2)}\n`;
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      // reported below
    }
    if (committed !== text) {
      console.error('docs/openapi.json is out of date: run `npm run openapi` and commit the result.');
      process.exit(1);
    }
    console.log('docs/openapi.json is current.');
    return;
  }
  writeFileSync(file, text);
  console.log(`Wrote docs/openapi.json (${Object.keys(JSON.parse(text).paths).length} paths).`);
}

main().catch((error) => {
  console.error(`openapi failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
