import { ConfigError, loadEnv } from '@rewind/config';
import { ingestEnv } from '../config/ingest.config';
import { detectGap } from './polling.service';

const base = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/x', INTERNAL_TOKEN: 'internal-token-0123456789' };

describe('polling configuration', () => {
  it('INGEST_CRON defaults to every 30 minutes, accepts "off", and a bad one names the variable', () => {
    expect(loadEnv(ingestEnv, base as NodeJS.ProcessEnv).INGEST_CRON).toBe('*/30 * * * *');
    expect(loadEnv(ingestEnv, { ...base, INGEST_CRON: 'off' } as NodeJS.ProcessEnv).INGEST_CRON).toBe('off');
    expect(() => loadEnv(ingestEnv, { ...base, INGEST_CRON: 'every half hour' } as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => loadEnv(ingestEnv, { ...base, INGEST_CRON: '61 * * * *' } as NodeJS.ProcessEnv)).toThrow(/INGEST_CRON/);
    expect(() => loadEnv(ingestEnv, { ...base, INGEST_LEASE_SECONDS: '1' } as NodeJS.ProcessEnv)).toThrow(/INGEST_LEASE_SECONDS/);
  });
});

describe('detectGap', () => {
  const page = (from: number) => Array.from({ length: 50 }, (_, i) => from + i * 1000);
  it('a full page entirely newer than the newest stored play is a gap from it to the oldest fetched', () => {
    expect(detectGap(page(10_000), 5_000)).toEqual({ from: new Date(5_000), to: new Date(10_000) });
  });
  it('no gap: page not full, first poll, or reaching the stored play', () => {
    expect(detectGap(page(10_000).slice(1), 5_000)).toBeNull();
    expect(detectGap(page(10_000), undefined)).toBeNull();
    expect(detectGap(page(10_000), 10_000)).toBeNull();
  });
});
