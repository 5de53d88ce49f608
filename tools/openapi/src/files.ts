/** The merged document the gateway serves, and the TypeScript client types generated from it. */
export const OPENAPI_FILE = 'docs/openapi.json';
export const CONTRACTS_FILE = 'libs/contracts/src/openapi.d.ts';
