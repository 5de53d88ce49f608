/**
 * A client for exactly the Metabase REST endpoints listed in tools/metabase/README.md ("The Metabase API it relies on")
 * (Metabase 0.47+ dashcards, 0.57+ card reads with `legacy-mbql=true`). Nothing else is called.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class MetabaseApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    /** Parsed JSON body, or the plain-text body (401/403/404 are plain text). */
    readonly body: unknown,
  ) {
    super(`${method} ${path} → ${status}: ${describeBody(body)}`);
    this.name = 'MetabaseApiError';
  }
}

export class MetabaseUnreachableError extends Error {
  constructor(
    readonly baseUrl: string,
    readonly reason: string,
  ) {
    super(
      `cannot reach Metabase at ${baseUrl} (${reason}): is it running? (docker compose up -d metabase; it takes a minute to start) Is METABASE_URL right?`,
    );
    this.name = 'MetabaseUnreachableError';
  }
}

/** One line from an error body: `message`, else the field errors, else the text. */
export function describeBody(body: unknown): string {
  if (typeof body === 'string') return body.trim() || '(empty body)';
  if (body && typeof body === 'object') {
    const b = body as { message?: unknown; errors?: unknown };
    if (typeof b.message === 'string') return b.message;
    if (b.errors && typeof b.errors === 'object') {
      return Object.entries(b.errors as Record<string, unknown>)
        .map(([field, msg]) => `${field}: ${typeof msg === 'string' ? msg : JSON.stringify(msg)}`)
        .join('; ');
    }
    return JSON.stringify(body);
  }
  return String(body);
}

export interface SessionProperties {
  'has-user-setup': boolean;
  'setup-token'?: string | null;
  version?: { tag?: string };
  [key: string]: unknown;
}

export interface DatabaseDetails {
  host: string;
  port: number;
  dbname: string;
  user: string;
  password?: string;
  ssl: boolean;
  'schema-filters-type': 'inclusion';
  'schema-filters-patterns': string;
}

export interface MetabaseDatabase {
  id: number;
  name: string;
  engine: string;
  details?: Partial<DatabaseDetails> & Record<string, unknown>;
}

export interface MetadataField {
  id: number;
  name: string;
  base_type: string;
}

export interface MetadataTable {
  id: number;
  name: string;
  schema: string;
  fields: MetadataField[];
}

export interface MetabaseCollection {
  id: number | 'root';
  name: string;
  location?: string;
  archived?: boolean;
  personal_owner_id?: number | null;
  description?: string | null;
}

export interface CollectionItem {
  id: number;
  name: string;
  model: string;
  entity_id?: string;
  display?: string;
  collection_id?: number | null;
}

export interface TemplateTag {
  id: string;
  name: string;
  'display-name': string;
  type: 'dimension' | 'date' | 'text' | 'number';
  dimension?: Json[];
  'widget-type'?: string;
  [key: string]: unknown;
}

export interface NativeDatasetQuery {
  database: number;
  type: 'native';
  native: { query: string; 'template-tags': Record<string, TemplateTag> };
}

export interface CardBody {
  name: string;
  type: 'question';
  collection_id: number;
  display: string;
  description: string | null;
  visualization_settings: Record<string, unknown>;
  dataset_query: NativeDatasetQuery;
}

export interface MetabaseCard extends CardBody {
  id: number;
  entity_id?: string;
  [key: string]: unknown;
}

export interface DashboardParameter {
  id: string;
  name: string;
  slug: string;
  type: string;
  sectionId: string;
  [key: string]: unknown;
}

export interface ParameterMapping {
  parameter_id: string;
  card_id: number;
  target: Json[];
}

export interface Dashcard {
  id: number;
  card_id: number;
  row: number;
  col: number;
  size_x: number;
  size_y: number;
  visualization_settings: Record<string, unknown>;
  parameter_mappings: ParameterMapping[];
  [key: string]: unknown;
}

export interface MetabaseDashboard {
  id: number;
  name: string;
  collection_id: number | null;
  description?: string | null;
  parameters: DashboardParameter[];
  dashcards: Dashcard[];
  [key: string]: unknown;
}

export interface ClientOptions {
  timeoutMs?: number;
}

export class MetabaseClient {
  private session: string | null = null;
  private apiKey: string | null = null;
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly options: ClientOptions = {},
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  get baseUrl(): string {
    return this.base;
  }

  useSession(id: string): void {
    this.session = id;
    this.apiKey = null;
  }

  useApiKey(key: string): void {
    this.apiKey = key;
    this.session = null;
  }

  async request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.session) headers['x-metabase-session'] = this.session;
    if (this.apiKey) headers['x-api-key'] = this.apiKey;
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new MetabaseUnreachableError(this.base, cause?.code ?? cause?.message ?? (err as Error).message);
    }
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (!response.ok) throw new MetabaseApiError(method, path.split('?')[0], response.status, parsed);
    return parsed as T;
  }

  properties(): Promise<SessionProperties> {
    return this.request('GET', '/api/session/properties');
  }

  setup(body: {
    token: string;
    user: { email: string; password: string; first_name: string; last_name: string };
    prefs: { site_name: string; site_locale: string; allow_tracking: boolean };
  }): Promise<{ id: string }> {
    return this.request('POST', '/api/setup', body);
  }

  login(username: string, password: string): Promise<{ id: string }> {
    return this.request('POST', '/api/session', { username, password });
  }

  async listDatabases(): Promise<MetabaseDatabase[]> {
    const page = await this.request<{ data: MetabaseDatabase[]; total: number }>('GET', '/api/database');
    return page.data;
  }

  createDatabase(body: { engine: 'postgres'; name: string; is_full_sync: boolean; details: DatabaseDetails }): Promise<MetabaseDatabase> {
    return this.request('POST', '/api/database', body);
  }

  syncSchema(id: number): Promise<{ status: string }> {
    return this.request('POST', `/api/database/${id}/sync_schema`);
  }

  metadata(id: number): Promise<{ id: number; tables: MetadataTable[] }> {
    return this.request('GET', `/api/database/${id}/metadata`);
  }

  listCollections(): Promise<MetabaseCollection[]> {
    return this.request('GET', '/api/collection');
  }

  createCollection(body: {
    name: string;
    description: string | null;
    parent_id: number | null;
  }): Promise<MetabaseCollection & { id: number }> {
    return this.request('POST', '/api/collection', body);
  }

  collectionItems(id: number): Promise<{ total: number; data: CollectionItem[] }> {
    return this.request('GET', `/api/collection/${id}/items?models=card&models=dashboard`);
  }

  /** The classic (legacy MBQL) shape, the one this tool writes. */
  getCard(id: number): Promise<MetabaseCard> {
    return this.request('GET', `/api/card/${id}?legacy-mbql=true`);
  }

  createCard(body: CardBody): Promise<MetabaseCard> {
    return this.request('POST', '/api/card', body);
  }

  updateCard(id: number, patch: Partial<CardBody>): Promise<MetabaseCard> {
    return this.request('PUT', `/api/card/${id}`, patch);
  }

  createDashboard(body: {
    name: string;
    collection_id: number;
    description: string | null;
    parameters: DashboardParameter[];
  }): Promise<MetabaseDashboard> {
    return this.request('POST', '/api/dashboard', body);
  }

  getDashboard(id: number): Promise<MetabaseDashboard> {
    return this.request('GET', `/api/dashboard/${id}`);
  }

  updateDashboard(id: number, body: { parameters: DashboardParameter[]; dashcards: Dashcard[] }): Promise<MetabaseDashboard> {
    return this.request('PUT', `/api/dashboard/${id}`, body);
  }
}
