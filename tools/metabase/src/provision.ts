import { ACCOUNT_COLUMN, ACCOUNT_TAG, CARDS, CardDefinition, DATE_TAG } from './cards';
import { ACCOUNT_PARAMETER, cardBody, cardDiff, covers, DATE_PARAMETER, PARAMETERS, sameMappings, tagTarget } from './card-body';
import {
  CardBody,
  CollectionItem,
  Dashcard,
  MetabaseApiError,
  MetabaseClient,
  MetadataTable,
  ParameterMapping,
  describeBody,
} from './client';
import { ProvisionConfig } from './config';

/** A failure the user can act on; the message says what to do. */
export class ProvisionError extends Error {
  override name = 'ProvisionError';
}

export interface ProvisionResult {
  databaseId: number;
  collectionId: number;
  dashboardId: number;
  cards: { created: string[]; updated: { name: string; fields: string[] }[]; unchanged: string[] };
  dashboard: 'created' | 'updated' | 'unchanged';
}

export interface ProvisionOptions {
  client?: MetabaseClient;
  log?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  cards?: CardDefinition[];
}

const MARTS = 'marts';
const DATE_TYPES = new Set(['type/Date', 'type/DateTime', 'type/DateTimeWithLocalTZ', 'type/DateTimeWithTZ']);
const ACCOUNT_TYPES = new Set(['type/UUID', 'type/Text']);

function fieldKey(table: string, column: string): string {
  return `${table}.${column}`;
}

/** The columns a card filters on: its date column and its table's account_id. */
function filteredColumns(card: CardDefinition): { key: string; table: string; column: string; types: Set<string> }[] {
  const { table, column } = card.dateField;
  return [
    { key: fieldKey(table, column), table, column, types: DATE_TYPES },
    { key: fieldKey(table, ACCOUNT_COLUMN), table, column: ACCOUNT_COLUMN, types: ACCOUNT_TYPES },
  ];
}

/** Field ids of every card's filtered columns, or the list of what is still missing. */
function resolveFilterFields(tables: MetadataTable[], cards: CardDefinition[]): { ids: Map<string, number>; missing: string[] } {
  const ids = new Map<string, number>();
  const missing: string[] = [];
  for (const wanted of cards.flatMap(filteredColumns)) {
    if (ids.has(wanted.key) || missing.includes(wanted.key)) continue;
    const table = tables.find((t) => t.schema === MARTS && t.name === wanted.table);
    const field = table?.fields.find((f) => f.name === wanted.column && wanted.types.has(f.base_type));
    if (field) ids.set(wanted.key, field.id);
    else missing.push(wanted.key);
  }
  return { ids, missing };
}

export async function provision(config: ProvisionConfig, options: ProvisionOptions = {}): Promise<ProvisionResult> {
  const client = options.client ?? new MetabaseClient(config.metabaseUrl);
  const log = options.log ?? ((line: string) => console.log(line));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const cards = options.cards ?? CARDS;

  // 1. properties → setup if needed → login (or API key)
  const props = await client.properties();
  const version = props.version?.tag ? ` ${props.version.tag}` : '';
  if (!props['has-user-setup']) {
    const { email, password, firstName, lastName } = config.admin;
    if (!email || !password)
      throw new ProvisionError(
        'Metabase is not set up yet: set METABASE_ADMIN_EMAIL and METABASE_ADMIN_PASSWORD to create its first admin (an API key needs a set-up instance)',
      );
    if (!props['setup-token'])
      throw new ProvisionError('Metabase is not set up yet but did not give a setup token: finish setup in the browser, then run again');
    try {
      const session = await client.setup({
        token: props['setup-token'],
        user: { email, password, first_name: firstName, last_name: lastName },
        prefs: { site_name: 'Rewind', site_locale: 'en', allow_tracking: false },
      });
      client.useSession(session.id);
    } catch (err) {
      if (err instanceof MetabaseApiError && (err.status === 400 || err.status === 403)) {
        throw new ProvisionError(`Metabase setup refused (${err.status}): ${describeBody(err.body)}`);
      }
      throw err;
    }
    log(`✔ Metabase${version} at ${client.baseUrl}: set up, admin ${email} created`);
  } else if ('apiKey' in config.auth) {
    client.useApiKey(config.auth.apiKey);
    log(`✔ Metabase${version} at ${client.baseUrl}: using the API key`);
  } else {
    try {
      const session = await client.login(config.auth.email, config.auth.password);
      client.useSession(session.id);
    } catch (err) {
      if (err instanceof MetabaseApiError && (err.status === 401 || err.status === 400)) {
        throw new ProvisionError(
          `Metabase refused the login of ${config.auth.email}: ${describeBody(err.body)} (check METABASE_ADMIN_EMAIL / METABASE_ADMIN_PASSWORD)`,
        );
      }
      throw err;
    }
    log(`✔ Metabase${version} at ${client.baseUrl}: logged in as ${config.auth.email}`);
  }

  // 2. database by name and engine → create → sync → wait for metadata
  const db = config.database;
  const databases = await client.listDatabases();
  let database = databases.find((d) => d.name === db.name && d.engine === 'postgres');
  let created = false;
  if (!database) {
    if (!db.password)
      throw new ProvisionError(
        `set METABASE_DB_PASSWORD (the password of the read-only role ${db.user}) to create the database connection "${db.name}"`,
      );
    try {
      database = await client.createDatabase({
        engine: 'postgres',
        name: db.name,
        is_full_sync: true,
        details: {
          host: db.host,
          port: db.port,
          dbname: db.dbname,
          user: db.user,
          password: db.password,
          ssl: db.ssl,
          'schema-filters-type': 'inclusion',
          'schema-filters-patterns': MARTS,
        },
      });
    } catch (err) {
      if (err instanceof MetabaseApiError && err.status === 400) {
        throw new ProvisionError(
          `Metabase could not connect to PostgreSQL as ${db.user}@${db.host}:${db.port}/${db.dbname}: ${describeBody(err.body)} ` +
            `(METABASE_DB_HOST is the host as Metabase sees it; the role's password comes from METABASE_DB_PASSWORD)`,
        );
      }
      throw err;
    }
    created = true;
    log(`✔ database "${db.name}" created (id ${database.id}, ${db.user}@${db.host}:${db.port}/${db.dbname}, schema ${MARTS})`);
  } else {
    const d = database.details ?? {};
    const drift = (['host', 'port', 'dbname', 'user'] as const).filter((k) => d[k] !== undefined && String(d[k]) !== String(db[k]));
    log(
      `✔ database "${db.name}" exists (id ${database.id})${drift.length ? ` — note: its ${drift.join(', ')} differ from the environment; left as is` : ''}`,
    );
  }

  let { tables } = await client.metadata(database.id);
  let fields = resolveFilterFields(tables, cards);
  if (created || fields.missing.length) {
    await client.syncSchema(database.id);
    log(`… syncing schema ${MARTS} (waiting for ${fields.missing.length || 'the'} filtered columns)`);
    const deadline = Date.now() + config.syncTimeoutMs;
    for (;;) {
      ({ tables } = await client.metadata(database.id));
      fields = resolveFilterFields(tables, cards);
      if (!fields.missing.length) break;
      if (Date.now() >= deadline) {
        throw new ProvisionError(
          `Metabase's metadata still lacks ${fields.missing.map((k) => `${MARTS}.${k}`).join(', ')} after ${Math.round(config.syncTimeoutMs / 1000)} s: ` +
            `have the marts been built (npm run transform) and can ${db.user} read them?`,
        );
      }
      await sleep(config.pollIntervalMs);
    }
  }
  log(`✔ metadata: ${tables.filter((t) => t.schema === MARTS).length} tables in ${MARTS}, ${fields.ids.size} filtered columns resolved`);

  // 3. collection by name at the root
  const collections = await client.listCollections();
  let collection = collections.find(
    (c) =>
      c.id !== 'root' &&
      c.name === config.collectionName &&
      (c.location ?? '/') === '/' &&
      !c.archived &&
      (c.personal_owner_id ?? null) === null,
  );
  if (!collection) {
    collection = await client.createCollection({
      name: config.collectionName,
      description: 'Rewind: your Spotify listening history (questions over schema marts, provisioned by npm run metabase:provision).',
      parent_id: null,
    });
    log(`✔ collection "${config.collectionName}" created (id ${collection.id})`);
  } else {
    log(`✔ collection "${config.collectionName}" exists (id ${collection.id})`);
  }
  const collectionId = collection.id as number;

  // 4. cards by name in the collection → create, or PUT only what differs
  const items = (await client.collectionItems(collectionId)).data;
  const byName = (model: string, name: string): CollectionItem | undefined => items.find((i) => i.model === model && i.name === name);
  const result: ProvisionResult['cards'] = { created: [], updated: [], unchanged: [] };
  const cardIds = new Map<string, number>();
  for (const card of cards) {
    const want = cardBody(card, database.id, collectionId, {
      date: fields.ids.get(fieldKey(card.dateField.table, card.dateField.column))!,
      account: fields.ids.get(fieldKey(card.dateField.table, ACCOUNT_COLUMN))!,
    });
    const item = byName('card', card.name);
    if (!item) {
      const made = await client.createCard(want);
      cardIds.set(card.name, made.id);
      result.created.push(card.name);
      log(`  + card "${card.name}" (id ${made.id})`);
      continue;
    }
    cardIds.set(card.name, item.id);
    const have = await client.getCard(item.id);
    const diff = cardDiff(want, have);
    if (!diff.length) {
      result.unchanged.push(card.name);
      continue;
    }
    const patch: Partial<CardBody> = {};
    for (const key of diff) (patch as Record<string, unknown>)[key] = want[key];
    await client.updateCard(item.id, patch);
    result.updated.push({ name: card.name, fields: diff });
    log(`  ~ card "${card.name}" (id ${item.id}): ${diff.join(', ')}`);
  }
  log(`✔ cards: ${result.created.length} created, ${result.updated.length} updated, ${result.unchanged.length} unchanged`);

  // 5. dashboard by name → create → PUT only when layout, mappings or parameters differ
  let dashboardState: ProvisionResult['dashboard'] = 'unchanged';
  const dashItem = byName('dashboard', config.dashboardName);
  let dashboard = dashItem
    ? await client.getDashboard(dashItem.id)
    : await client.createDashboard({
        name: config.dashboardName,
        collection_id: collectionId,
        description: 'Spotify Wrapped, any day you like: pick a date range and a listener; every card follows them.',
        parameters: PARAMETERS,
      });
  if (!dashItem) {
    dashboardState = 'created';
    log(`✔ dashboard "${config.dashboardName}" created (id ${dashboard.id})`);
  }
  const existing = [...(dashboard.dashcards ?? [])];
  const used = new Set<number>();
  let nextNew = -1;
  let layoutChanged = !covers(PARAMETERS, dashboard.parameters);
  const dashcards: Dashcard[] = cards.map((card) => {
    const cardId = cardIds.get(card.name)!;
    const mappings: ParameterMapping[] = [
      { parameter_id: DATE_PARAMETER.id, card_id: cardId, target: tagTarget(DATE_TAG) },
      { parameter_id: ACCOUNT_PARAMETER.id, card_id: cardId, target: tagTarget(ACCOUNT_TAG) },
    ];
    const have = existing.find((d) => d.card_id === cardId && !used.has(d.id));
    if (have) used.add(have.id);
    const same = !!have && covers(card.layout, have) && sameMappings(mappings, have.parameter_mappings);
    if (!same) layoutChanged = true;
    return {
      id: have ? have.id : nextNew--,
      card_id: cardId,
      ...card.layout,
      visualization_settings: have?.visualization_settings ?? {},
      parameter_mappings: mappings,
    };
  });
  if (existing.some((d) => !used.has(d.id))) layoutChanged = true; // extra dashcards are removed
  if (layoutChanged) {
    dashboard = await client.updateDashboard(dashboard.id, { parameters: PARAMETERS, dashcards });
    if (dashboardState !== 'created') dashboardState = 'updated';
    log(
      `✔ dashboard "${config.dashboardName}" (id ${dashboard.id}): ${dashcards.length} cards laid out, date and listener filters wired to each`,
    );
  } else {
    log(`✔ dashboard "${config.dashboardName}" (id ${dashboard.id}) is up to date`);
  }

  return { databaseId: database.id, collectionId, dashboardId: dashboard.id, cards: result, dashboard: dashboardState };
}
