/**
 * The operations of the merged OpenAPI document the gateway serves, and values to call them with:
 * the hostile-input suites generate their requests from it, so a new route is attacked too.
 */
export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema?: { type?: string; format?: string; enum?: unknown[]; minimum?: number; maximum?: number; pattern?: string };
}
export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  hasBody: boolean;
  open: boolean;
}

export const OPEN_PATHS = ['/api/auth/login', '/api/auth/callback', '/api/health', '/api/share/{id}'];
export const NO_ACCOUNT = '00000000-0000-4000-8000-000000000000';

export const HOSTILE = [
  'not-a-uuid',
  '-1',
  '0',
  '1.5',
  '99999999999999999999999',
  'x'.repeat(4096),
  "1' OR '1'='1",
  '1; DROP TABLE raw.plays; --',
  '../../../../etc/passwd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%FF%FE%C3%28', // invalid UTF-8 once decoded
  '%00',
  '{"$gt":""}',
  '[]',
  'true',
  '2026-13-45',
  'Not/A_Zone',
];

/** Parameters whose schema constrains the value: a hostile value for them must be refused with 4xx. */
export function constrained(p: Parameter): boolean {
  const s = p.schema ?? {};
  return p.in === 'path' || ['integer', 'number', 'boolean'].includes(s.type ?? '') || !!s.format || !!s.enum || !!s.pattern;
}

export function plausible(p: Parameter): string {
  const s = p.schema ?? {};
  if (s.enum?.length) return String(s.enum[0]);
  if (s.type === 'integer' || s.type === 'number') return String(s.minimum ?? 1);
  if (s.type === 'boolean') return 'false';
  if (s.format === 'date') return '2026-01-01';
  if (s.format === 'date-time') return '2026-01-01T00:00:00Z';
  return p.in === 'path' || s.format === 'uuid' || /id$/i.test(p.name) ? NO_ACCOUNT : 'x';
}

export function url(op: Operation, values: Record<string, string>): string {
  let path = op.path;
  const query: string[] = [];
  for (const p of op.parameters) {
    const raw = values[p.name] ?? (p.required || p.in === 'path' ? encodeURIComponent(plausible(p)) : undefined);
    if (raw === undefined) continue;
    if (p.in === 'path') path = path.replace(`{${p.name}}`, raw);
    else query.push(`${encodeURIComponent(p.name)}=${raw}`);
  }
  return query.length ? `${path}?${query.join('&')}` : path;
}

/** Every operation of the gateway's merged document (GET /docs/openapi.json). */
export async function loadOperations(gateway: string): Promise<Operation[]> {
  const doc = (await (await fetch(`${gateway}/docs/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
      hasBody: !!op.requestBody,
      open: OPEN_PATHS.includes(path),
    })),
  );
}
