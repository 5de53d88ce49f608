import { Client, Pool, types } from 'pg';
import { buildAllModels, loadModelProject } from '@rewind/models';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { ACCOUNT_TAG, CARDS, CardDefinition, DATE_TAG } from '../src/cards';
import { DEFAULT_METABASE_ROLE, enableRoleLogin } from '../src/role';
import { renderCardSql, DateRange } from './render-card';
import { ACCOUNT_ID, HOUSEMATE_ID, seedListening } from './seed';

// Read values as plain JS: bigint and numeric as numbers, dates as YYYY-MM-DD strings.
const parsers = { 20: Number, 1700: Number, 1082: (v: string) => v } as Record<number, (v: string) => unknown>;
const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
  parsers[oid] ?? types.getTypeParser(oid, format as 'text')) as typeof types.getTypeParser;

const ROLE_PASSWORD = 'metabase-test-password';
const MARCH: DateRange = { from: '2025-03-01', to: '2025-03-31' };
const APRIL: DateRange = { from: '2025-04-01', to: '2025-04-30' };

describe('Metabase cards against real PostgreSQL, as the read-only role', () => {
  let db: TestDatabase;
  let admin: Client;
  let reader: Client;
  /** Builds the marts with the real runner, connected as the role that owns schema marts (as transform-service is). */
  const buildMarts = async () => {
    const pool = new Pool({ connectionString: db.url, max: 2 });
    try {
      await buildAllModels(pool);
    } finally {
      await pool.end();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = new Client({ connectionString: db.url });
    await admin.connect();
    await seedListening(admin);
    await buildMarts();
    await enableRoleLogin(db.url, ROLE_PASSWORD);
    const url = new URL(db.url);
    url.username = DEFAULT_METABASE_ROLE;
    url.password = ROLE_PASSWORD;
    reader = new Client({ connectionString: url.toString(), types: { getTypeParser } });
    await reader.connect();
  });

  afterAll(async () => {
    await reader?.end();
    await admin?.end();
    await db?.drop();
  });

  /** A card's rows for one listener (the first one unless said otherwise; null: the listener filter left empty). */
  const run = async (name: string, range: DateRange | null, account: string | null = ACCOUNT_ID): Promise<unknown[][]> => {
    const card = CARDS.find((c) => c.name === name);
    if (!card) throw new Error(`no card ${name}`);
    const result = await reader.query({ text: renderCardSql(card, range, account), rowMode: 'array' });
    return result.rows.map((row: unknown[]) => row.map((v) => (v instanceof Date ? v.toISOString() : v)));
  };

  describe('the read-only role', () => {
    it('logs in with the password set from the environment and is who it says', async () => {
      const { rows } = await reader.query('select current_user as u');
      expect(rows[0].u).toBe(DEFAULT_METABASE_ROLE);
    });

    it('reads every table and view in marts, including tables rebuilt (built aside and swapped) after the migration', async () => {
      const { rows } = await admin.query(`select table_name from information_schema.tables where table_schema = 'marts' order by 1`);
      const relations = rows.map((r) => r.table_name);
      expect(relations).toEqual(expect.arrayContaining(loadModelProject().models.map((m) => m.name)));
      for (const { table_name } of rows) {
        await expect(reader.query(`select count(*) from marts."${table_name}"`)).resolves.toBeTruthy();
      }
      await buildMarts(); // a second full refresh swaps every table again
      await expect(reader.query('select count(*)::int as n from marts.fct_plays')).resolves.toMatchObject({ rows: [{ n: 13 }] });
    });

    it.each([['auth.accounts'], ['auth.account_tokens'], ['raw.plays'], ['raw.artists'], ['transform.runs']])(
      'cannot read %s',
      async (table) => {
        await expect(reader.query(`select * from ${table} limit 1`)).rejects.toThrow(/permission denied for schema/);
      },
    );

    it('cannot write to marts nor create objects there', async () => {
      await expect(reader.query(`delete from marts.fct_plays`)).rejects.toThrow(/permission denied/);
      await expect(reader.query(`create table marts.mine (x int)`)).rejects.toThrow(/permission denied/);
    });
  });

  describe('every card', () => {
    it('uses exactly the date and listener tags, on a date column and account_id of one table in marts', async () => {
      for (const card of CARDS) {
        const tags = [...card.sql.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]);
        expect([card.name, [...new Set(tags)].sort()]).toEqual([card.name, [ACCOUNT_TAG, DATE_TAG]]);
        const account = await admin.query(
          `select data_type from information_schema.columns where table_schema = 'marts' and table_name = $1 and column_name = 'account_id'`,
          [card.dateField.table],
        );
        expect([card.name, account.rows[0]?.data_type]).toEqual([card.name, 'uuid']);
        const { rows } = await admin.query(
          `select data_type from information_schema.columns where table_schema = 'marts' and table_name = $1 and column_name = $2`,
          [card.dateField.table, card.dateField.column],
        );
        expect([card.name, rows[0]?.data_type]).toEqual([card.name, 'date']);
      }
    });

    it.each(CARDS.map((c) => [c.name, c] as [string, CardDefinition]))('%s runs with and without each filter', async (_name, card) => {
      await expect(reader.query(renderCardSql(card, null, null))).resolves.toBeTruthy();
      await expect(reader.query(renderCardSql(card, MARCH, null))).resolves.toBeTruthy();
      await expect(reader.query(renderCardSql(card, MARCH, HOUSEMATE_ID))).resolves.toBeTruthy();
    });

    it('keeps the listeners of a household apart, and sums them only when the listener filter is empty', async () => {
      expect(await run('Songs played', MARCH, HOUSEMATE_ID)).toEqual([[2]]);
      expect(await run('Songs played', MARCH, null)).toEqual([[10]]);
      expect(await run('Top artists', MARCH, HOUSEMATE_ID)).toEqual([
        ['Alpha', 1, 1],
        ['Delta', 1, 2],
      ]);
      expect(await run('Top artists', MARCH, null)).toEqual([
        ['Alpha', 5, 10.33],
        ['Beta', 3, 9],
        ['Delta', 1, 2],
        ['Gamma', 1, 5],
      ]);
      // Each listener's week ends on their own latest listening day.
      expect(await run('New artists this week', null, HOUSEMATE_ID)).toEqual([['Alpha', '2025-03-11T07:00:00.000Z']]);
      expect(await run('New artists this week', null, null)).toEqual([
        ['Delta', '2025-04-04T12:00:00.000Z'],
        ['Alpha', '2025-03-11T07:00:00.000Z'],
      ]);
    });
  });

  describe('returns the hand-computed rows', () => {
    it('totals', async () => {
      expect(await run('Songs played', MARCH)).toEqual([[8]]);
      expect(await run('Songs played', null)).toEqual([[11]]);
      expect(await run('Different songs', MARCH)).toEqual([[4]]);
      expect(await run('Different songs', null)).toEqual([[5]]);
      expect(await run('Artists', MARCH)).toEqual([[3]]);
      expect(await run('Artists', null)).toEqual([[4]]);
      expect(await run('Minutes listened', MARCH)).toEqual([[23.33]]); // 1,400,000 ms
      expect(await run('Minutes listened', null)).toEqual([[27]]); // 1,620,000 ms
      expect(await run('Songs played', { from: '2025-05-01', to: '2025-05-31' })).toEqual([[0]]);
      expect(await run('Minutes listened', { from: '2025-05-01', to: '2025-05-31' })).toEqual([[0]]);
    });

    it('top songs, artists and genres (ties by name)', async () => {
      expect(await run('Top songs', MARCH)).toEqual([
        [1, 'One', 'Alpha', 3, 6.33],
        [2, 'Three', 'Beta', 3, 9],
        [3, 'Four', 'Gamma', 1, 5],
        [4, 'Two', 'Alpha', 1, 3],
      ]);
      expect(await run('Top artists', MARCH)).toEqual([
        ['Alpha', 4, 9.33],
        ['Beta', 3, 9],
        ['Gamma', 1, 5],
      ]);
      expect(await run('Top artists', APRIL)).toEqual([
        ['Alpha', 1, 1.5],
        ['Delta', 1, 1.67],
      ]);
      expect(await run('Top genres', MARCH)).toEqual([
        ['indie', 4, 9.33],
        ['rock', 4, 9.33],
        ['pop', 3, 9],
      ]);
    });

    it('most played', async () => {
      expect(await run('Most played', MARCH)).toEqual([
        ['Song', 'One — Alpha', 3, 6.33],
        ['Artist', 'Alpha', 4, 9.33],
        ['Album', 'First — Alpha', 4, 9.33],
        ['Genre', 'indie', 4, 9.33],
      ]);
      expect(await run('Most played', APRIL)).toEqual([
        ['Song', 'Five — Delta', 1, 1.67],
        ['Artist', 'Alpha', 1, 1.5],
        ['Album', 'First — Alpha', 1, 1.5],
        ['Genre', 'indie', 1, 1.5],
      ]);
    });

    it('by day of week and by hour (every bucket, zeros included)', async () => {
      expect(await run('By day of week', MARCH)).toEqual([
        [0, 'Mon', 5, 10.33],
        [1, 'Tue', 2, 8],
        [2, 'Wed', 0, 0],
        [3, 'Thu', 1, 5],
        [4, 'Fri', 0, 0],
        [5, 'Sat', 0, 0],
        [6, 'Sun', 0, 0],
      ]);
      expect(await run('By day of week', null)).toEqual([
        [0, 'Mon', 5, 10.33],
        [1, 'Tue', 3, 8.5],
        [2, 'Wed', 0, 0],
        [3, 'Thu', 1, 5],
        [4, 'Fri', 1, 1.67],
        [5, 'Sat', 1, 1.5],
        [6, 'Sun', 0, 0],
      ]);
      const hours = Array.from({ length: 24 }, (_, h) => [h, 0, 0]);
      hours[8] = [8, 4, 9.33];
      hours[9] = [9, 1, 1];
      hours[10] = [10, 1, 5];
      hours[21] = [21, 2, 8];
      expect(await run('By hour of day', MARCH)).toEqual(hours);
    });

    it('by day, week, month and year', async () => {
      expect(await run('By day', MARCH)).toEqual([
        ['2025-03-03', 3, 6],
        ['2025-03-04', 2, 8],
        ['2025-03-06', 1, 5],
        ['2025-03-10', 2, 4.33],
      ]);
      expect(await run('By week', MARCH)).toEqual([
        ['2025-03-03', 6, 19],
        ['2025-03-10', 2, 4.33],
      ]);
      expect(await run('By month', null)).toEqual([
        ['2024-12-01', 1, 0.5],
        ['2025-03-01', 8, 23.33],
        ['2025-04-01', 2, 3.17],
      ]);
      expect(await run('By year', null)).toEqual([
        [2024, 1, 0.5],
        [2025, 10, 26.5],
      ]);
      expect(await run('By year', MARCH)).toEqual([[2025, 8, 23.33]]);
    });

    it('trend: daily minutes with the 7-day calendar average', async () => {
      expect(await run('Trend', MARCH)).toEqual([
        ['2025-03-03', 6, 0.86, 3, 0.43],
        ['2025-03-04', 8, 2, 2, 0.71],
        ['2025-03-06', 5, 2.71, 1, 0.86],
        ['2025-03-10', 4.33, 2.48, 2, 0.71],
      ]);
    });

    it('hour-of-week heatmap, pivot-shaped (24 hours × Mon..Sun)', async () => {
      const grid = Array.from({ length: 24 }, (_, h) => [h, 0, 0, 0, 0, 0, 0, 0]);
      grid[8][1] = 4;
      grid[9][1] = 1;
      grid[10][4] = 1;
      grid[21][2] = 2;
      expect(await run('Hour-of-week heatmap', MARCH)).toEqual(grid);
      const all = grid.map((r) => [...r]);
      all[12][2] = 1; // p0, Tuesday 12:00
      all[12][5] = 1; // p9, Friday 12:00
      all[23][6] = 1; // p10, Saturday 23:30
      expect(await run('Hour-of-week heatmap', null)).toEqual(all);
    });

    it('recently played, newest first', async () => {
      expect(await run('Recently played', MARCH)).toEqual([
        ['2025-03-10T09:00:00.000Z', 'Three', 'Beta', 'Second', 1],
        ['2025-03-10T08:00:00.000Z', 'One', 'Alpha', 'First', 3.33],
        ['2025-03-06T10:00:00.000Z', 'Four', 'Gamma', 'Third', 5],
        ['2025-03-04T21:30:00.000Z', 'Three', 'Beta', 'Second', 4],
        ['2025-03-04T21:00:00.000Z', 'Three', 'Beta', 'Second', 4],
        ['2025-03-03T08:10:00.000Z', 'One', 'Alpha', 'First', 1],
        ['2025-03-03T08:05:00.000Z', 'Two', 'Alpha', 'First', 3],
        ['2025-03-03T08:00:00.000Z', 'One', 'Alpha', 'First', 2],
      ]);
    });

    it('new artists this week (the 7 days up to the latest listening day) and discoveries per week', async () => {
      expect(await run('New artists this week', null)).toEqual([['Delta', '2025-04-04T12:00:00.000Z']]);
      expect(await run('New artists this week', APRIL)).toEqual([['Delta', '2025-04-04T12:00:00.000Z']]);
      expect(await run('New artists this week', MARCH)).toEqual([]);
      expect(await run('Discoveries', MARCH)).toEqual([['2025-03-03', 2, 3]]);
      expect(await run('Discoveries', null)).toEqual([
        ['2024-12-30', 1, 1],
        ['2025-03-03', 2, 3],
        ['2025-03-31', 1, 1],
      ]);
    });

    it('streaks and sessions', async () => {
      expect(await run('Longest streaks', MARCH)).toEqual([
        ['2025-03-03', '2025-03-04', 2, 5],
        ['2025-03-10', '2025-03-10', 1, 2],
        ['2025-03-06', '2025-03-06', 1, 1],
      ]);
      expect(await run('Longest streaks', null)).toEqual([
        ['2025-04-04', '2025-04-05', 2, 2],
        ['2025-03-03', '2025-03-04', 2, 5],
        ['2025-03-10', '2025-03-10', 1, 2],
        ['2025-03-06', '2025-03-06', 1, 1],
        ['2024-12-31', '2024-12-31', 1, 1],
      ]);
      expect(await run('Longest sessions', MARCH)).toEqual([
        ['2025-03-03T08:00:00.000Z', '2025-03-03T08:11:00.000Z', 3, 2, 6],
        ['2025-03-06T10:00:00.000Z', '2025-03-06T10:05:00.000Z', 1, 1, 5],
        ['2025-03-04T21:00:00.000Z', '2025-03-04T21:04:00.000Z', 1, 1, 4],
        ['2025-03-04T21:30:00.000Z', '2025-03-04T21:34:00.000Z', 1, 1, 4],
        ['2025-03-10T08:00:00.000Z', '2025-03-10T08:03:20.000Z', 1, 1, 3.33],
        ['2025-03-10T09:00:00.000Z', '2025-03-10T09:01:00.000Z', 1, 1, 1],
      ]);
    });
  });
});
