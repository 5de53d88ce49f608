import { commonEnv, loadEnvOrExit, port } from '@rewind/config';

export const transformEnv = {
  ...commonEnv,
  PORT: port(3003),
};

export type TransformServiceConfig = ReturnType<typeof loadTransformServiceConfig>;

export function loadTransformServiceConfig() {
  return loadEnvOrExit('transform-service', transformEnv);
}
