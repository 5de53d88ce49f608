import { MigrationInterface, QueryRunner } from 'typeorm';

/** A household's listeners: signed-in sessions (only a hash of each id) and published share links. */
export class SessionsAndShares1765400000000 implements MigrationInterface {
  name = 'SessionsAndShares1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "auth"."sessions" ("token_hash" text NOT NULL, "account_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_abaa9e068cdd390bc5210f79884" PRIMARY KEY ("token_hash"))`,
    );
    await q.query(`CREATE INDEX "ix_sessions_account_id" ON "auth"."sessions"  ("account_id") `);
    await q.query(`CREATE INDEX "ix_sessions_expires_at" ON "auth"."sessions"  ("expires_at") `);
    await q.query(
      `CREATE TABLE "auth"."shares" ("id" text NOT NULL, "account_id" uuid NOT NULL, "kind" text NOT NULL, "year" integer, "from_date" date, "to_date" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b88473409066c43c2ccb1894a82" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_shares_account_id" ON "auth"."shares"  ("account_id") `);
    await q.query(
      `ALTER TABLE "auth"."sessions" ADD CONSTRAINT "fk_sessions_account" FOREIGN KEY ("account_id") REFERENCES "auth"."accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "auth"."shares" ADD CONSTRAINT "fk_shares_account" FOREIGN KEY ("account_id") REFERENCES "auth"."accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "auth"."shares" DROP CONSTRAINT "fk_shares_account"`);
    await q.query(`ALTER TABLE "auth"."sessions" DROP CONSTRAINT "fk_sessions_account"`);
    await q.query(`DROP INDEX "auth"."ix_shares_account_id"`);
    await q.query(`DROP TABLE "auth"."shares"`);
    await q.query(`DROP INDEX "auth"."ix_sessions_expires_at"`);
    await q.query(`DROP INDEX "auth"."ix_sessions_account_id"`);
    await q.query(`DROP TABLE "auth"."sessions"`);
  }
}
