import { commonEnv, loadEnvOrExit, port } from '@rewind/config';

export const authEnv = {
  ...commonEnv,
  PORT: port(3001),
};

export type AuthServiceConfig = ReturnType<typeof loadAuthServiceConfig>;

export function loadAuthServiceConfig() {
  return loadEnvOrExit('auth-service', authEnv);
}
