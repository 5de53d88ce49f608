import { commonEnv, loadEnvOrExit, port } from '@rewind/config';

export const statsEnv = {
  ...commonEnv,
  PORT: port(3004),
};

export type StatsApiConfig = ReturnType<typeof loadStatsApiConfig>;

export function loadStatsApiConfig() {
  return loadEnvOrExit('stats-api', statsEnv);
}
