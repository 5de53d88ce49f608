import { DynamicModule, INestApplication, Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ApiErrorFilter } from './api-error.filter';

export interface ServiceDescription {
  /** e.g. "stats-api" */
  name: string;
  title: string;
  description: string;
  /** Prefix the gateway mounts this service's public routes under, e.g. "/api/stats". */
  publicPrefix?: string;
}

/** What every Rewind service shares: logging, security headers, validation, error shape, OpenAPI. */
export function configureServiceApp(app: INestApplication, service: ServiceDescription): OpenAPIObject {
  app.useLogger(app.get(Logger));
  app.use(helmet());
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }));
  app.useGlobalFilters(new ApiErrorFilter());
  app.enableShutdownHooks();
  const document = buildOpenApiDocument(app, service);
  app.getHttpAdapter().get('/openapi.json', (_req: unknown, res: { json(body: unknown): void }) => res.json(document));
  return document;
}

export function buildOpenApiDocument(app: INestApplication, service: ServiceDescription): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(service.title)
    .setDescription(service.description)
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API_TOKEN' }, 'api-token')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Set by `npm run openapi`: print the service's OpenAPI document instead of serving. */
export const PRINT_OPENAPI_ENV = 'REWIND_PRINT_OPENAPI';

/** Builds the document in Nest's preview mode (nothing instantiated, no database) and prints it. */
export async function printOpenApiDocument(
  module: Type<unknown> | DynamicModule,
  service: ServiceDescription,
  base = buildOpenApiDocument,
): Promise<void> {
  const app = await NestFactory.create(module, { preview: true, logger: false });
  process.stdout.write(JSON.stringify(base(app, service)));
  await app.close();
}

/**
 * Under `npm start` a service's stdin is a pipe from the supervisor: when the supervisor dies
 * (even by SIGKILL) the pipe closes and the service shuts down instead of lingering.
 */
export function stopWithSupervisor(app: INestApplication): void {
  if (!process.env.REWIND_SUPERVISED) return;
  process.stdin.on('end', () => void app.close().finally(() => process.exit(0)));
  process.stdin.resume();
}

/** Creates, configures and starts a service; used by every app's main.ts. */
export async function startService(
  module: Type<unknown> | DynamicModule,
  service: ServiceDescription,
  listen: { host: string; port: number },
): Promise<INestApplication | null> {
  if (process.env[PRINT_OPENAPI_ENV]) {
    await printOpenApiDocument(module, service);
    return null;
  }
  const app = await NestFactory.create(module, { bufferLogs: true });
  configureServiceApp(app, service);
  await app.listen(listen.port, listen.host);
  stopWithSupervisor(app);
  app.get(Logger).log(`${service.name} listening on http://${listen.host}:${listen.port}`);
  return app;
}
