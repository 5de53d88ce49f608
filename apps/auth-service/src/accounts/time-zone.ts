import { BadRequestException } from '@nestjs/common';
import { IANAZone } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * An account's zone must be one both the dashboard (Intl, via luxon) and PostgreSQL know: the
 * marts convert every play with `AT TIME ZONE`, so a name PostgreSQL refuses would fail every
 * transform run. Returns PostgreSQL's spelling of the name (zone names are case-insensitive there).
 */
export async function checkedTimeZone(db: DataSource | EntityManager, value: string): Promise<string> {
  const name = value.trim();
  if (name && IANAZone.isValidZone(name)) {
    const rows: Array<{ name: string }> = await db.query(
      `SELECT name FROM pg_timezone_names WHERE lower(name) = lower($1) ORDER BY name = $1 DESC LIMIT 1`,
      [name],
    );
    if (rows.length) return rows[0].name;
  }
  throw new BadRequestException(
    `timeZone must be an IANA time zone name such as Europe/Berlin or America/New_York, got "${value.slice(0, 100)}"`,
  );
}
