import { commonEnv, loadEnvOrExit, port } from '@rewind/config';

export const ingestEnv = {
  ...commonEnv,
  PORT: port(3002),
};

export type IngestServiceConfig = ReturnType<typeof loadIngestServiceConfig>;

export function loadIngestServiceConfig() {
  return loadEnvOrExit('ingest-service', ingestEnv);
}
