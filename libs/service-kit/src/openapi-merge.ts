import type { OpenAPIObject } from '@nestjs/swagger';

/** Paths a service serves to its peers or operators, never through the gateway. */
export function isPublicApiPath(path: string): boolean {
  return path.startsWith('/api/');
}

/** Public operations that need no API token (ARCHITECTURE.md §4). */
export const UNAUTHENTICATED_PATHS = ['/api/auth/login', '/api/auth/callback', '/api/health'];

/**
 * One document for the whole API: the gateway's own paths plus every service's public
 * paths, with their schemas. Operations behind the gateway's token check say so.
 */
export function mergeOpenApiDocuments(base: OpenAPIObject, services: OpenAPIObject[]): OpenAPIObject {
  const merged: OpenAPIObject = structuredClone(base);
  merged.paths = Object.fromEntries(Object.entries(merged.paths ?? {}).filter(([path]) => isPublicApiPath(path)));
  merged.components = { ...merged.components, schemas: { ...(merged.components?.schemas ?? {}) } };
  const tags = new Map((merged.tags ?? []).map((t) => [t.name, t]));
  for (const doc of services) {
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      if (!isPublicApiPath(path)) continue;
      merged.paths[path] = structuredClone(item);
    }
    Object.assign(merged.components!.schemas!, doc.components?.schemas ?? {});
    for (const tag of doc.tags ?? []) tags.set(tag.name, tag);
  }
  for (const [path, item] of Object.entries(merged.paths)) {
    if (UNAUTHENTICATED_PATHS.includes(path)) continue;
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[method];
      if (op) op.security = [{ 'api-token': [] }];
    }
  }
  merged.paths = Object.fromEntries(Object.entries(merged.paths).sort(([a], [b]) => a.localeCompare(b)));
  if (tags.size) merged.tags = [...tags.values()];
  return merged;
}
