import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 12: the plan-event outbox (requests never wait on Redis) and retry bookkeeping of mail rows. */
export class DeliveryRecovery1796473639836 implements MigrationInterface {
  name = 'DeliveryRecovery1796473639836';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "plan_event_outbox" ("id" BIGSERIAL NOT NULL, "event" jsonb NOT NULL, "failures" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "relayed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9fb02518fa59deb566b27052fac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_plan_event_outbox_unrelayed" ON "plan_event_outbox" ("id") WHERE "relayed_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_outbox" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_outbox" ADD "retrying_since" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_outbox" ADD "interruptions" integer NOT NULL DEFAULT '0'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP COLUMN "interruptions"`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP COLUMN "retrying_since"`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP COLUMN "next_attempt_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_plan_event_outbox_unrelayed"`);
    await queryRunner.query(`DROP TABLE "plan_event_outbox"`);
  }
}
