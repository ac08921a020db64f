import { MigrationInterface, QueryRunner } from 'typeorm';

export class SupervisionFlow1795448814533 implements MigrationInterface {
  name = 'SupervisionFlow1795448814533';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."extension_state" AS ENUM('pending', 'approved', 'rejected')`,
    );
    await queryRunner.query(
      `CREATE TABLE "extension_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "department_id" uuid NOT NULL, "reason" text NOT NULL, "current_due_on" date NOT NULL, "requested_due_on" date NOT NULL, "state" "public"."extension_state" NOT NULL, "requested_by_user_id" uuid, "decided_by_user_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_comment" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cf652cfbd6bc847a21929fd703f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_1bfdca789c54fe74e79a26fdfb" ON "extension_requests" ("state") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_extension_requests_pending" ON "extension_requests" ("item_id") WHERE "state" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_37e65ab282fbd8f5f437f2ce58" ON "extension_requests" ("item_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."progress_report_state" AS ENUM('submitted', 'approved', 'returned')`,
    );
    await queryRunner.query(
      `CREATE TABLE "progress_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "department_id" uuid NOT NULL, "period" character varying(10) NOT NULL, "text" text NOT NULL, "percent" smallint NOT NULL, "state" "public"."progress_report_state" NOT NULL, "previous_id" uuid, "submitted_by_user_id" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reviewed_by_user_id" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "review_comment" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_175179020a43d5ec75ab1d6a04f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c75b48d48d7d5072efd882792d" ON "progress_reports" ("assignment_id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_a75fbc593dea942cf840e8719a" ON "progress_reports" ("state") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_progress_reports_pending" ON "progress_reports" ("assignment_id") WHERE "state" = 'submitted'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9968c1f4e300f1cf126e72ee67" ON "progress_reports" ("item_id", "submitted_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "report_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "storage_key" character varying(300) NOT NULL, "file_name" character varying(255) NOT NULL, "content_type" character varying(120) NOT NULL, "size_bytes" bigint NOT NULL, "sha256" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_d08308fe8751aa3fab1358e2f9f" UNIQUE ("storage_key"), CONSTRAINT "PK_d1284a8b0509229ef08ce8c4105" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b16cc9f98191e402dda66a20f7" ON "report_files" ("report_id") `);
    await queryRunner.query(`ALTER TABLE "plan_items" ADD "extended_due_on" date`);
    await queryRunner.query(`ALTER TABLE "plan_items" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "plan_items" ADD "closed_by_user_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "extension_requests" ADD CONSTRAINT "FK_fae8eaec6a7045b5984d4dc5aee" FOREIGN KEY ("item_id") REFERENCES "plan_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "extension_requests" ADD CONSTRAINT "FK_3eddf28db51f05422108993201c" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "extension_requests" ADD CONSTRAINT "FK_ad5aecf7d0803ffdf9e786c2f45" FOREIGN KEY ("requested_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "extension_requests" ADD CONSTRAINT "FK_7ca7c33d0e7a94ff2f4f7cf791d" FOREIGN KEY ("decided_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_reports" ADD CONSTRAINT "FK_06d15b9bf5bd5f4eab4917db8d9" FOREIGN KEY ("item_id") REFERENCES "plan_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_reports" ADD CONSTRAINT "FK_c75b48d48d7d5072efd882792d2" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_reports" ADD CONSTRAINT "FK_2143449220c30f64af8057d6c07" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_reports" ADD CONSTRAINT "FK_62ae9e6926f16419e0a6f46e49d" FOREIGN KEY ("submitted_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_reports" ADD CONSTRAINT "FK_e8fe773cc0abd47c25feddce771" FOREIGN KEY ("reviewed_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_files" ADD CONSTRAINT "FK_b16cc9f98191e402dda66a20f7d" FOREIGN KEY ("report_id") REFERENCES "progress_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "report_files" DROP CONSTRAINT "FK_b16cc9f98191e402dda66a20f7d"`);
    await queryRunner.query(
      `ALTER TABLE "progress_reports" DROP CONSTRAINT "FK_e8fe773cc0abd47c25feddce771"`,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_reports" DROP CONSTRAINT "FK_62ae9e6926f16419e0a6f46e49d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_reports" DROP CONSTRAINT "FK_2143449220c30f64af8057d6c07"`,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_reports" DROP CONSTRAINT "FK_c75b48d48d7d5072efd882792d2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_reports" DROP CONSTRAINT "FK_06d15b9bf5bd5f4eab4917db8d9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "extension_requests" DROP CONSTRAINT "FK_7ca7c33d0e7a94ff2f4f7cf791d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "extension_requests" DROP CONSTRAINT "FK_ad5aecf7d0803ffdf9e786c2f45"`,
    );
    await queryRunner.query(
      `ALTER TABLE "extension_requests" DROP CONSTRAINT "FK_3eddf28db51f05422108993201c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "extension_requests" DROP CONSTRAINT "FK_fae8eaec6a7045b5984d4dc5aee"`,
    );
    await queryRunner.query(`ALTER TABLE "plan_items" DROP COLUMN "closed_by_user_id"`);
    await queryRunner.query(`ALTER TABLE "plan_items" DROP COLUMN "closed_at"`);
    await queryRunner.query(`ALTER TABLE "plan_items" DROP COLUMN "extended_due_on"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b16cc9f98191e402dda66a20f7"`);
    await queryRunner.query(`DROP TABLE "report_files"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9968c1f4e300f1cf126e72ee67"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_progress_reports_pending"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a75fbc593dea942cf840e8719a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c75b48d48d7d5072efd882792d"`);
    await queryRunner.query(`DROP TABLE "progress_reports"`);
    await queryRunner.query(`DROP TYPE "public"."progress_report_state"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_37e65ab282fbd8f5f437f2ce58"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_extension_requests_pending"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1bfdca789c54fe74e79a26fdfb"`);
    await queryRunner.query(`DROP TABLE "extension_requests"`);
    await queryRunner.query(`DROP TYPE "public"."extension_state"`);
  }
}
