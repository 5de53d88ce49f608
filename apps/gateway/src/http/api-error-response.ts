import type { ApiErrorBody } from '@rewind/service-kit';

/** An answer the gateway gives itself instead of passing a request on: the error and the headers that go with it. */
export interface Refusal {
  body: ApiErrorBody;
  /** Flat name, value list. */
  headers: string[];
}

/** The lower-cased names of a flat name, value list. */
export function headerNames(headers: readonly string[]): string[] {
  return headers.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase());
}
