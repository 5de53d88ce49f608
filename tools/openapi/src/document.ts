import SwaggerParser from '@apidevtools/swagger-parser';
import { OpenAPIObject } from '@nestjs/swagger';
import { mergeOpenApiDocuments, PRINT_OPENAPI_ENV } from '@rewind/service-kit';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { OPENAPI_FILE } from './files';

const SERVICES = ['auth-service', 'ingest-service', 'transform-service', 'stats-api'];

const PLACEHOLDER_ENV: Record<string, string> = {
  DATABASE_URL: 'postgres://openapi@127.0.0.1:1/openapi',
  INTERNAL_TOKEN: 'openapi-placeholder-internal-token',
  API_TOKEN: 'openapi-placeholder-api-token',
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'),
  LOG_LEVEL: 'silent',
  [PRINT_OPENAPI_ENV]: '1',
};

/** Each built service (under `distRoot`) prints its own document in Nest's preview mode: no database needed. */
async function documentOf(distRoot: string, app: string): Promise<OpenAPIObject> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(distRoot, 'apps', app, 'src', 'main.js')], {
    env: { ...process.env, ...PLACEHOLDER_ENV },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as OpenAPIObject;
}

export async function generateOpenApi(distRoot: string): Promise<OpenAPIObject> {
  const [gateway, ...services] = await Promise.all(['gateway', ...SERVICES].map((app) => documentOf(distRoot, app)));
  return mergeOpenApiDocuments(gateway, services);
}

/** Throws what a standard validator (swagger-parser: the OpenAPI schema, then every $ref) finds wrong. */
export async function validateOpenApi(doc: OpenAPIObject): Promise<void> {
  try {
    await SwaggerParser.validate(structuredClone(doc) as never);
  } catch (error) {
    throw new Error(`the OpenAPI document is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `paths`, `components` and `operations` types of the document (openapi-typescript). */
export async function generateContracts(doc: OpenAPIObject): Promise<string> {
  const body = astToString(await openapiTS(structuredClone(doc) as never));
  return `// Generated from ${OPENAPI_FILE} by \`npm run openapi\` (openapi-typescript): do not edit.\n\n${body}`;
}

export function documentText(doc: OpenAPIObject): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
