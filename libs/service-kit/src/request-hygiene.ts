import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import { ApiErrorBody, toApiError } from './api-error.filter';
import { badRequest, sendApiError } from './api-error-response';

/** Largest JSON body a service parses; every JSON body of the API is a few hundred bytes. */
export const JSON_BODY_LIMIT_BYTES = 100 * 1024;
/** Deepest nesting of a JSON body: the API's bodies nest two levels; validation of deeper ones recursed until the stack overflowed. */
export const JSON_MAX_DEPTH = 32;

/** Keys that reach Object.prototype through naive merging: never a legitimate parameter or field. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function prototypeKey(key: string): boolean {
  // "a[__proto__]" and "__proto__.x" reach the prototype through extended query parsers.
  return key.split(/[[\].]/).some((part) => PROTOTYPE_KEYS.has(part));
}

/** The refusal of a query string with a `__proto__`-style parameter name, or null. */
export function queryKeyProblem(url: string): ApiErrorBody | null {
  const q = url.indexOf('?');
  if (q < 0 || !/__proto__|constructor|prototype/i.test(url.slice(q))) return null;
  for (const key of new URLSearchParams(url.slice(q + 1)).keys()) {
    if (prototypeKey(key)) return badRequest(`The query parameter name ${JSON.stringify(key.slice(0, 40))} is not allowed`);
  }
  return null;
}

/** How deep `value` nests, stopping as soon as it passes `max`; also finds prototype keys. Iterative: no recursion on hostile input. */
function bodyProblem(value: unknown, max: number): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return `The JSON body nests deeper than ${max} levels`;
    if (Array.isArray(node)) {
      for (const item of node) stack.push([item, depth + 1]);
      continue;
    }
    for (const key of Object.keys(node)) {
      if (PROTOTYPE_KEYS.has(key)) return `The JSON field name ${JSON.stringify(key)} is not allowed`;
      stack.push([(node as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return null;
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The one JSON body parser of the services: at most JSON_BODY_LIMIT_BYTES (413 over it), at most
 * JSON_MAX_DEPTH levels and no `__proto__`-style field (400), checked before any validation runs.
 * Also refuses `__proto__`-style query parameter names (400). Errors have the API's error shape.
 */
export function jsonBodyParser(): Middleware {
  const parse = express.json({ limit: JSON_BODY_LIMIT_BYTES, strict: true });
  return (req, res, next) => {
    const queryProblem = queryKeyProblem(req.url ?? '');
    if (queryProblem) return sendApiError(res, queryProblem);
    parse(req as express.Request, res as express.Response, (error?: unknown) => {
      if (error) {
        const e = error as { status?: number; type?: string; message?: string };
        if (e.type === 'entity.too.large')
          return sendApiError(res, {
            statusCode: 413,
            error: 'Payload Too Large',
            message: `The JSON body is larger than ${JSON_BODY_LIMIT_BYTES / 1024} KiB`,
          });
        if (e.type === 'entity.parse.failed') return sendApiError(res, badRequest(`Request body is not valid JSON: ${e.message}`));
        return sendApiError(res, toApiError(error));
      }
      const problem = bodyProblem((req as express.Request).body, JSON_MAX_DEPTH);
      if (problem) return sendApiError(res, badRequest(problem));
      next();
    });
  };
}
