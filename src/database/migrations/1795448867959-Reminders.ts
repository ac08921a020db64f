import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reminders1795448867959 implements MigrationInterface {
  name = 'Reminders1795448867959';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_overrides" ("date" date NOT NULL, "kind" character varying(10) NOT NULL, "name" character varying(100) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5da0adcfdcb3ce929cd0845d9a4" PRIMARY KEY ("date"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "digest_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "item_id" uuid, "kind" character varying(20) NOT NULL, "payload" jsonb NOT NULL, "dedupe_key" character varying(400) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "digested_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4ceba595e008458b3dd500041eb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_c09a4bb7b015c728ba6e01a914" ON "digest_entries" ("dedupe_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e8dc072c192cd7a54c92ccea81" ON "digest_entries" ("user_id", "digested_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_user_id" uuid, "recipient_email" character varying(254) NOT NULL, "template" character varying(40) NOT NULL, "payload" jsonb NOT NULL, "idempotency_key" character varying(400) NOT NULL, "mandatory" boolean NOT NULL DEFAULT false, "status" character varying(10) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "lease_until" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "message_id" character varying(300), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_83d47c7dba1da2d038749fe757e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_650ff8655e467487e1caed2735" ON "notification_outbox" ("idempotency_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b086a759c37e5545c361ac802e" ON "notification_outbox" ("recipient_user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cd75e8790eef49379ce983341e" ON "notification_outbox" ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "mode" character varying(10) NOT NULL DEFAULT 'weekly', "language" character varying(5) NOT NULL DEFAULT 'zh-CN', "unsubscribed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_64c90edc7310c6be7c10c96f675" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "escalation_notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "level" character varying(8) NOT NULL, "ladder_start" date NOT NULL, "issued_on" date NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "recipients" jsonb NOT NULL, "cc" jsonb NOT NULL, "snapshot" jsonb NOT NULL, CONSTRAINT "PK_1b6bf438b714f0696bb377d01df" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8ca903383e52fe6de455899219" ON "escalation_notices" ("issued_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_00f1832214efc8cf63718bf66d" ON "escalation_notices" ("item_id", "ladder_start", "level") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reminder_item_states" ("item_id" uuid NOT NULL, "effective_due_on" date, "extension_approved_on" date, "backlog_until" date, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c472af74f0cab89310b966728ff" PRIMARY KEY ("item_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "reminder_policies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scope" character varying(10) NOT NULL, "scope_id" character varying(64) NOT NULL, "policy" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a8c964baa9fb60b3e1830df35b2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_4d3620622de62b9db9ea0aad34" ON "reminder_policies" ("scope", "scope_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "digest_entries" ADD CONSTRAINT "FK_8840fb5ebb53316850f1d359a46" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" ADD CONSTRAINT "FK_64c90edc7310c6be7c10c96f675" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "escalation_notices" ADD CONSTRAINT "FK_7cc9197b1dd0656166063da2deb" FOREIGN KEY ("item_id") REFERENCES "plan_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminder_item_states" ADD CONSTRAINT "FK_c472af74f0cab89310b966728ff" FOREIGN KEY ("item_id") REFERENCES "plan_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "reminder_item_states" DROP CONSTRAINT "FK_c472af74f0cab89310b966728ff"`,
    );
    await queryRunner.query(
      `ALTER TABLE "escalation_notices" DROP CONSTRAINT "FK_7cc9197b1dd0656166063da2deb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_64c90edc7310c6be7c10c96f675"`,
    );
    await queryRunner.query(`ALTER TABLE "digest_entries" DROP CONSTRAINT "FK_8840fb5ebb53316850f1d359a46"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4d3620622de62b9db9ea0aad34"`);
    await queryRunner.query(`DROP TABLE "reminder_policies"`);
    await queryRunner.query(`DROP TABLE "reminder_item_states"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_00f1832214efc8cf63718bf66d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8ca903383e52fe6de455899219"`);
    await queryRunner.query(`DROP TABLE "escalation_notices"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cd75e8790eef49379ce983341e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b086a759c37e5545c361ac802e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_650ff8655e467487e1caed2735"`);
    await queryRunner.query(`DROP TABLE "notification_outbox"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e8dc072c192cd7a54c92ccea81"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c09a4bb7b015c728ba6e01a914"`);
    await queryRunner.query(`DROP TABLE "digest_entries"`);
    await queryRunner.query(`DROP TABLE "calendar_overrides"`);
  }
}
