import { INestApplication } from '@nestjs/common';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BackendService } from '@rewind/config';
import { buildOpenApiDocument, INTERNAL_TOKEN_HEADER, mergeOpenApiDocuments } from '@rewind/service-kit';
import { SERVICE } from '../service';

const CACHE_MS = 5000;

async function fetchServiceDocument(baseUrl: string, internalToken: string): Promise<OpenAPIObject | null> {
  try {
    const res = await fetch(`${baseUrl}/openapi.json`, {
      headers: { [INTERNAL_TOKEN_HEADER]: internalToken },
      signal: AbortSignal.timeout(2000),
    });
    return res.ok ? ((await res.json()) as OpenAPIObject) : null;
  } catch {
    return null;
  }
}

/** Swagger UI at /docs and the merged document of every service at /docs/openapi.json. */
export function setupDocs(app: INestApplication, urls: Record<BackendService, string>, internalToken: string): void {
  const own = buildOpenApiDocument(app, SERVICE);
  let cached: { at: number; doc: OpenAPIObject } | null = null;
  const merged = async (): Promise<OpenAPIObject> => {
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.doc;
    const docs = await Promise.all(Object.values(urls).map((url) => fetchServiceDocument(url, internalToken)));
    const doc = mergeOpenApiDocuments(
      own,
      docs.filter((d): d is OpenAPIObject => d !== null),
    );
    // A service that is down would make the document incomplete: do not keep that.
    if (docs.every((d) => d)) cached = { at: Date.now(), doc };
    return doc;
  };
  SwaggerModule.setup('docs', app, own, {
    jsonDocumentUrl: 'docs/openapi.json',
    raw: ['json'],
    customSiteTitle: 'Rewind API',
    patchDocumentOnRequest: () => merged(),
  });
}
