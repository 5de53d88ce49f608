import type { OpenAPIObject } from '@nestjs/swagger';
import { isDeepStrictEqual } from 'node:util';
import { documentErrorAnswers } from './openapi-responses';

/** Paths a service serves to its peers or operators, never through the gateway. */
export function isPublicApiPath(path: string): boolean {
  return path.startsWith('/api/');
}

/** Public operations that need no API token (docs/operations.md, "Roles"). */
export const UNAUTHENTICATED_PATHS = ['/api/auth/login', '/api/auth/callback', '/api/health'];

export class OpenApiMergeError extends Error {}

/** A share link's data: public, its unguessable id is the capability (also matches the document's "/api/share/{id}"). */
const SHARE_DATA_PATH = /^\/api\/share\/[^/]+$/;

export function isUnauthenticatedPath(path: string): boolean {
  return UNAUTHENTICATED_PATHS.includes(path) || SHARE_DATA_PATH.test(path);
}

/**
 * One document for the whole API: the gateway's own paths plus every service's public
 * paths, with their schemas. Operations behind the gateway's token check say so, and every
 * error answer has the one error schema. Two services defining one component name differently
 * is an error (a generated client would get one of them for both): name the DTOs apart.
 */
export function mergeOpenApiDocuments(base: OpenAPIObject, services: OpenAPIObject[]): OpenAPIObject {
  const merged: OpenAPIObject = structuredClone(base);
  merged.paths = Object.fromEntries(Object.entries(merged.paths ?? {}).filter(([path]) => isPublicApiPath(path)));
  merged.components = { ...merged.components, schemas: { ...(merged.components?.schemas ?? {}) } };
  const tags = new Map((merged.tags ?? []).map((t) => [t.name, t]));
  const schemas = merged.components.schemas!;
  const definedBy = new Map(
    Object.entries(base.components?.schemas ?? {}).map(([name, schema]) => [name, { by: base.info?.title, schema }]),
  );
  const forwarded = new Set<string>();
  for (const doc of services) {
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      if (!isPublicApiPath(path)) continue;
      merged.paths[path] = structuredClone(item);
      forwarded.add(path);
    }
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      const first = definedBy.get(name);
      if (first && !isDeepStrictEqual(first.schema, schema)) {
        throw new OpenApiMergeError(
          `OpenAPI component ${name} is defined by both ${first.by} and ${doc.info?.title}: give one DTO another name`,
        );
      }
      schemas[name] = structuredClone(schema);
      definedBy.set(name, { by: doc.info?.title, schema });
    }
    for (const tag of doc.tags ?? []) tags.set(tag.name, tag);
  }
  for (const [path, item] of Object.entries(merged.paths)) {
    if (isUnauthenticatedPath(path)) continue;
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[method];
      if (op) op.security = [{ 'api-token': [] }];
    }
  }
  documentErrorAnswers(merged, forwarded);
  merged.paths = Object.fromEntries(Object.entries(merged.paths).sort(([a], [b]) => a.localeCompare(b)));
  if (tags.size) merged.tags = [...tags.values()];
  return merged;
}
