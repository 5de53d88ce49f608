import { Readable } from 'node:stream';
import { ImportInputError } from './import-error';
import { readJsonArray } from './json-array-reader';

/** Feeds `text` in chunks of `size` characters (as bytes), like a file stream. */
async function readAll(text: string, size = 7): Promise<unknown[]> {
  const buffer = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) chunks.push(buffer.subarray(i, i + size));
  const out: unknown[] = [];
  for await (const batch of readJsonArray(Readable.from(chunks), { label: 'f.json', maxPendingChars: 10_000 })) out.push(...batch);
  return out;
}

async function failure(text: string, size = 7): Promise<string> {
  try {
    await readAll(text, size);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportInputError);
    return (error as Error).message;
  }
  throw new Error('expected a failure');
}

describe('readJsonArray', () => {
  const rows = [
    { a: 1, s: 'x}y], {"z":1}' },
    { a: 2, s: 'quote \\" and brace }' },
    { a: 3, nested: { b: [1, { c: '}' }] }, s: 'é ü 🎵' },
    { a: 4 },
  ];

  it.each([1, 3, 7, 64, 100_000])('yields every element whatever the chunking (%i bytes)', async (size) => {
    expect(await readAll(JSON.stringify(rows, null, 2), size)).toEqual(rows);
    expect(await readAll(JSON.stringify(rows), size)).toEqual(rows);
  });

  it('accepts a BOM, whitespace and an empty array', async () => {
    expect(await readAll('\ufeff \n [ ] \n')).toEqual([]);
    expect(await readAll('[{"a":1}]')).toEqual([{ a: 1 }]);
  });

  it('names what is wrong', async () => {
    expect(await failure('')).toMatch(/f\.json is empty/);
    expect(await failure('hello')).toMatch(/f\.json is not JSON: it holds text starting with "hello"/);
    expect(await failure('<html>')).toMatch(/not JSON: it holds HTML/);
    expect(await failure('{"a": 1}')).toMatch(/wrong shape: it holds a single JSON object/);
    expect(await failure('[{"a":1},{"a":2},{"a":')).toMatch(/f\.json is truncated.* after 2 complete rows/);
    expect(await failure('[{"a":1},{"a":2}')).toMatch(/truncated/);
    expect(await failure('[{"a":1} {"a":2}]')).toMatch(/not valid JSON.*expected "," or "]"/);
    expect(await failure('[{"a":1},{"a":tru}]')).toMatch(/not valid JSON/);
    expect(await failure('[{"a":1}] trailing')).toMatch(/unexpected content after the end/);
    expect(await failure(`[{"a":"${'x'.repeat(20_000)}"}]`, 1000)).toMatch(/larger than 10000 characters/);
  });
});
