// What provisioning sends for cards and the dashboard's filters, and how it tells whether Metabase already holds it.
import { createHash } from 'node:crypto';
import { ACCOUNT_TAG, CardDefinition, DATE_TAG } from './cards';
import { CardBody, DashboardParameter, Json, MetabaseCard, ParameterMapping } from './client';

export const DATE_PARAMETER_SLUG = 'date_range';
export const ACCOUNT_PARAMETER_SLUG = 'account';

/** A stable UUID-shaped id from a name (template-tag ids must not change between runs). */
export function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const DATE_PARAMETER: DashboardParameter = {
  id: stableUuid('rewind:dashboard:date_range').slice(0, 8),
  name: 'Date range',
  slug: DATE_PARAMETER_SLUG,
  type: 'date/all-options',
  sectionId: 'date',
};

/** The listener filter: which account's data every card shows (empty: every account together). */
export const ACCOUNT_PARAMETER: DashboardParameter = {
  id: stableUuid('rewind:dashboard:account').slice(0, 8),
  name: 'Listener',
  slug: ACCOUNT_PARAMETER_SLUG,
  type: 'string/=',
  sectionId: 'string',
};

export const PARAMETERS = [DATE_PARAMETER, ACCOUNT_PARAMETER];
export const tagTarget = (tag: string): Json[] => ['dimension', ['template-tag', tag]];

/** True when every key given in `want` has the same value in `have` (arrays: same length). */
export function covers(want: unknown, have: unknown): boolean {
  if (want === null || want === undefined) return have === null || have === undefined;
  if (Array.isArray(want)) return Array.isArray(have) && have.length === want.length && want.every((w, i) => covers(w, have[i]));
  if (typeof want === 'object') {
    if (!have || typeof have !== 'object' || Array.isArray(have)) return false;
    return Object.entries(want as Record<string, unknown>).every(
      ([k, w]) => w === undefined || covers(w, (have as Record<string, unknown>)[k]),
    );
  }
  return want === have;
}

/** Mapping targets may come back with a third element (`{ "stage-number": 0 }`): equal to none. */
function sameTarget(want: Json[], have: unknown): boolean {
  if (!Array.isArray(have)) return false;
  const extra = have.slice(want.length);
  const extraOk = extra.every(
    (e) => e && typeof e === 'object' && !Array.isArray(e) && Object.entries(e).every(([k, v]) => k === 'stage-number' && v === 0),
  );
  return extraOk && covers(want, have.slice(0, want.length));
}

export function sameMappings(want: ParameterMapping[], have: unknown): boolean {
  if (!Array.isArray(have) || have.length !== want.length) return false;
  return want.every((w, i) => {
    const h = have[i] as ParameterMapping;
    return h && h.parameter_id === w.parameter_id && h.card_id === w.card_id && sameTarget(w.target, h.target);
  });
}

/** Compare a template tag ignoring the options element of `dimension` (Metabase may fill it in). */
function sameDatasetQuery(want: CardBody['dataset_query'], have: unknown): boolean {
  const h = have as CardBody['dataset_query'] | undefined;
  if (!h || h.type !== want.type || h.database !== want.database || h.native?.query !== want.native.query) return false;
  const wantTags = want.native['template-tags'];
  const haveTags = h.native['template-tags'] ?? {};
  if (Object.keys(wantTags).sort().join() !== Object.keys(haveTags).sort().join()) return false;
  return Object.entries(wantTags).every(([name, tag]) => {
    const other = haveTags[name];
    if (!other) return false;
    const { dimension, ...rest } = tag;
    const dimOk = dimension === undefined || (Array.isArray(other.dimension) && covers(dimension.slice(0, 2), other.dimension.slice(0, 2)));
    return dimOk && covers(rest, other);
  });
}

/** Field ids of a card's filtered columns. */
export interface CardFields {
  date: number;
  account: number;
}

export function cardBody(card: CardDefinition, databaseId: number, collectionId: number, fields: CardFields): CardBody {
  return {
    name: card.name,
    type: 'question',
    collection_id: collectionId,
    display: card.display,
    description: card.description,
    visualization_settings: card.visualization_settings,
    dataset_query: {
      database: databaseId,
      type: 'native',
      native: {
        query: card.sql,
        'template-tags': {
          [DATE_TAG]: {
            id: stableUuid(`rewind:card:${card.name}:${DATE_TAG}`),
            name: DATE_TAG,
            'display-name': 'Date range',
            type: 'dimension',
            dimension: ['field', fields.date, null],
            'widget-type': 'date/all-options',
          },
          [ACCOUNT_TAG]: {
            id: stableUuid(`rewind:card:${card.name}:${ACCOUNT_TAG}`),
            name: ACCOUNT_TAG,
            'display-name': 'Listener',
            type: 'dimension',
            dimension: ['field', fields.account, null],
            'widget-type': 'string/=',
          },
        },
      },
    },
  };
}

/** Fields of a card that differ from what Metabase holds (only those are PUT). */
export function cardDiff(want: CardBody, have: MetabaseCard): (keyof CardBody)[] {
  const out: (keyof CardBody)[] = [];
  for (const key of Object.keys(want) as (keyof CardBody)[]) {
    const same = key === 'dataset_query' ? sameDatasetQuery(want.dataset_query, have.dataset_query) : covers(want[key], have[key]);
    if (!same) out.push(key);
  }
  return out;
}
