/** What a webhook answered (or why it did not). */
export interface WebhookAnswer {
  ok: boolean;
  status: number | null;
  bodyExcerpt: string;
  latencyMs: number;
  error: string | null;
}

/** Where a URL points, without credentials, path or query (Slack webhook paths are secrets). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '(invalid URL)';
  }
}

/** POSTs JSON to the webhook with a hard timeout; never throws. */
export async function postWebhook(url: string, body: unknown, timeoutMs: number): Promise<WebhookAnswer> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'rewind-notify/1' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    const text = await response.text();
    const bodyExcerpt = text.slice(0, 300);
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      status: response.status,
      bodyExcerpt,
      latencyMs: latency(),
      error: ok ? null : `webhook answered HTTP ${response.status}${bodyExcerpt ? `: ${bodyExcerpt.slice(0, 200)}` : ''}`,
    };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    let message: string;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') message = `webhook did not answer within ${timeoutMs} ms (NOTIFY_TIMEOUT_MS)`;
    else if (e.cause?.code) message = `webhook unreachable (${e.cause.code}) at ${redactUrl(url)}`;
    else message = `webhook request failed: ${e.cause?.message ?? e.message}`;
    return { ok: false, status: null, bodyExcerpt: '', latencyMs: latency(), error: message };
  }
}
