import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { loadEnvOrExit, serverEnv } from '@rewind/config';
import { applyServerLimits, printOpenApiDocument, PRINT_OPENAPI_ENV, serverLimitsOf, stopWithSupervisor } from '@rewind/service-kit';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './config/gateway.config';
import { configureGateway } from './gateway-app';
import { SERVICE } from './service';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  if (process.env[PRINT_OPENAPI_ENV]) return printOpenApiDocument(AppModule.forRoot(config), SERVICE);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false, bufferLogs: true });
  configureGateway(app, config);
  applyServerLimits(app.getHttpServer(), serverLimitsOf(loadEnvOrExit('gateway', serverEnv)));
  await app.listen(config.PORT, config.HOST);
  stopWithSupervisor(app);
  app.get(Logger).log(`gateway listening on http://${config.HOST}:${config.PORT}`);
}

main().catch((error) => {
  process.stderr.write(`gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
