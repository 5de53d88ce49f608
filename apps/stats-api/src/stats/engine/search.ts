import type { SearchResultsDto } from '../dto/insights.dto';
import type { AccountState } from './account-state';
import { Dimension, KeyDictionary } from './catalog';
import type { KeyTotal } from './key-queries';
import { rankOrder, topOf, totalsOfKeys } from './key-plays';
import type { KeyRows } from './key-rows';
import type { RankQuery } from './stats-engine';

const COMBINING_MARKS = /\p{M}/gu;
const ASCII = /^[\x20-\x7e]*$/;

/** Search form of a text: canonical decomposition (NFD), combining marks removed, lower case ("Sigur Rós" → "sigur ros"). */
export function searchForm(text: string): string {
  return ASCII.test(text) ? text.toLowerCase() : text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

/**
 * Search forms of a dictionary's names, made once per catalog: dictionaries only grow, so a later
 * search adds the forms of the names added since (never the whole catalog again).
 */
const forms = new WeakMap<KeyDictionary, string[]>();

function searchForms(dictionary: KeyDictionary): string[] {
  let known = forms.get(dictionary);
  if (!known) forms.set(dictionary, (known = []));
  for (let k = known.length; k < dictionary.size; k++) known.push(searchForm(dictionary.names[k]));
  return known;
}

/** Keys of `dim` whose name contains `needle` (a search form) and that were played in the range, ranked; up to limit. */
function matches(state: AccountState, dim: Dimension, needle: string, q: RankQuery): KeyTotal[] {
  const dictionary = state.catalog.dictionary(dim);
  const names = searchForms(dictionary);
  const wanted = new Uint8Array(names.length);
  let any = false;
  for (let k = 0; k < names.length; k++)
    if (names[k].includes(needle)) {
      wanted[k] = 1;
      any = true;
    }
  if (!any) return [];
  return topOf(totalsOfKeys(state, dim, wanted, q.from, q.to), rankOrder(dictionary, q.by), q.limit);
}

/**
 * Artists, tracks and albums of the account whose names contain `text`, case- and
 * accent-insensitively, most played in the range first (ties by name); up to limit of each.
 */
export async function search(state: AccountState, rows: KeyRows, text: string, q: RankQuery): Promise<SearchResultsDto> {
  const needle = searchForm(text);
  const artists = matches(state, 'artists', needle, q);
  const tracks = matches(state, 'tracks', needle, q);
  const albums = matches(state, 'albums', needle, q);
  const [a, t, al] = await Promise.all([rows.artists(artists), rows.tracks(tracks), rows.albums(albums)]);
  return { artists: a, tracks: t, albums: al };
}
