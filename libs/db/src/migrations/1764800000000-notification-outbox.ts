import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (apps/ingest-service/src/notify): the webhook outbox and the open/resolved
 * state of incidents. Schema `raw` because ingest-service writes them (docs/data-model.md).
 */
export class NotificationOutbox1764800000000 implements MigrationInterface {
  name = 'NotificationOutbox1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "raw"."notification_outbox" ("id" BIGSERIAL NOT NULL, "kind" text NOT NULL, "event_type" text NOT NULL, "incident_key" text, "account_id" uuid, "dedupe_key" text, "payload" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "locked_until" TIMESTAMP WITH TIME ZONE, "admitted_at" TIMESTAMP WITH TIME ZONE, "summarized_in" bigint, "last_error" text, "response_status" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_notification_outbox" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "ux_notification_outbox_dedupe" ON "raw"."notification_outbox"  ("dedupe_key") `);
    await q.query(`CREATE INDEX "ix_notification_outbox_created" ON "raw"."notification_outbox"  ("created_at") `);
    await q.query(`CREATE INDEX "ix_notification_outbox_due" ON "raw"."notification_outbox"  ("status", "next_attempt_at") `);
    await q.query(
      `CREATE TABLE "raw"."notification_incidents" ("key" text NOT NULL, "event_type" text NOT NULL, "account_id" uuid, "state" text NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "occurrences" integer NOT NULL DEFAULT '1', "detail" jsonb, CONSTRAINT "pk_notification_incidents" PRIMARY KEY ("key"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "raw"."notification_incidents"`);
    await q.query(`DROP TABLE "raw"."notification_outbox"`);
  }
}
