import { DynamicModule, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { configureServiceApp, ServiceDescription } from '@rewind/service-kit';

/** Boots a service's module exactly as main.ts does (logger, pipes, filter, OpenAPI), without listening. */
export async function createServiceTestApp(module: DynamicModule, service: ServiceDescription): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  configureServiceApp(app, service);
  await app.init();
  return app;
}

export const TEST_INTERNAL_TOKEN = 'test-internal-token-0123456789abcdef';

/** Config values every service needs, pointed at a test database; logs silenced. */
export function baseTestEnv(databaseUrl: string) {
  return { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' as const, HOST: '127.0.0.1', INTERNAL_TOKEN: TEST_INTERNAL_TOKEN };
}
