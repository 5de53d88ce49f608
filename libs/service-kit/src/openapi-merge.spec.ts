import type { OpenAPIObject } from '@nestjs/swagger';
import { mergeOpenApiDocuments, OpenApiMergeError } from './openapi-merge';

function doc(title: string, paths: OpenAPIObject['paths'], schemas: Record<string, object> = {}): OpenAPIObject {
  return { openapi: '3.0.0', info: { title, version: '1' }, paths, components: { schemas } };
}

const gateway = doc('Rewind gateway', {
  '/api/health': { get: { responses: { '200': { description: 'up' } } } },
});
const runBody = (field: string) => ({ type: 'object', properties: { [field]: { type: 'string' } } });

describe('mergeOpenApiDocuments', () => {
  it('refuses two services defining one component name differently, naming both', () => {
    const ingest = doc('ingest-service', {}, { CreateRunDto: runBody('accountId') });
    const transform = doc('transform-service', {}, { CreateRunDto: runBody('select') });
    expect(() => mergeOpenApiDocuments(gateway, [ingest, transform])).toThrow(OpenApiMergeError);
    expect(() => mergeOpenApiDocuments(gateway, [ingest, transform])).toThrow(
      /CreateRunDto is defined by both ingest-service and transform-service/,
    );
  });

  it('keeps one copy of a component two services share unchanged', () => {
    const a = doc('a', {}, { Ref: runBody('id') });
    const b = doc('b', {}, { Ref: runBody('id') });
    expect(mergeOpenApiDocuments(gateway, [a, b]).components!.schemas!.Ref).toEqual(runBody('id'));
  });

  it('gives error answers the ApiError schema (keeping examples and own schemas) and adds the gateway answers', () => {
    const example = { statusCode: 404, error: 'Not Found', message: 'No account with id x' };
    const stats = doc('stats-api', {
      '/api/stats/summary': {
        get: {
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } },
            '404': { description: 'unknown account', content: { 'application/json': { schema: { example } as object } } },
            '503': { description: 'own body', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } },
          },
        },
      },
      '/health/ready': { get: { responses: { '200': { description: 'internal' } } } },
    });
    const merged = mergeOpenApiDocuments(gateway, [stats]);
    expect(Object.keys(merged.paths)).toEqual(['/api/health', '/api/stats/summary']);
    const responses = merged.paths['/api/stats/summary'].get!.responses as Record<string, { content?: Record<string, unknown> }>;
    expect(responses['404'].content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/ApiError' }, example } });
    expect(responses['503'].content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/Health' } } });
    expect(Object.keys(responses).sort()).toEqual(['200', '401', '404', '429', '502', '503', '504']);
    // The gateway's own health route needs no token and is not forwarded.
    expect(Object.keys(merged.paths['/api/health'].get!.responses).sort()).toEqual(['200', '429']);
    expect(merged.components!.schemas!.ApiError).toMatchObject({ required: ['statusCode', 'error', 'message'] });
  });
});
