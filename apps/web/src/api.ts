// The dashboard's only way out: the public REST API through the gateway, with the admin's API
// token in the Authorization header (never in a URL), or else a listener's session cookie
// (httpOnly, sent by the browser itself; unsafe methods carry the page's Origin).

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
  /** the token (`withToken`) or else the session was refused (401): ask for it again, or sign in again */
  unauthorized(withToken: boolean): void;
  /** a service did not answer (502/503/504 or no network) */
  serviceDown(error: ApiError): void;
}

export class Api {
  constructor(private readonly hooks: ApiHooks) {}

  /** `token`: check this token instead of the stored one; a 401 is then the caller's to report. */
  get<T>(path: string, params?: Params, token?: string): Promise<T> {
    return this.request<T>('GET', withQuery(path, params), undefined, { token, own401: token !== undefined });
  }

  /** A GET that sends no token (only the session cookie, if any) and reports no 401: who is signed in. */
  probe<T>(path: string): Promise<T> {
    return this.request<T>('GET', path, undefined, { token: null, own401: true });
  }

  post<T>(path: string, params: Params | undefined, body: FormData | object | undefined): Promise<T> {
    return this.request<T>('POST', withQuery(path, params), body);
  }

  patch<T>(path: string, body: object): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }

  private async request<T>(
    method: string,
    url: string,
    body?: FormData | object,
    options: { token?: string | null; own401?: boolean } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const bearer = options.token === undefined ? tokenStore.get() : options.token;
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
      // A token check or a probe reports its own 401; everything else asks for the token (or a sign-in) again.
      if (res.status === 401 && !options.own401) this.hooks.unauthorized(!!bearer);
      if (error.serviceDown) this.hooks.serviceDown(error);
      throw error;
    }
    return parsed as T;
  }
}
