import { MigrationInterface, QueryRunner } from 'typeorm';

/** Numbered 督办件 (counter per office and year), 催办 and 反馈 (issue 13). */
export class SupervisionNotices1795480000000 implements MigrationInterface {
  name = 'SupervisionNotices1795480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "supervision_counters" ("office_key" character varying(40) NOT NULL, "year" integer NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_3ae03ddf031b22ee32f10037c6c" PRIMARY KEY ("office_key", "year"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "supervision_notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "office_key" character varying(40) NOT NULL, "year" integer NOT NULL, "number" integer NOT NULL, "issued_on" date NOT NULL, "due_on" date, "reply_due_on" date NOT NULL, "departments" jsonb NOT NULL, "issued_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9b4420fd0c2f761f599285c6ee8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_77f0e56e17cc1cf6417263727e" ON "supervision_notices" ("item_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_659adcb80cacf795a839e15dd1" ON "supervision_notices" ("office_key", "year", "number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "supervision_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "kind" character varying(10) NOT NULL, "notice_id" uuid, "department_id" uuid NOT NULL, "text" text NOT NULL, "files" jsonb NOT NULL DEFAULT '[]', "mailed" integer, "by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f3d8b17b9fec95fb90ab7af1fa3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_030d260a7c3256559aa8f46d2a" ON "supervision_actions" ("notice_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2f3184f9eb0cb1f1011e1e7eb7" ON "supervision_actions" ("item_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_notices" ADD CONSTRAINT "FK_77f0e56e17cc1cf6417263727ea" FOREIGN KEY ("item_id") REFERENCES "plan_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_actions" ADD CONSTRAINT "FK_70dd593a102b6308c149ba308cc" FOREIGN KEY ("item_id") REFERENCES "plan_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_actions" ADD CONSTRAINT "FK_030d260a7c3256559aa8f46d2af" FOREIGN KEY ("notice_id") REFERENCES "supervision_notices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_actions" ADD CONSTRAINT "FK_fb41cf7286c81fabb0305f4fcb8" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "supervision_actions" DROP CONSTRAINT "FK_fb41cf7286c81fabb0305f4fcb8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_actions" DROP CONSTRAINT "FK_030d260a7c3256559aa8f46d2af"`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_actions" DROP CONSTRAINT "FK_70dd593a102b6308c149ba308cc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_notices" DROP CONSTRAINT "FK_77f0e56e17cc1cf6417263727ea"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_2f3184f9eb0cb1f1011e1e7eb7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_030d260a7c3256559aa8f46d2a"`);
    await queryRunner.query(`DROP TABLE "supervision_actions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_659adcb80cacf795a839e15dd1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_77f0e56e17cc1cf6417263727e"`);
    await queryRunner.query(`DROP TABLE "supervision_notices"`);
    await queryRunner.query(`DROP TABLE "supervision_counters"`);
  }
}
