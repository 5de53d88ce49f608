import { ACCOUNT_TAG, CARDS, DATE_TAG } from '../src/cards';
import { MetabaseClient, MetabaseUnreachableError } from '../src/client';
import { ConfigError, loadProvisionConfig, ProvisionConfig } from '../src/config';
import { ACCOUNT_PARAMETER, DATE_PARAMETER } from '../src/card-body';
import { provision, ProvisionError } from '../src/provision';
import { FakeMetabase, FakeMetabaseOptions, FakeTable } from './fake-metabase';

// What a sync of the real marts finds (every card's date column, plus a few other columns and
// tables of other schemas that the schema filter must keep out).
function martsTables(): FakeTable[] {
  const byTable = new Map<string, FakeTable>();
  for (const card of CARDS) {
    const t = byTable.get(card.dateField.table) ?? {
      schema: 'marts',
      name: card.dateField.table,
      fields: [{ name: 'account_id', base_type: 'type/UUID' }],
    };
    if (!t.fields.some((f) => f.name === card.dateField.column)) t.fields.push({ name: card.dateField.column, base_type: 'type/Date' });
    byTable.set(card.dateField.table, t);
  }
  return [...byTable.values(), { schema: 'raw', name: 'plays', fields: [{ name: 'played_at', base_type: 'type/DateTimeWithLocalTZ' }] }];
}

const ADMIN = { email: 'admin@example.com', password: 'correct-horse' };

function config(url: string, overrides: Partial<ProvisionConfig> = {}): ProvisionConfig {
  return {
    ...loadProvisionConfig({
      METABASE_URL: url,
      METABASE_ADMIN_EMAIL: ADMIN.email,
      METABASE_ADMIN_PASSWORD: ADMIN.password,
      METABASE_DB_PASSWORD: 'reader-secret',
    }),
    pollIntervalMs: 0,
    ...overrides,
  };
}

describe('provisioning against the fake Metabase', () => {
  let fake: FakeMetabase;
  let url: string;
  let lines: string[];
  const start = async (options: Partial<FakeMetabaseOptions> = {}) => {
    fake = new FakeMetabase({ tables: martsTables(), admin: ADMIN, syncPolls: 2, ...options });
    url = await fake.start();
  };
  const run = (overrides: Partial<ProvisionConfig> = {}) =>
    provision(config(url, overrides), { log: (l) => lines.push(l), sleep: async () => undefined });

  beforeEach(() => {
    lines = [];
  });
  afterEach(async () => {
    await fake?.stop();
  });

  it('sets up a fresh instance with its setup token, then creates everything', async () => {
    await start({ setUp: false });
    const result = await run();

    const setup = fake.requests.find((r) => r.path === '/api/setup')!;
    expect(setup.status).toBe(200);
    expect(setup.body).toEqual({
      token: fake.setupToken,
      user: { email: ADMIN.email, password: ADMIN.password, first_name: 'Rewind', last_name: 'Admin' },
      prefs: { site_name: 'Rewind', site_locale: 'en', allow_tracking: false },
    });
    expect(fake.requests.some((r) => r.path === '/api/session')).toBe(false);

    // Database with the read-only role, limited to marts; synced before any card.
    expect(fake.databases).toHaveLength(1);
    expect(fake.databases[0]).toMatchObject({
      name: 'Rewind',
      engine: 'postgres',
      is_full_sync: true,
      details: {
        host: 'postgres',
        port: 5432,
        dbname: 'rewind',
        user: 'rewind_metabase',
        password: 'reader-secret',
        ssl: false,
        'schema-filters-type': 'inclusion',
        'schema-filters-patterns': 'marts',
      },
    });
    const paths = fake.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths.indexOf('POST /api/database/1/sync_schema')).toBeLessThan(paths.indexOf('POST /api/card'));
    expect(fake.requests.filter((r) => r.path === '/api/database/1/metadata').length).toBeGreaterThanOrEqual(3); // polled until the sync finished

    // Collection at the root.
    const rewind = fake.collections.filter((c) => c.name === 'Rewind');
    expect(rewind).toHaveLength(1);
    expect(rewind[0]).toMatchObject({ location: '/', personal_owner_id: null });

    // One card per definition, each with field filters on its own date column and its table's account_id.
    expect(fake.cards.map((c) => c.name).sort()).toEqual(CARDS.map((c) => c.name).sort());
    for (const def of CARDS) {
      const card = fake.cards.find((c) => c.name === def.name)!;
      expect(card).toMatchObject({ type: 'question', collection_id: rewind[0].id, display: def.display, description: def.description });
      const q = card.dataset_query as {
        database: number;
        type: string;
        native: { query: string; 'template-tags': Record<string, Record<string, unknown>> };
      };
      expect(q).toMatchObject({ database: 1, type: 'native', native: { query: def.sql } });
      expect(q.native['template-tags'][DATE_TAG]).toMatchObject({
        name: DATE_TAG,
        type: 'dimension',
        'widget-type': 'date/all-options',
        dimension: ['field', fake.fieldId('marts', def.dateField.table, def.dateField.column), null],
      });
      expect(q.native['template-tags'][ACCOUNT_TAG]).toMatchObject({
        name: ACCOUNT_TAG,
        type: 'dimension',
        'widget-type': 'string/=',
        dimension: ['field', fake.fieldId('marts', def.dateField.table, 'account_id'), null],
      });
    }

    // Dashboard: the date and listener parameters wired to every card, a 24-column grid without overlaps.
    expect(fake.dashboards).toHaveLength(1);
    const dash = fake.dashboards[0];
    expect(dash).toMatchObject({ name: 'Spotify Wrapped', collection_id: rewind[0].id, parameters: [DATE_PARAMETER, ACCOUNT_PARAMETER] });
    expect(dash.dashcards).toHaveLength(CARDS.length);
    expect(new Set(dash.dashcards.map((d) => d.card_id)).size).toBe(CARDS.length);
    for (const dc of dash.dashcards) {
      expect(dc.col + dc.size_x).toBeLessThanOrEqual(24);
      expect(dc.parameter_mappings).toEqual([
        { parameter_id: DATE_PARAMETER.id, card_id: dc.card_id, target: ['dimension', ['template-tag', DATE_TAG]] },
        { parameter_id: ACCOUNT_PARAMETER.id, card_id: dc.card_id, target: ['dimension', ['template-tag', ACCOUNT_TAG]] },
      ]);
    }
    const cells = new Set<string>();
    for (const dc of dash.dashcards) {
      for (let r = dc.row; r < dc.row + dc.size_y; r++) {
        for (let c = dc.col; c < dc.col + dc.size_x; c++) {
          expect(cells.has(`${r}:${c}`)).toBe(false);
          cells.add(`${r}:${c}`);
        }
      }
    }
    expect(result).toMatchObject({ dashboard: 'created', cards: { created: CARDS.map((c) => c.name), updated: [], unchanged: [] } });
    expect(lines.join('\n')).toMatch(/set up, admin admin@example.com created/);
    expect(lines.join('\n')).not.toContain('reader-secret');
    expect(lines.join('\n')).not.toContain(ADMIN.password);
  });

  it('a second run makes no write call (only the login)', async () => {
    await start();
    await run();
    const firstWrites = fake.writes().length;
    expect(firstWrites).toBe(1 + 1 + 1 + CARDS.length + 2); // database, sync, collection, cards, dashboard POST + PUT
    const before = fake.requests.length;

    const again = await run();
    const second = fake.requests.slice(before);
    expect(second.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/session']);
    expect(fake.writes()).toHaveLength(firstWrites);
    expect(again).toMatchObject({ dashboard: 'unchanged', cards: { created: [], updated: [], unchanged: CARDS.map((c) => c.name) } });
    expect(second.some((r) => r.path.startsWith('/api/card/') && r.query.get('legacy-mbql') !== 'true')).toBe(false);
    expect(lines.at(-1)).toMatch(/is up to date/);
  });

  it('PUTs only the fields of a card that changed, and leaves the dashboard alone', async () => {
    await start();
    await run();
    const card = fake.cards.find((c) => c.name === 'Top artists')!;
    card.display = 'pie';
    card.description = 'edited by hand';
    const before = fake.requests.length;

    const result = await run();
    const writes = fake.requests.slice(before).filter((r) => r.method !== 'GET' && r.path !== '/api/session');
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /api/card/${card.id}`]);
    expect(writes[0].body).toEqual({ display: 'row', description: CARDS.find((c) => c.name === 'Top artists')!.description });
    expect(result.cards.updated).toEqual([{ name: 'Top artists', fields: ['display', 'description'] }]);
    expect(card.display).toBe('row');
  });

  it('adds the listener filter to a dashboard provisioned before it: one PUT per card and one for the dashboard, then nothing', async () => {
    await start();
    await run();
    // What an earlier version left: cards filtered by date only, a dashboard with only the date parameter.
    for (const card of fake.cards) {
      const native = (card.dataset_query as { native: { query: string; 'template-tags': Record<string, unknown> } }).native;
      native.query = native.query.replace(/ and \{\{account\}\}/g, '');
      delete native['template-tags'][ACCOUNT_TAG];
    }
    const dash = fake.dashboards[0];
    dash.parameters = [DATE_PARAMETER];
    for (const dc of dash.dashcards) dc.parameter_mappings = dc.parameter_mappings.filter((m) => m.parameter_id === DATE_PARAMETER.id);
    const before = fake.requests.length;
    const upgraded = await run();
    const writes = fake.requests.slice(before).filter((r) => r.method !== 'GET' && r.path !== '/api/session');
    expect(writes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      [...fake.cards.map((c) => `PUT /api/card/${c.id}`), `PUT /api/dashboard/${dash.id}`].sort(),
    );
    expect(upgraded.cards.updated.map((u) => u.fields)).toEqual(CARDS.map(() => ['dataset_query']));
    expect(dash.parameters).toEqual([DATE_PARAMETER, ACCOUNT_PARAMETER]);
    const after = fake.requests.length;
    await run();
    expect(
      fake.requests
        .slice(after)
        .filter((r) => r.method !== 'GET')
        .map((r) => r.path),
    ).toEqual(['/api/session']);
  });

  it('a changed SQL is PUT as the whole dataset_query', async () => {
    await start();
    await run();
    const card = fake.cards.find((c) => c.name === 'By year')!;
    (card.dataset_query as { native: { query: string } }).native.query = 'select 1 where {{date_range}}';
    const before = fake.requests.length;
    await run();
    const writes = fake.requests.slice(before).filter((r) => r.method !== 'GET' && r.path !== '/api/session');
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /api/card/${card.id}`]);
    expect(Object.keys(writes[0].body as object)).toEqual(['dataset_query']);
  });

  it('repairs a moved or deleted dashcard with one PUT that keeps the other dashcard ids', async () => {
    await start();
    await run();
    const dash = fake.dashboards[0];
    const ids = dash.dashcards.map((d) => d.id);
    dash.dashcards[0].row = 99;
    const removed = dash.dashcards.pop()!;
    const before = fake.requests.length;

    const result = await run();
    const writes = fake.requests.slice(before).filter((r) => r.method !== 'GET' && r.path !== '/api/session');
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /api/dashboard/${dash.id}`]);
    const sent = (writes[0].body as { dashcards: { id: number; card_id: number }[] }).dashcards;
    expect(sent.filter((d) => d.id > 0).map((d) => d.id)).toEqual(ids.slice(0, -1));
    expect(sent.filter((d) => d.id < 0).map((d) => d.card_id)).toEqual([removed.card_id]);
    expect(result.dashboard).toBe('updated');
    expect(dash.dashcards[0].row).toBe(CARDS[0].layout.row);
    expect(dash.dashcards).toHaveLength(CARDS.length);
  });

  it('treats what Metabase fills in (tag defaults, dimension options, stage numbers) as unchanged', async () => {
    await start();
    await run();
    for (const card of fake.cards) {
      const tag = (card.dataset_query as { native: { 'template-tags': Record<string, Record<string, unknown>> } }).native['template-tags'][
        DATE_TAG
      ];
      tag.default = null;
      tag.required = false;
      (tag.dimension as unknown[])[2] = { 'base-type': 'type/Date' };
      card.visualization_settings = { ...card.visualization_settings, 'card.title': 'kept: extra settings added by hand are left alone' };
    }
    const before = fake.requests.length;
    await run();
    expect(
      fake.requests
        .slice(before)
        .filter((r) => r.method !== 'GET')
        .map((r) => r.path),
    ).toEqual(['/api/session']);
  });

  it('works with an API key instead of a password', async () => {
    await start({ apiKey: 'mb_secret_key' });
    const cfg = { ...config(url), auth: { apiKey: 'mb_secret_key' } };
    await provision(cfg, { log: (l) => lines.push(l), sleep: async () => undefined });
    expect(fake.requests.some((r) => r.path === '/api/session')).toBe(false);
    expect(fake.cards).toHaveLength(CARDS.length);
  });

  it('a wrong password stops with a clear error and writes nothing', async () => {
    await start();
    const err = await run({ auth: { email: ADMIN.email, password: 'wrong' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProvisionError);
    expect((err as Error).message).toBe(
      `Metabase refused the login of ${ADMIN.email}: password: did not match stored password (check METABASE_ADMIN_EMAIL / METABASE_ADMIN_PASSWORD)`,
    );
    expect(fake.writes()).toEqual([]);
  });

  it("a failing connection test reports Metabase's message", async () => {
    await start({
      checkConnection: (d) => (d.password === 'reader-secret' ? null : 'FATAL: password authentication failed for user "rewind_metabase"'),
    });
    const err = await run({ database: { ...config(url).database, password: 'stale' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProvisionError);
    expect((err as Error).message).toContain(
      'Metabase could not connect to PostgreSQL as rewind_metabase@postgres:5432/rewind: FATAL: password authentication failed for user "rewind_metabase"',
    );
    expect(fake.databases).toEqual([]);
  });

  it('says when the marts are not there after the sync', async () => {
    await start({ tables: [] });
    const err = await run({ syncTimeoutMs: 0 }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /metadata still lacks marts\.agg_daily\.local_date, .* have the marts been built \(npm run transform\)/,
    );
  });

  it('says when Metabase is unreachable', async () => {
    await start();
    await fake.stop();
    const err = await run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MetabaseUnreachableError);
    expect((err as Error).message).toMatch(new RegExp(`cannot reach Metabase at ${url} \\(ECONNREFUSED\\)`));
  });

  it('config: needs a login or an API key, and validates values by name', () => {
    expect(() => loadProvisionConfig({})).toThrow(
      new ConfigError('set METABASE_ADMIN_EMAIL and METABASE_ADMIN_PASSWORD (or METABASE_API_KEY)'),
    );
    expect(() => loadProvisionConfig({ METABASE_API_KEY: 'k', METABASE_DB_PORT: 'x' })).toThrow(/^METABASE_DB_PORT: /);
    expect(() => loadProvisionConfig({ METABASE_API_KEY: 'k', METABASE_URL: 'not a url' })).toThrow(/^METABASE_URL: /);
    const c = loadProvisionConfig({ METABASE_API_KEY: 'k' });
    expect(c).toMatchObject({
      metabaseUrl: 'http://127.0.0.1:3100',
      database: { host: 'postgres', port: 5432, dbname: 'rewind', user: 'rewind_metabase', ssl: false },
    });
  });
});

describe('the fake is as strict as Metabase', () => {
  let fake: FakeMetabase;
  let client: MetabaseClient;
  const raw = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${client.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  beforeEach(async () => {
    fake = new FakeMetabase({ tables: martsTables(), admin: ADMIN, setUp: false, syncPolls: 0 });
    client = new MetabaseClient(await fake.start());
  });
  afterEach(() => fake.stop());

  it('setup: a wrong token is a 400, a second setup a plain-text 403', async () => {
    const user = { email: ADMIN.email, password: ADMIN.password, first_name: 'a', last_name: 'b' };
    const prefs = { site_name: 'x', site_locale: 'en', allow_tracking: false };
    expect(await raw('POST', '/api/setup', { token: 'nope', user, prefs })).toMatchObject({
      status: 400,
      text: expect.stringContaining('"errors":{"token"'),
    });
    expect((await raw('POST', '/api/setup', { token: fake.setupToken, user, prefs })).status).toBe(200);
    expect(await raw('POST', '/api/setup', { token: fake.setupToken, user, prefs })).toMatchObject({
      status: 403,
      type: expect.stringContaining('text/plain'),
      text: "You don't have permissions to do that.",
    });
  });

  it('401, 404 are plain text; unknown keys are dropped; the grid is 24 columns', async () => {
    expect(await raw('GET', '/api/database')).toMatchObject({
      status: 401,
      type: expect.stringContaining('text/plain'),
      text: 'Unauthenticated',
    });
    const { id } = await client.setup({
      token: fake.setupToken,
      user: { email: ADMIN.email, password: ADMIN.password, first_name: 'a', last_name: 'b' },
      prefs: { site_name: 'x', site_locale: 'en', allow_tracking: false },
    });
    const auth = { 'x-metabase-session': id };
    expect(await raw('GET', '/api/card/999', undefined, auth)).toMatchObject({ status: 404, text: 'Not found.' });
    client.useSession(id);
    const col = await client.createCollection({ name: 'C', description: null, parent_id: null, color: '#fff' } as never);
    expect(col).not.toHaveProperty('color');
    expect(await raw('POST', '/api/collection', { name: 'D', description: '  ' }, auth)).toMatchObject({
      status: 400,
      text: expect.stringContaining('"specific-errors"'),
    });
    const db = await client.createDatabase({
      engine: 'postgres',
      name: 'X',
      is_full_sync: true,
      details: {
        host: 'h',
        port: 1,
        dbname: 'd',
        user: 'u',
        password: 'secret',
        ssl: false,
        'schema-filters-type': 'inclusion',
        'schema-filters-patterns': 'marts',
      },
    });
    expect((await client.listDatabases())[0].details?.password).toBe('**MetabasePass**');
    await client.syncSchema(db.id);
    const tables = (await client.metadata(db.id)).tables;
    expect(tables.every((t) => t.schema === 'marts')).toBe(true);
    const fieldId = tables[0].fields.find((f) => f.base_type === 'type/Date')!.id;
    const tags = {
      date_range: {
        id: 't',
        name: 'date_range',
        'display-name': 'D',
        type: 'dimension' as const,
        dimension: ['field', fieldId, null],
        'widget-type': 'date/all-options',
      },
    };
    const card = await client.createCard({
      name: 'c',
      type: 'question',
      collection_id: col.id as number,
      display: 'table',
      description: null,
      visualization_settings: {},
      dataset_query: { database: db.id, type: 'native', native: { query: 'select 1 where {{date_range}}', 'template-tags': tags } },
    });
    expect(
      (await client.request<{ dataset_query: { stages: unknown[] } }>('GET', `/api/card/${card.id}`)).dataset_query.stages,
    ).toHaveLength(1);
    const dash = await client.createDashboard({
      name: 'd',
      collection_id: col.id as number,
      description: null,
      parameters: [DATE_PARAMETER],
    });
    const dc = { id: -1, card_id: card.id, row: 0, col: 20, size_x: 6, size_y: 3, visualization_settings: {}, parameter_mappings: [] };
    await expect(client.updateDashboard(dash.id, { parameters: [DATE_PARAMETER], dashcards: [dc] })).rejects.toMatchObject({ status: 400 });
    const saved = await client.updateDashboard(dash.id, {
      parameters: [DATE_PARAMETER],
      dashcards: [
        {
          ...dc,
          col: 18,
          parameter_mappings: [
            { parameter_id: DATE_PARAMETER.id, card_id: card.id, target: ['dimension', ['template-tag', 'date_range']] },
          ],
        },
      ],
    });
    expect(saved.dashcards[0].id).toBeGreaterThan(0);
    expect(saved.dashcards[0].parameter_mappings[0].target).toEqual(['dimension', ['template-tag', 'date_range'], { 'stage-number': 0 }]);
    await expect(
      client.updateDashboard(dash.id, { parameters: [DATE_PARAMETER], dashcards: [{ ...dc, id: 12345, col: 0 }] }),
    ).rejects.toMatchObject({ status: 404, body: 'Not found.' });
    expect((await client.updateDashboard(dash.id, { parameters: [DATE_PARAMETER], dashcards: [] })).dashcards).toEqual([]);
  });
});
