import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlanDrafts1795450649050 implements MigrationInterface {
  name = 'PlanDrafts1795450649050';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."plan_draft_status" AS ENUM('draft', 'published', 'discarded')`,
    );
    await queryRunner.query(
      `CREATE TABLE "plan_drafts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_by" uuid NOT NULL, "file_name" character varying(300) NOT NULL, "source_text" text NOT NULL, "draft" jsonb NOT NULL, "provenance" jsonb NOT NULL, "warnings" jsonb NOT NULL, "status" "public"."plan_draft_status" NOT NULL DEFAULT 'draft', "published_plan_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_0a81891ab560bd3b8ba3fa67038" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d408ea638410b0ebede1619039" ON "plan_drafts" ("created_by", "created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_d408ea638410b0ebede1619039"`);
    await queryRunner.query(`DROP TABLE "plan_drafts"`);
    await queryRunner.query(`DROP TYPE "public"."plan_draft_status"`);
  }
}
