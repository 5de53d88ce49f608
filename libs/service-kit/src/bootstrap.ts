import { DynamicModule, INestApplication, Type, ValidationPipe } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { loadEnvOrExit, serverEnv } from '@rewind/config';
import { AccessGuard } from './access.guard';
import { ApiErrorFilter } from './api-error.filter';
import { gatewayOnly, GatewayOnlyOptions } from './gateway-only';
import { jsonBodyParser } from './request-hygiene';
import { applyServerLimits, serverLimitsOf } from './server-limits';

export interface ServiceDescription {
  /** e.g. "stats-api" */
  name: string;
  title: string;
  description: string;
  /** Prefix the gateway mounts this service's public routes under, e.g. "/api/stats". */
  publicPrefix?: string;
}

/**
 * What every Rewind service shares: only the gateway gets in (gatewayOnly), logging, security
 * headers, one bounded JSON body parser, who may use which route (AccessGuard), validation, error
 * shape, OpenAPI.
 */
export function configureServiceApp(app: INestApplication, service: ServiceDescription, access: GatewayOnlyOptions): OpenAPIObject {
  app.useLogger(app.get(Logger));
  app.use(gatewayOnly(access));
  app.use(helmet());
  app.use(jsonBodyParser());
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }));
  app.useGlobalGuards(new AccessGuard(app.get(Reflector)));
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
  config: { HOST: string; PORT: number; INTERNAL_TOKEN: string },
): Promise<INestApplication | null> {
  if (process.env[PRINT_OPENAPI_ENV]) {
    await printOpenApiDocument(module, service);
    return null;
  }
  // Bodies are parsed by jsonBodyParser (bounded), not by Nest's default parsers.
  const app = await NestFactory.create(module, { bufferLogs: true, bodyParser: false });
  const server = loadEnvOrExit(service.name, serverEnv);
  configureServiceApp(app, service, { internalToken: config.INTERNAL_TOKEN, allowedHosts: server.ALLOWED_HOSTS });
  applyServerLimits(app.getHttpServer(), serverLimitsOf(server));
  await app.listen(config.PORT, config.HOST);
  stopWithSupervisor(app);
  app.get(Logger).log(`${service.name} listening on http://${config.HOST}:${config.PORT}`);
  return app;
}
