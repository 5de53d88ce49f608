import 'reflect-metadata';
import { startService } from '@rewind/service-kit';
import { AppModule } from './app.module';
import { loadIngestServiceConfig } from './config/ingest.config';
import { SERVICE } from './service';

async function main(): Promise<void> {
  const config = loadIngestServiceConfig();
  await startService(AppModule.forRoot(config), SERVICE, config);
}

main().catch((error) => {
  process.stderr.write(`ingest-service failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
