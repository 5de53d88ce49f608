import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Dashcard, Json } from '../src/client';

/**
 * A fake of exactly the Metabase endpoints in tools/metabase/README.md, as strict as the real
 * thing: closed request schemas (unknown keys are dropped silently), 400 bodies
 * `{ errors, "specific-errors" }`, plain-text 401 `Unauthenticated`, 403 `You don't have
 * permissions to do that.` and 404 `Not found.`, a 24-column dashboard grid, negative dashcard
 * ids create / positive update / omitted are deleted, mapping targets returned with
 * `{ "stage-number": 0 }`, passwords masked in GET /api/database, sync in the background
 * (metadata appears only after a few polls), card reads in the new query format unless
 * `?legacy-mbql=true`. The only fake server in the repo (issue 9).
 */

export interface FakeTable {
  schema: string;
  name: string;
  fields: { name: string; base_type: string }[];
}

export interface FakeMetabaseOptions {
  /** false = a fresh instance with a setup token. */
  setUp?: boolean;
  admin?: { email: string; password: string };
  apiKey?: string;
  /** Tables the sync finds (any schema; the sync honours schema-filters-patterns). */
  tables: FakeTable[];
  /** Metadata GETs after a sync that still return no tables (sync runs in the background). */
  syncPolls?: number;
  /** Connection test of POST /api/database: a message = failure. */
  checkConnection?: (details: Record<string, unknown>) => string | null;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  status: number;
}

type Obj = Record<string, unknown>;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
  }
}

const unauthenticated = () => new HttpError(401, 'Unauthenticated');
const forbidden = () => new HttpError(403, "You don't have permissions to do that.");
const notFound = () => new HttpError(404, 'Not found.');
const invalid = (field: string, message: string) =>
  new HttpError(400, { errors: { [field]: message }, 'specific-errors': { [field]: [message] } });

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const nonBlank = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Closed schema: keeps only the listed keys (Metabase drops unknown keys without a 400). */
function pick(body: Obj, keys: string[]): Obj {
  const out: Obj = {};
  for (const k of keys) if (k in body) out[k] = body[k];
  return out;
}

export interface FakeDatabase {
  id: number;
  name: string;
  engine: string;
  is_full_sync: boolean;
  details: Obj;
  synced: boolean;
  pollsLeft: number;
}

export interface FakeCard {
  id: number;
  entity_id: string;
  name: string;
  type: string;
  collection_id: number | null;
  display: string;
  description: string | null;
  visualization_settings: Obj;
  dataset_query: Obj;
  archived: boolean;
}

/** Dashboard cards as the real API returns them (the client's type). */
export type FakeDashcard = Dashcard;

export interface FakeDashboard {
  id: number;
  entity_id: string;
  name: string;
  collection_id: number | null;
  description: string | null;
  parameters: Obj[];
  dashcards: FakeDashcard[];
  archived: boolean;
}

export class FakeMetabase {
  readonly requests: RecordedRequest[] = [];
  setUp: boolean;
  admin: { email: string; password: string } | null;
  readonly setupToken = randomUUID();
  readonly sessions = new Set<string>();
  readonly databases: FakeDatabase[] = [];
  readonly collections: {
    id: number;
    name: string;
    description: string | null;
    location: string;
    archived: boolean;
    personal_owner_id: number | null;
    entity_id: string;
  }[] = [];
  readonly cards: FakeCard[] = [];
  readonly dashboards: FakeDashboard[] = [];
  private nextId = { database: 1, collection: 1, card: 1, dashboard: 1, dashcard: 1, table: 1, field: 1 };
  private server: Server | null = null;
  private fieldIds = new Map<string, number>();
  private tableIds = new Map<string, number>();

  constructor(private readonly options: FakeMetabaseOptions) {
    this.setUp = options.setUp ?? true;
    this.admin = this.setUp ? (options.admin ?? { email: 'admin@example.com', password: 'correct-horse' }) : null;
    // Personal collection of the admin, to be skipped when looking for "Rewind" at the root.
    this.collections.push({
      id: this.nextId.collection++,
      name: "Admin's Personal Collection",
      description: null,
      location: '/',
      archived: false,
      personal_owner_id: 1,
      entity_id: randomUUID(),
    });
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests other than GET, not counting the login (POST /api/session). */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.path !== '/api/session');
  }

  fieldId(schema: string, table: string, column: string): number | undefined {
    return this.fieldIds.get(`${schema}.${table}.${column}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = undefined;
    let status = 200;
    let payload: unknown;
    try {
      if (raw) {
        if (!(req.headers['content-type'] ?? '').includes('application/json')) throw new HttpError(400, 'Request body must be JSON');
        try {
          body = JSON.parse(raw);
        } catch {
          throw new HttpError(400, 'Malformed JSON in request body.');
        }
      }
      payload = this.route(req.method ?? 'GET', url.pathname, url.searchParams, body, req.headers);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      status = err.status;
      payload = err.body;
    }
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body, status });
    if (typeof payload === 'string') {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(payload);
    } else {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(payload));
    }
  }

  private authenticated(headers: IncomingMessage['headers']): boolean {
    const session = headers['x-metabase-session'];
    if (typeof session === 'string' && this.sessions.has(session)) return true;
    const key = headers['x-api-key'];
    return !!this.options.apiKey && this.setUp && key === this.options.apiKey;
  }

  private route(method: string, path: string, query: URLSearchParams, body: unknown, headers: IncomingMessage['headers']): unknown {
    const b: Obj = isObj(body) ? body : {};
    if (method === 'GET' && path === '/api/session/properties') {
      return {
        'has-user-setup': this.setUp,
        'setup-token': this.setUp ? null : this.setupToken,
        version: { tag: 'v0.57.4' },
        'site-name': 'Metabase',
      };
    }
    if (method === 'POST' && path === '/api/setup') return this.setup(b);
    if (method === 'POST' && path === '/api/session') return this.login(b);
    if (!this.authenticated(headers)) throw unauthenticated();

    let m: RegExpMatchArray | null;
    if (path === '/api/database') {
      if (method === 'GET') return { data: this.databases.map((d) => this.databaseJson(d)), total: this.databases.length };
      if (method === 'POST') return this.createDatabase(b);
    }
    if ((m = path.match(/^\/api\/database\/(\d+)\/sync_schema$/)) && method === 'POST') {
      const db = this.database(Number(m[1]));
      db.synced = true;
      db.pollsLeft = this.options.syncPolls ?? 1;
      return { status: 'ok' };
    }
    if ((m = path.match(/^\/api\/database\/(\d+)\/metadata$/)) && method === 'GET') return this.metadata(this.database(Number(m[1])));
    if (path === '/api/collection') {
      if (method === 'GET') {
        return [{ id: 'root', name: 'Our analytics', can_write: true, is_personal: false }, ...this.collections.filter((c) => !c.archived)];
      }
      if (method === 'POST') return this.createCollection(b);
    }
    if ((m = path.match(/^\/api\/collection\/(\d+)\/items$/)) && method === 'GET') return this.items(Number(m[1]), query);
    if (path === '/api/card' && method === 'POST') return this.cardJson(this.createCard(b), false);
    if ((m = path.match(/^\/api\/card\/(\d+)$/))) {
      const card = this.cards.find((c) => c.id === Number(m![1]) && !c.archived);
      if (!card) throw notFound();
      if (method === 'GET') return this.cardJson(card, query.get('legacy-mbql') === 'true');
      if (method === 'PUT') return this.cardJson(this.updateCard(card, b), false);
    }
    if (path === '/api/dashboard' && method === 'POST') return this.dashboardJson(this.createDashboard(b));
    if ((m = path.match(/^\/api\/dashboard\/(\d+)$/))) {
      const dash = this.dashboards.find((d) => d.id === Number(m![1]) && !d.archived);
      if (!dash) throw notFound();
      if (method === 'GET') return this.dashboardJson(dash);
      if (method === 'PUT') return this.dashboardJson(this.updateDashboard(dash, b));
    }
    throw notFound();
  }

  private setup(raw: Obj): unknown {
    const body = pick(raw, ['token', 'user', 'prefs', 'database', 'invite']);
    if (this.setUp) throw forbidden();
    if (!nonBlank(body.token)) throw invalid('token', 'Token does not match the setup token.');
    if (body.token !== this.setupToken) throw invalid('token', 'Token does not match the setup token.');
    const user = isObj(body.user) ? pick(body.user, ['email', 'password', 'first_name', 'last_name']) : null;
    if (!user || !nonBlank(user.email) || !/^[^@\s]+@[^@\s]+$/.test(user.email))
      throw invalid('user', 'value must be a map with the keys `email`, `password`');
    if (!nonBlank(user.password)) throw invalid('password', 'password is too common.');
    const prefs = isObj(body.prefs) ? pick(body.prefs, ['site_name', 'site_locale', 'allow_tracking']) : null;
    if (!prefs || !nonBlank(prefs.site_name)) throw invalid('site_name', 'value must be a non-blank string.');
    this.setUp = true;
    this.admin = { email: user.email, password: user.password };
    return this.newSession();
  }

  private login(raw: Obj): unknown {
    const body = pick(raw, ['username', 'password']);
    if (!nonBlank(body.username)) throw invalid('username', 'value must be a non-blank string.');
    if (!nonBlank(body.password)) throw invalid('password', 'password may not be blank');
    if (!this.admin || body.username.toLowerCase() !== this.admin.email.toLowerCase()) {
      throw new HttpError(401, { errors: { username: 'did not match stored password', password: 'did not match stored password' } });
    }
    if (body.password !== this.admin.password) throw new HttpError(401, { errors: { password: 'did not match stored password' } });
    return this.newSession();
  }

  private newSession(): { id: string } {
    const id = randomUUID();
    this.sessions.add(id);
    return { id };
  }

  private database(id: number): FakeDatabase {
    const db = this.databases.find((d) => d.id === id);
    if (!db) throw notFound();
    return db;
  }

  private databaseJson(db: FakeDatabase): Obj {
    const details = { ...db.details };
    if ('password' in details) details.password = '**MetabasePass**';
    return {
      id: db.id,
      name: db.name,
      engine: db.engine,
      is_full_sync: db.is_full_sync,
      details,
      entity_id: `db-${db.id}`,
      features: [],
      tables: [],
    };
  }

  private createDatabase(raw: Obj): unknown {
    const body = pick(raw, [
      'name',
      'engine',
      'details',
      'is_full_sync',
      'is_on_demand',
      'schedules',
      'auto_run_queries',
      'cache_ttl',
      'connection_source',
    ]);
    if (!nonBlank(body.name)) throw invalid('name', 'value must be a non-blank string.');
    if (!nonBlank(body.engine) || !['postgres', 'h2', 'mysql'].includes(body.engine))
      throw invalid('engine', 'value must be a valid database engine.');
    if (!isObj(body.details)) throw invalid('details', 'value must be a map.');
    const failure = this.options.checkConnection?.(body.details) ?? null;
    if (failure) throw new HttpError(400, { message: failure, errors: { host: failure, port: failure } });
    const db: FakeDatabase = {
      id: this.nextId.database++,
      name: body.name,
      engine: body.engine,
      is_full_sync: body.is_full_sync !== false,
      details: { ...body.details },
      synced: false,
      pollsLeft: 0,
    };
    this.databases.push(db);
    return this.databaseJson(db);
  }

  private metadata(db: FakeDatabase): unknown {
    let tables: Obj[] = [];
    if (db.synced) {
      if (db.pollsLeft > 0) db.pollsLeft--;
      else {
        const patterns = String(db.details['schema-filters-patterns'] ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const included = (schema: string) => db.details['schema-filters-type'] !== 'inclusion' || patterns.includes(schema);
        tables = this.options.tables
          .filter((t) => included(t.schema))
          .map((t) => {
            const tkey = `${t.schema}.${t.name}`;
            if (!this.tableIds.has(tkey)) this.tableIds.set(tkey, this.nextId.table++);
            return {
              id: this.tableIds.get(tkey),
              db_id: db.id,
              name: t.name,
              schema: t.schema,
              display_name: t.name,
              fields: t.fields.map((f) => {
                const fkey = `${tkey}.${f.name}`;
                if (!this.fieldIds.has(fkey)) this.fieldIds.set(fkey, this.nextId.field++);
                return { id: this.fieldIds.get(fkey), name: f.name, base_type: f.base_type, table_id: this.tableIds.get(tkey) };
              }),
            };
          });
      }
    }
    return { id: db.id, name: db.name, engine: db.engine, tables };
  }

  private createCollection(raw: Obj): unknown {
    const body = pick(raw, ['name', 'description', 'parent_id', 'namespace', 'authority_level']);
    if (!nonBlank(body.name)) throw invalid('name', 'value must be a non-blank string.');
    if (body.description !== undefined && body.description !== null && !nonBlank(body.description)) {
      throw invalid('description', 'nullable value must be a non-blank string.');
    }
    let location = '/';
    if (body.parent_id !== undefined && body.parent_id !== null) {
      if (!isInt(body.parent_id)) throw invalid('parent_id', 'nullable value must be an integer greater than zero.');
      const parent = this.collections.find((c) => c.id === body.parent_id);
      if (!parent) throw notFound();
      location = `${parent.location}${parent.id}/`;
    }
    const c = {
      id: this.nextId.collection++,
      name: body.name,
      description: (body.description as string | null) ?? null,
      location,
      archived: false,
      personal_owner_id: null,
      entity_id: randomUUID(),
    };
    this.collections.push(c);
    return c;
  }

  private items(id: number, query: URLSearchParams): unknown {
    if (!this.collections.some((c) => c.id === id && !c.archived)) throw notFound();
    const models = query.getAll('models');
    const rows = [
      ...this.cards
        .filter((c) => c.collection_id === id && !c.archived)
        .map((c) => ({
          id: c.id,
          name: c.name,
          model: 'card',
          entity_id: c.entity_id,
          display: c.display,
          collection_id: c.collection_id,
        })),
      ...this.dashboards
        .filter((d) => d.collection_id === id && !d.archived)
        .map((d) => ({ id: d.id, name: d.name, model: 'dashboard', entity_id: d.entity_id, collection_id: d.collection_id })),
    ].filter((r) => !models.length || models.includes(r.model));
    return { total: rows.length, data: rows, models: models.length ? models : ['card', 'dashboard'], limit: null, offset: null };
  }

  private readonly cardKeys = [
    'name',
    'type',
    'collection_id',
    'display',
    'visualization_settings',
    'description',
    'dataset_query',
    'archived',
    'collection_position',
    'cache_ttl',
    'result_metadata',
    'parameters',
    'parameter_mappings',
    'enable_embedding',
    'embedding_params',
    'dashboard_id',
  ];

  private validateCard(body: Obj, creating: boolean): void {
    const required = creating ? ['name', 'display', 'visualization_settings', 'dataset_query'] : [];
    for (const key of required)
      if (!(key in body))
        throw invalid(
          key,
          key === 'name'
            ? 'value must be a non-blank string.'
            : key === 'display'
              ? 'value must be a non-blank string.'
              : 'value must be a map.',
        );
    if ('name' in body && !nonBlank(body.name)) throw invalid('name', 'value must be a non-blank string.');
    if ('display' in body && !nonBlank(body.display)) throw invalid('display', 'value must be a non-blank string.');
    if ('type' in body && !['question', 'model', 'metric'].includes(body.type as string))
      throw invalid('type', 'nullable enum of question, metric, model');
    if ('visualization_settings' in body && !isObj(body.visualization_settings))
      throw invalid('visualization_settings', 'Value must be a map.');
    if ('description' in body && body.description !== null && !nonBlank(body.description))
      throw invalid('description', 'nullable value must be a non-blank string.');
    if ('collection_id' in body && body.collection_id !== null) {
      if (!isInt(body.collection_id)) throw invalid('collection_id', 'nullable value must be an integer greater than zero.');
      if (!this.collections.some((c) => c.id === body.collection_id)) throw notFound();
    }
    if ('dataset_query' in body) this.validateNativeQuery(body.dataset_query);
  }

  private validateNativeQuery(q: unknown): void {
    if (!isObj(q)) throw invalid('dataset_query', 'Value must be a map.');
    if (!isInt(q.database) || !this.databases.some((d) => d.id === q.database))
      throw invalid('dataset_query', 'Invalid :database ID: must be the ID of an existing database');
    if (q.type !== 'native') throw invalid('dataset_query', 'this fake only takes native queries');
    const native = q.native;
    if (!isObj(native) || typeof native.query !== 'string') throw invalid('dataset_query', 'native.query must be a string');
    const tags = native['template-tags'] ?? {};
    if (!isObj(tags)) throw invalid('dataset_query', 'template-tags must be a map');
    for (const [name, tag] of Object.entries(tags)) {
      if (!isObj(tag) || tag.name !== name || !nonBlank(tag.id) || !nonBlank(tag['display-name']))
        throw invalid('dataset_query', `template tag ${name}: needs id, name (= key) and display-name`);
      if (!['dimension', 'date', 'text', 'number', 'card', 'snippet', 'temporal-unit'].includes(tag.type as string))
        throw invalid('dataset_query', `template tag ${name}: unknown type`);
      if (tag.type === 'dimension') {
        const dim = tag.dimension;
        if (!Array.isArray(dim) || dim[0] !== 'field' || !isInt(dim[1]) || dim.length !== 3)
          throw invalid('dataset_query', `template tag ${name}: dimension must be ["field", <id>, <options>]`);
        if (![...this.fieldIds.values()].includes(dim[1]))
          throw invalid('dataset_query', `template tag ${name}: field ${dim[1]} does not exist`);
        if (!nonBlank(tag['widget-type']))
          throw invalid('dataset_query', `template tag ${name}: widget-type is required for a field filter`);
      }
      if (!new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}`).test(native.query))
        throw invalid('dataset_query', `template tag ${name} is not used in the query`);
    }
  }

  private createCard(raw: Obj): FakeCard {
    const body = pick(raw, this.cardKeys);
    this.validateCard(body, true);
    const card: FakeCard = {
      id: this.nextId.card++,
      entity_id: randomUUID(), // a client value would be overwritten
      name: body.name as string,
      type: (body.type as string) ?? 'question',
      collection_id: (body.collection_id as number | null) ?? null,
      display: body.display as string,
      description: (body.description as string | null) ?? null,
      visualization_settings: structuredClone(body.visualization_settings as Obj),
      dataset_query: structuredClone(body.dataset_query as Obj),
      archived: false,
    };
    this.cards.push(card);
    return card;
  }

  private updateCard(card: FakeCard, raw: Obj): FakeCard {
    const body = pick(raw, this.cardKeys);
    this.validateCard(body, false);
    for (const key of [
      'name',
      'type',
      'collection_id',
      'display',
      'description',
      'visualization_settings',
      'dataset_query',
      'archived',
    ] as const) {
      if (key in body) (card as unknown as Obj)[key] = structuredClone(body[key]);
    }
    return card;
  }

  private cardJson(card: FakeCard, legacy: boolean): Obj {
    const q = card.dataset_query as { database: number; native: { query: string; 'template-tags'?: Obj } };
    const dataset_query = legacy
      ? structuredClone(card.dataset_query)
      : {
          'lib/type': 'mbql/query',
          database: q.database,
          stages: [
            { 'lib/type': 'mbql.stage/native', native: q.native.query, 'template-tags': structuredClone(q.native['template-tags'] ?? {}) },
          ],
        };
    return { ...structuredClone(card), dataset_query, query_type: 'native', creator_id: 1, can_write: true };
  }

  private validateParameters(params: unknown): Obj[] {
    if (!Array.isArray(params)) throw invalid('parameters', 'nullable sequence of parameter must be a map with :id and :type keys');
    return params.map((p) => {
      if (!isObj(p) || !nonBlank(p.id) || !nonBlank(p.type))
        throw invalid('parameters', 'nullable sequence of parameter must be a map with :id and :type keys');
      return pick(p, [
        'id',
        'name',
        'slug',
        'type',
        'sectionId',
        'default',
        'required',
        'values_source_type',
        'values_source_config',
        'temporal_units',
      ]);
    });
  }

  private createDashboard(raw: Obj): FakeDashboard {
    const body = pick(raw, ['name', 'collection_id', 'description', 'parameters', 'collection_position', 'cache_ttl', 'dashboard_load_id']);
    if (!nonBlank(body.name)) throw invalid('name', 'value must be a non-blank string.');
    if (body.collection_id !== undefined && body.collection_id !== null && !this.collections.some((c) => c.id === body.collection_id))
      throw notFound();
    const dash: FakeDashboard = {
      id: this.nextId.dashboard++,
      entity_id: randomUUID(),
      name: body.name,
      collection_id: (body.collection_id as number | null) ?? null,
      description: (body.description as string | null) ?? null,
      parameters: body.parameters === undefined ? [] : this.validateParameters(body.parameters),
      dashcards: [],
      archived: false,
    };
    this.dashboards.push(dash);
    return dash;
  }

  private updateDashboard(dash: FakeDashboard, raw: Obj): FakeDashboard {
    const body = pick(raw, [
      'name',
      'description',
      'parameters',
      'dashcards',
      'tabs',
      'collection_id',
      'archived',
      'collection_position',
      'cache_ttl',
      'width',
      'auto_apply_filters',
    ]);
    if ('name' in body && !nonBlank(body.name)) throw invalid('name', 'value must be a non-blank string.');
    const parameters = 'parameters' in body ? this.validateParameters(body.parameters) : dash.parameters;
    let dashcards = dash.dashcards;
    if ('dashcards' in body) {
      if (!Array.isArray(body.dashcards))
        throw invalid('dashcards', 'nullable sequence of value must be seq of maps in which ids are unique');
      const seen = new Set<number>();
      dashcards = body.dashcards.map((raw: unknown) => {
        if (!isObj(raw)) throw invalid('dashcards', 'value must be seq of maps in which ids are unique');
        const dc = pick(raw, [
          'id',
          'card_id',
          'row',
          'col',
          'size_x',
          'size_y',
          'visualization_settings',
          'parameter_mappings',
          'series',
          'dashboard_tab_id',
          'action_id',
        ]);
        if (!isInt(dc.id) || seen.has(dc.id)) throw invalid('dashcards', 'value must be seq of maps in which ids are unique');
        seen.add(dc.id);
        for (const k of ['row', 'col'])
          if (!isInt(dc[k]) || (dc[k] as number) < 0) throw invalid('dashcards', `${k} must be an integer greater than or equal to zero.`);
        for (const k of ['size_x', 'size_y'])
          if (!isInt(dc[k]) || (dc[k] as number) < 1) throw invalid('dashcards', `${k} must be an integer greater than zero.`);
        if ((dc.col as number) + (dc.size_x as number) > 24)
          throw invalid('dashcards', 'col + size_x must be at most 24 (the grid is 24 columns wide)');
        if (dc.card_id !== null && !this.cards.some((c) => c.id === dc.card_id && !c.archived)) throw notFound();
        const mappings = dc.parameter_mappings ?? [];
        if (!Array.isArray(mappings)) throw invalid('dashcards', 'parameter_mappings must be a sequence');
        const parameter_mappings = mappings.map((mm: unknown) => {
          if (!isObj(mm)) throw invalid('dashcards', 'parameter_mappings must be maps');
          const mapping = pick(mm, ['parameter_id', 'card_id', 'target']);
          if (!parameters.some((p) => p.id === mapping.parameter_id))
            throw invalid('dashcards', `parameter_mappings: unknown parameter ${String(mapping.parameter_id)}`);
          if (mapping.card_id !== dc.card_id) throw invalid('dashcards', "parameter_mappings: card_id must be the dashcard's card");
          if (!Array.isArray(mapping.target) || mapping.target[0] !== 'dimension')
            throw invalid('dashcards', 'parameter_mappings: target must be ["dimension", ...]');
          return {
            parameter_id: mapping.parameter_id as string,
            card_id: mapping.card_id as number,
            target: structuredClone(mapping.target) as Json[],
          };
        });
        let id = dc.id;
        if (id < 0) id = this.nextId.dashcard++;
        else if (!dash.dashcards.some((d) => d.id === id)) throw notFound();
        return {
          id,
          card_id: dc.card_id as number,
          row: dc.row as number,
          col: dc.col as number,
          size_x: dc.size_x as number,
          size_y: dc.size_y as number,
          visualization_settings: isObj(dc.visualization_settings) ? structuredClone(dc.visualization_settings) : {},
          parameter_mappings,
        };
      });
    }
    if ('name' in body) dash.name = body.name as string;
    if ('description' in body) dash.description = (body.description as string | null) ?? null;
    dash.parameters = parameters;
    dash.dashcards = dashcards; // omitted dashcards are deleted
    return dash;
  }

  private dashboardJson(dash: FakeDashboard): Obj {
    return {
      ...structuredClone(dash),
      dashcards: dash.dashcards.map((d) => ({
        ...structuredClone(d),
        dashboard_id: dash.id,
        // Targets come back with the stage number.
        parameter_mappings: d.parameter_mappings.map((m) => ({
          ...m,
          target: m.target.length === 2 ? [...m.target, { 'stage-number': 0 }] : m.target,
        })),
        card: this.cards.find((c) => c.id === d.card_id) ?? null,
      })),
      can_write: true,
    };
  }
}
