import { StringDecoder } from 'node:string_decoder';
import { ImportInputError, NotHistoryError } from './import-error';

export interface JsonArrayReaderOptions {
  /** Shown in error messages, e.g. `Streaming_History_Audio_2024_0.json`. */
  label: string;
  /** A single row (or unparsable run of text) larger than this is refused. */
  maxPendingChars?: number;
  /** Text gathered before a batch is parsed (default 32 Ki characters, see BATCH_CHARS). */
  minBatchChars?: number;
}

/**
 * Batches stay small enough that their strings (the text, the `[…]` handed to JSON.parse, the
 * COPY lines made of them) are below V8's large-object size (~128 KiB; two-byte text doubles):
 * larger strings live in the large-object space, which only a full GC frees, and at 1 Mi
 * characters a batch they piled up to over 300 MB of RSS on a 1M-play import.
 */
const BATCH_CHARS = 32 * 1024;

const WS = new Set([0x20, 0x09, 0x0a, 0x0d, 0xfeff]);

function skipWs(text: string, from: number): number {
  let i = from;
  while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Index just after the first complete top-level element that ends with `}` in `text`
 * (text starts at an element boundary), scanning strings exactly; -1 when there is none.
 * Stops at a top-level `]` (the end of the array).
 */
function firstElementEnd(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  let last = -1;
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0 && c === 0x7d) {
        last = i + 1;
        break;
      }
      if (depth < 0) break;
    }
  }
  return last;
}

function describeStart(text: string): string {
  const c = text.charAt(0);
  if (c === '{') return 'a single JSON object, not an array of rows';
  if (c === '<') return 'HTML or XML';
  return `text starting with ${JSON.stringify(text.slice(0, 12))}`;
}

/**
 * Streams the elements of a top-level JSON array in batches, in bounded memory.
 *
 * Spotify's history files are JSON arrays of flat objects. Instead of a token-level
 * parser (stream-json measured ~27 MB/s here: 30 s for a million rows, far over the
 * throughput bar), each incoming chunk is cut after its last complete element and the
 * batch is handed to the native `JSON.parse` as one array. A cut inside a string or a
 * nested value cannot produce valid JSON, so a successful parse proves the cut; when it
 * fails, an exact string-aware scan finds the real boundary or the real syntax error.
 */
export async function* readJsonArray(source: AsyncIterable<Buffer | string>, options: JsonArrayReaderOptions): AsyncGenerator<unknown[]> {
  const { label } = options;
  const maxPending = options.maxPendingChars ?? 32 * 1024 * 1024;
  const minBatch = Math.min(options.minBatchChars ?? BATCH_CHARS, maxPending);
  const decoder = new StringDecoder('utf8');
  let text = '';
  let started = false;
  let ended = false;
  let elements = 0;
  let needComma = false;
  let consumedChars = 0;

  const syntaxError = (detail: string): ImportInputError =>
    new ImportInputError(`${label} is not valid JSON (after ${elements} rows, near character ${consumedChars}): ${detail}`);

  /** Takes complete elements off the front of `text`; `final` at end of input. */
  function* drain(final: boolean): Generator<unknown[]> {
    let slow = false;
    for (;;) {
      if (ended) {
        const rest = skipWs(text, 0);
        if (rest < text.length) throw syntaxError('unexpected content after the end of the array');
        text = '';
        return;
      }
      let i = skipWs(text, 0);
      if (needComma && text.charCodeAt(i) === 0x2c) {
        needComma = false;
        i = skipWs(text, i + 1);
      } else if (needComma && i < text.length && text.charCodeAt(i) !== 0x5d) throw syntaxError('expected "," or "]" between rows');
      if (i > 0) {
        consumedChars += i;
        text = text.slice(i);
      }
      if (text.length === 0) return;
      if (text.charCodeAt(0) === 0x5d) {
        ended = true;
        consumedChars += 1;
        text = text.slice(1);
        continue;
      }
      // Fast path: cut after the last `}` and let JSON.parse prove the cut.
      let cut = slow ? 0 : text.lastIndexOf('}') + 1;
      let batch: unknown[] | null = null;
      if (cut > 0) {
        try {
          batch = JSON.parse(`[${text.slice(0, cut)}]`) as unknown[];
        } catch {
          batch = null;
        }
      }
      if (batch === null) {
        // The cut fell inside a string, or the text holds an error: go on row by row (for the
        // rest of this text), so that an error is reported at its row.
        slow = true;
        cut = firstElementEnd(text, text.length);
        if (cut > 0) {
          try {
            batch = JSON.parse(`[${text.slice(0, cut)}]`) as unknown[];
          } catch (error) {
            throw syntaxError(error instanceof Error ? error.message : String(error));
          }
        }
      }
      if (batch === null) {
        if (!final) {
          if (text.length > maxPending) throw syntaxError(`a row is larger than ${maxPending} characters`);
          return;
        }
        // End of input: whatever is left must be non-object elements and the closing bracket.
        const close = text.lastIndexOf(']');
        if (close < 0) break;
        try {
          batch = JSON.parse(`[${text.slice(0, close)}]`) as unknown[];
          cut = close;
        } catch {
          break;
        }
      }
      elements += batch.length;
      needComma = batch.length > 0;
      consumedChars += cut;
      text = text.slice(cut);
      if (batch.length > 0) yield batch;
    }
    if (final) throw new ImportInputError(`${label} is truncated: the JSON array ends abruptly after ${elements} complete rows`);
  }

  for await (const chunk of source) {
    text += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (!started) {
      const i = skipWs(text, 0);
      if (i === text.length) {
        text = '';
        continue;
      }
      if (text.charCodeAt(i) !== 0x5b) {
        if (text.charCodeAt(i) === 0x7b)
          throw new NotHistoryError(`${label} has the wrong shape: it holds a single JSON object, not an array of streaming-history rows`);
        throw new ImportInputError(`${label} is not JSON: it holds ${describeStart(text.slice(i))}`);
      }
      started = true;
      consumedChars = i + 1;
      text = text.slice(i + 1);
    }
    // Unzipped entries arrive in 16 KiB chunks: parse in batches of about minBatchChars.
    if (text.length < minBatch) continue;
    yield* drain(false);
  }
  text += decoder.end();
  if (!started) {
    if (skipWs(text, 0) === text.length) throw new ImportInputError(`${label} is empty`);
  }
  yield* drain(true);
  if (!ended) throw new ImportInputError(`${label} is truncated: the JSON array is never closed (after ${elements} complete rows)`);
}
