/** Word lists and name makers of the synthetic catalog (buildCatalog, catalog.ts): plausible, deterministic per seed. */
import type { Rng } from './rng';

export const GENRES = [
  'pop',
  'dance pop',
  'indie pop',
  'art pop',
  'synthpop',
  'rock',
  'indie rock',
  'alternative rock',
  'post-punk',
  'shoegaze',
  'dream pop',
  'hip hop',
  'trap',
  'conscious hip hop',
  'r&b',
  'neo soul',
  'soul',
  'funk',
  'disco',
  'house',
  'deep house',
  'techno',
  'drum and bass',
  'ambient',
  'downtempo',
  'trip hop',
  'jazz',
  'nu jazz',
  'classical',
  'modern classical',
  'folk',
  'indie folk',
  'singer-songwriter',
  'country',
  'americana',
  'metal',
  'death metal',
  'punk',
  'emo',
  'k-pop',
  'j-pop',
  'latin',
  'reggaeton',
  'afrobeats',
  'bossa nova',
  'chanson',
  'french indie pop',
  'german hip hop',
  'italo disco',
  'lo-fi beats',
];

const SYL = [
  'ka',
  'lo',
  'mi',
  'ra',
  'sen',
  'ti',
  'vo',
  'na',
  'el',
  'an',
  'jo',
  'ri',
  'sa',
  'ne',
  'dor',
  'ly',
  'ma',
  'zu',
  'be',
  'ko',
  'lin',
  'ar',
  'os',
  'té',
  'ña',
  'ö',
];
export const FIRST = [
  'Mira',
  'Jonas',
  'Lena',
  'Theo',
  'Ava',
  'Noah',
  'Zoë',
  'Idris',
  'Maya',
  'Felix',
  'Ines',
  'Oskar',
  'Sade',
  'Yuki',
  'Ana',
  'Björn',
  'Chloé',
  'Dario',
  'Emeka',
  'Freya',
];
export const ADJ = [
  'Velvet',
  'Silent',
  'Golden',
  'Electric',
  'Paper',
  'Neon',
  'Hollow',
  'Crimson',
  'Midnight',
  'Glass',
  'Wild',
  'Lonely',
  'Sugar',
  'Static',
  'Northern',
  'Broken',
  'Lucid',
  'Tender',
  'Savage',
  'Quiet',
  'Burning',
  'Blue',
];
export const NOUN = [
  'Harbor',
  'Summer',
  'Machine',
  'Garden',
  'River',
  'Signal',
  'Heart',
  'Satellite',
  'Ghost',
  'Highway',
  'Mirror',
  'Ocean',
  'Fever',
  'Window',
  'Kingdom',
  'Echo',
  'Season',
  'Parade',
  'Wolves',
  'Lights',
  'Thunder',
  'Avenue',
];
export const VERB = ['Running', 'Falling', 'Dancing', 'Waiting', 'Dreaming', 'Drifting', 'Calling', 'Breaking', 'Holding', 'Chasing'];
export const LABELS = ['Emulated Records', 'Seedline Music', 'Deterministic Sound', 'Fake Label Ltd.', 'Nowhere Recordings'];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function artistName(rng: Rng, i: number): string {
  const kind = rng.next();
  let name: string;
  if (kind < 0.35) name = `${rng.pick(FIRST)} ${cap(rng.pick(SYL) + rng.pick(SYL) + rng.pick(SYL))}`;
  else if (kind < 0.65) name = `The ${rng.pick(ADJ)} ${rng.pick(NOUN)}s`.replace(/ss$/, 's');
  else if (kind < 0.8) name = cap(rng.pick(SYL) + rng.pick(SYL)) + (rng.chance(0.3) ? ' & The ' + rng.pick(NOUN) + 's' : '');
  else if (kind < 0.9) name = `DJ ${cap(rng.pick(SYL) + rng.pick(SYL))}`;
  else name = `${rng.pick(ADJ)} ${rng.pick(NOUN)}`;
  // keep names unique enough for name-based matching to be meaningful
  return rng.chance(0.15) ? `${name} ${i}` : name;
}

export function trackName(rng: Rng): string {
  const kind = rng.next();
  if (kind < 0.3) return `${rng.pick(ADJ)} ${rng.pick(NOUN)}`;
  if (kind < 0.5) return `${rng.pick(VERB)} ${rng.pick(['Home', 'Away', 'Back', 'Slowly', 'Tonight', 'Again'])}`;
  if (kind < 0.6) return `Don't ${rng.pick(VERB).replace(/ing$/, '')} My ${rng.pick(NOUN)}`;
  if (kind < 0.65) return `"${rng.pick(NOUN)}s"`;
  if (kind < 0.72) return `${rng.pick(NOUN)} (feat. ${rng.pick(FIRST)})`;
  if (kind < 0.78) return `${rng.pick(ADJ)} ${rng.pick(NOUN)} - Remastered ${rng.int(2001, 2024)}`;
  if (kind < 0.83) return `${cap(rng.pick(SYL) + rng.pick(SYL))} ☆ ${rng.pick(NOUN)}`;
  return `${rng.pick(NOUN)} of ${rng.pick(ADJ)} ${rng.pick(NOUN)}s`;
}
