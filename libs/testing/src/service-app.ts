import { DynamicModule, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureServiceApp, INTERNAL_TOKEN_HEADER, ServiceDescription } from '@rewind/service-kit';
import type { IncomingMessage } from 'node:http';

export const TEST_INTERNAL_TOKEN = 'test-internal-token-0123456789abcdef';

/**
 * Boots a service's module exactly as main.ts does (gateway-only guard, logger, body parser,
 * pipes, filter, OpenAPI), without listening. Tests call it the way the gateway does: a request
 * without an x-internal-token header gets TEST_INTERNAL_TOKEN, unless `asGateway` is false.
 */
export async function createServiceTestApp(
  module: DynamicModule,
  service: ServiceDescription,
  { asGateway = true }: { asGateway?: boolean } = {},
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true, bodyParser: false });
  if (asGateway)
    app.getHttpServer().prependListener('request', (req: IncomingMessage) => {
      req.headers[INTERNAL_TOKEN_HEADER] ??= TEST_INTERNAL_TOKEN;
    });
  configureServiceApp(app, service, { internalToken: TEST_INTERNAL_TOKEN });
  await app.init();
  return app;
}

/** Config values every service needs, pointed at a test database; logs silenced. */
export function baseTestEnv(databaseUrl: string) {
  return { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' as const, HOST: '127.0.0.1', INTERNAL_TOKEN: TEST_INTERNAL_TOKEN };
}
