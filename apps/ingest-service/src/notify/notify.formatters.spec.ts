import { loadEnv, ConfigError } from '@rewind/config';
import { baseTestEnv } from '@rewind/testing';
import { ingestEnv } from '../config/ingest.config';
import { backoffMs } from './delivery.worker';
import { minutesChange, renderBody, renderSlack, renderText } from './notify.formatters';
import { EXAMPLES } from './testing/examples';
import { lastFireAt, weekEndingAt } from './weekly-summary';

describe('message formats', () => {
  it('slack: text plus header, section and context blocks; json: the event itself', () => {
    const p = EXAMPLES.ingest_failed;
    const slack = renderSlack(p);
    expect(slack.text.split('\n')[0]).toBe(':rotating_light: [Rewind] Polling recently-played failed');
    expect(slack.text).toContain('Spotify unavailable');
    expect(slack.text).toContain('Where to look: GET /api/ingest/runs?accountId=');
    expect(slack.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: '[Rewind] Polling recently-played failed', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: expect.stringContaining('Account: alice (3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f)') } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `incident \`${p.incident}\` · state *open* · at ${p.occurredAt}` }] },
    ]);
    expect(renderBody(p, 'json')).toBe(p);
  });

  it('every example renders with its key facts', () => {
    expect(renderText(EXAMPLES.ingest_recovered)).toContain('Open since 2026-11-23T06:30:00.000Z (3 failures)');
    expect(renderText(EXAMPLES.suppressed_summary)).toContain('• 2026-11-23T07:43:10.000Z ✗ Polling recently-played failed');
    const weekly = renderText(EXAMPLES.weekly_summary);
    expect(weekly).toContain('Listening: 1,312.4 min in 402 plays — +132.15 min (+11.2 %) vs the week before (1,180.25 min)');
    expect(weekly).toContain('  1. Radiohead — 41 plays, 180.5 min');
    expect(weekly).toContain('New artists discovered: 3 — Wet Leg, Fontaines D.C., Black Country, New Road');
    expect(weekly).toContain('Current streak: 12 days');
  });

  it('minutes change wording', () => {
    expect(minutesChange(0, 0)).toBe('same as the week before');
    expect(minutesChange(10, 0)).toBe('+10 min (nothing the week before)');
    expect(minutesChange(50, 100)).toBe('-50 min (-50 %) vs the week before (100 min)');
  });
});

describe('schedule and back-off', () => {
  it('Monday 09:00 in the account zone; the reported week is the seven local days before', () => {
    const now = new Date('2026-11-23T08:30:00Z'); // Monday 09:30 in Berlin
    const fired = lastFireAt('0 9 * * 1', 'Europe/Berlin', now)!;
    expect(fired.toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(weekEndingAt(fired, 'Europe/Berlin')).toEqual({
      tz: 'Europe/Berlin',
      from: '2026-11-16',
      to: '2026-11-23',
      previousFrom: '2026-11-09',
    });
    expect(lastFireAt('0 9 * * 1', 'America/New_York', now)).toBeNull(); // 03:30 in New York: not yet (last Monday's is over a day old)
    expect(lastFireAt('0 9 * * 1', 'Asia/Tokyo', now)!.toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('back-off doubles from NOTIFY_RETRY_BASE_MS, capped at an hour', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20, 30_000)).toBe(3_600_000);
  });
});

describe('NOTIFY_* configuration', () => {
  const load = (env: Record<string, string>) =>
    loadEnv(ingestEnv, { ...baseTestEnv('postgres://x@127.0.0.1/db'), ...env } as NodeJS.ProcessEnv);

  it('off by default; every event; Monday 09:00', () => {
    const c = load({});
    expect(c.NOTIFY_WEBHOOK_URL).toBeUndefined();
    expect(c.NOTIFY_FORMAT).toBe('slack');
    expect(c.NOTIFY_EVENTS).toEqual([
      'ingest_failed',
      'import_failed',
      'transform_failed',
      'data_test_failed',
      'reauth_required',
      'gap_detected',
      'weekly_summary',
      'refresh_token_expiring',
    ]);
    expect(c.NOTIFY_WEEKLY_CRON).toBe('0 9 * * 1');
    expect(load({ NOTIFY_EVENTS: ' ingest_failed, weekly_summary ' }).NOTIFY_EVENTS).toEqual(['ingest_failed', 'weekly_summary']);
  });

  it('a bad value names its variable', () => {
    const problems = (env: Record<string, string>) => {
      try {
        load(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problems({ NOTIFY_WEBHOOK_URL: 'not a url' })[0]).toMatch(/^NOTIFY_WEBHOOK_URL: /);
    expect(problems({ NOTIFY_WEBHOOK_URL: 'ftp://example.com/x' })).toEqual(['NOTIFY_WEBHOOK_URL: must be an http:// or https:// URL']);
    expect(problems({ NOTIFY_FORMAT: 'xml' })[0]).toMatch(/^NOTIFY_FORMAT: /);
    expect(problems({ NOTIFY_EVENTS: 'ingest_failed,nope' })).toEqual([
      'NOTIFY_EVENTS: unknown event "nope"; known: all, ingest_failed, import_failed, transform_failed, data_test_failed, reauth_required, gap_detected, weekly_summary, refresh_token_expiring',
    ]);
    expect(problems({ NOTIFY_WEEKLY_CRON: 'mondays' })[0]).toMatch(/^NOTIFY_WEEKLY_CRON: must be a cron expression/);
  });
});
