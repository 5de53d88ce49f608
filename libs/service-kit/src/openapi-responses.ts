import type { OpenAPIObject, OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger';

/** Component name of the one error shape every service and the gateway answer with (ApiErrorBody). */
export const API_ERROR_SCHEMA = 'ApiError';

const API_ERROR: SchemaObject = {
  type: 'object',
  description: 'Every 4xx and 5xx answer of the API, from the gateway and from every service.',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: { type: 'string', description: 'HTTP reason phrase', example: 'Bad Request' },
    message: { type: 'string', description: 'What was wrong, naming the parameter', example: 'limit must be an integer from 1 to 100' },
  },
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function errorAnswer(description: string, example: { statusCode: number; error: string; message: string }): ResponseObject {
  return { description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${API_ERROR_SCHEMA}` }, example } } };
}

/** What the gateway itself answers in front of the services (apps/gateway: token check, rate limit, proxy). */
const GATEWAY_ANSWERS = {
  unauthorized: errorAnswer('No API token, or a wrong one (`WWW-Authenticate: Bearer`); tokens in the query string are refused too.', {
    statusCode: 401,
    error: 'Unauthorized',
    message: 'Missing or invalid API token',
  }),
  crossSite: errorAnswer("A request signed in by the session cookie whose Origin (or Referer) is not this site's own pages.", {
    statusCode: 403,
    error: 'Forbidden',
    message:
      "Cross-site request refused: a POST signed in by cookie must come from Rewind's own pages (Origin https://example.org is not this site)",
  }),
  tooMany: errorAnswer('Over RATE_LIMIT_PER_MINUTE requests from this client (`Retry-After` says when to retry).', {
    statusCode: 429,
    error: 'Too Many Requests',
    message: 'Rate limit of 3000 requests per minute exceeded; retry in 12 s',
  }),
  badGateway: errorAnswer('The service behind this route is not reachable.', {
    statusCode: 502,
    error: 'Bad Gateway',
    message: 'stats-api is not reachable',
  }),
  timeout: errorAnswer('The service behind this route did not answer in time.', {
    statusCode: 504,
    error: 'Gateway Timeout',
    message: 'stats-api did not answer within 120 s',
  }),
};

function isError(status: string): boolean {
  return /^[45]\d\d$/.test(status);
}

/**
 * Gives every 4xx/5xx of the merged document without a schema of its own the ApiError schema
 * (keeping its example), and adds
 * what the gateway answers on its own: 401 where a token is needed, 403 to a cross-site unsafe
 * request signed in by cookie, 429 everywhere, 502 and 504 on the routes it forwards to a service.
 */
export function documentErrorAnswers(doc: OpenAPIObject, forwarded: ReadonlySet<string>): void {
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, [API_ERROR_SCHEMA]: API_ERROR } };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op: OperationObject | undefined = item[method];
      if (!op) continue;
      const responses = op.responses as Record<string, ResponseObject>;
      for (const [status, answer] of Object.entries(responses)) {
        if (!isError(status)) continue;
        const json = answer.content?.['application/json'];
        const schema = json?.schema as (SchemaObject & { $ref?: string }) | undefined;
        // A documented body of its own (GET /api/health's 503 is the health document) stays.
        if (schema?.$ref || schema?.type) continue;
        const example = json?.example ?? schema?.example;
        responses[status] = {
          ...answer,
          content: {
            ...answer.content,
            'application/json': { schema: { $ref: `#/components/schemas/${API_ERROR_SCHEMA}` }, ...(example ? { example } : {}) },
          },
        };
      }
      if (op.security?.length) responses['401'] ??= GATEWAY_ANSWERS.unauthorized;
      if (op.security?.length && method !== 'get') responses['403'] ??= GATEWAY_ANSWERS.crossSite;
      responses['429'] ??= GATEWAY_ANSWERS.tooMany;
      if (forwarded.has(path)) {
        responses['502'] ??= GATEWAY_ANSWERS.badGateway;
        responses['504'] ??= GATEWAY_ANSWERS.timeout;
      }
    }
  }
}
