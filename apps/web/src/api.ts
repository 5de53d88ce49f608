// The dashboard's only way out: the public REST API through the gateway, with the API token in
// the Authorization header (never in a URL).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly route: string,
  ) {
    super(message);
  }

  /** The gateway could not reach the service behind the route (or the network failed: status 0). */
  get serviceDown(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

const TOKEN_KEY = 'rewind.apiToken';

export const tokenStore = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token.trim()),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

export type Params = Record<string, string | number | undefined | null>;

export function withQuery(path: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export interface ApiHooks {
  /** the token was refused (401): ask for it again */
  unauthorized(): void;
  /** a service did not answer (502/503/504 or no network) */
  serviceDown(error: ApiError): void;
}

export class Api {
  constructor(private readonly hooks: ApiHooks) {}

  get<T>(path: string, params?: Params, token?: string): Promise<T> {
    return this.request<T>('GET', withQuery(path, params), undefined, token);
  }

  post<T>(path: string, params: Params | undefined, body: FormData | object | undefined): Promise<T> {
    return this.request<T>('POST', withQuery(path, params), body);
  }

  patch<T>(path: string, body: object): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  private async request<T>(method: string, url: string, body?: FormData | object, token?: string): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const bearer = token ?? tokenStore.get();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const route = url.split('?')[0];
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: payload });
    } catch {
      const error = new ApiError(0, 'The Rewind gateway did not answer: is it running?', route);
      this.hooks.serviceDown(error);
      throw error;
    }
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (!res.ok) {
      const message = (parsed as { message?: unknown } | undefined)?.message;
      const error = new ApiError(
        res.status,
        typeof message === 'string' ? message : Array.isArray(message) ? message.join('; ') : `${method} ${route} answered ${res.status}`,
        route,
      );
      // A token check (explicit token) reports its own 401; everything else asks for the token again.
      if (res.status === 401 && token === undefined) this.hooks.unauthorized();
      if (error.serviceDown) this.hooks.serviceDown(error);
      throw error;
    }
    return parsed as T;
  }
}
