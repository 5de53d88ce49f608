import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// There is no Docker engine on the build machines, so docker-compose.yml is checked against the
// Compose Specification's JSON schema (as shipped by dclint) and against what the repo builds.
const root = path.resolve(__dirname, '../../..');
const schema = JSON.parse(readFileSync(path.join(root, 'node_modules/dclint/schemas/compose.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, validateSchema: false }).compile(schema);

type Service = {
  command?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  environment?: Record<string, string>;
  image?: string;
  build?: unknown;
};
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    const ok = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check catches a broken file', () => {
    expect(validate({ services: { web: { ports: 'not-a-list', healthcheck: { interval: 5 } } } })).toBe(false);
  });

  it('has postgres, the five services and metabase, each with a healthcheck', () => {
    const names = ['postgres', 'auth-service', 'ingest-service', 'transform-service', 'stats-api', 'gateway', 'metabase'];
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(names));
    for (const name of names) expect(compose.services[name].healthcheck?.test?.length).toBeGreaterThan(0);
  });

  it('runs every Rewind service from the same build, with entry points that exist', () => {
    const built = Object.entries(compose.services).filter(([, s]) => s.build);
    expect(built.map(([n]) => n).sort()).toEqual([
      'auth-service',
      'gateway',
      'ingest-service',
      'metabase-role',
      'migrate',
      'stats-api',
      'transform-service',
    ]);
    for (const [, service] of built) {
      expect(service.image).toBe('rewind:local');
      const entry = service.command![1];
      const source = path.join(root, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
      expect(existsSync(source)).toBe(true);
    }
  });

  it('only depends on services it defines, and publishes ports on loopback (Metabase on 3100)', () => {
    for (const service of Object.values(compose.services)) {
      for (const dep of Object.keys(service.depends_on ?? {})) expect(compose.services).toHaveProperty([dep]);
      for (const port of service.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
    }
    expect(compose.services.metabase.ports).toEqual(['127.0.0.1:3100:3000']);
    expect(compose.services.gateway.ports).toEqual(['127.0.0.1:3000:3000']);
  });

  it('runs Metabase on its own application database, after the read-only role can log in', () => {
    const metabase = compose.services.metabase;
    expect(metabase.environment).toMatchObject({ MB_DB_TYPE: 'postgres', MB_DB_HOST: 'postgres', MB_DB_DBNAME: 'metabase' });
    expect(metabase.depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      'metabase-role': { condition: 'service_completed_successfully' },
    });
    const role = compose.services['metabase-role'];
    expect(role.command).toEqual(['node', 'dist/tools/metabase/src/role-cli.js']);
    expect(role.depends_on).toMatchObject({ migrate: { condition: 'service_completed_successfully' } });
    expect(role.environment).toMatchObject({
      METABASE_DB_USER: 'rewind_metabase',
      METABASE_DB_PASSWORD: expect.stringContaining('METABASE_DB_PASSWORD'),
    });
    expect(role.environment!.DATABASE_URL).toMatch(/@postgres:5432\/rewind$/);
  });
});
