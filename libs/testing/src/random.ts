/**
 * A small deterministic PRNG (mulberry32) for reproducible test data and fault schedules.
 * A string seed is hashed first, so named scenarios get stable, distinct sequences.
 */
export function rng(seed: number | string): () => number {
  let a: number;
  if (typeof seed === 'string') {
    let h = 1779033703 ^ seed.length;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    a = h >>> 0;
  } else {
    a = seed >>> 0;
  }
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
