import { MigrationInterface, QueryRunner } from 'typeorm';

export class IndicatorEvidence1795448478367 implements MigrationInterface {
  name = 'IndicatorEvidence1795448478367';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."statistics_import_status" AS ENUM('current', 'superseded')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."statistics_import_source" AS ENUM('api', 'cli', 'web')`);
    await queryRunner.query(
      `CREATE TABLE "statistics_imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "county_code" character(6) NOT NULL, "county_name" character varying(100), "school_year" smallint NOT NULL, "version" integer NOT NULL, "status" "public"."statistics_import_status" NOT NULL, "checksum" character(64) NOT NULL, "files" jsonb NOT NULL, "row_counts" jsonb NOT NULL, "source" "public"."statistics_import_source" NOT NULL, "uploaded_by" uuid, "superseded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e648d3585576962f2c46feb7e1b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_statistics_imports_current" ON "statistics_imports" ("county_code", "school_year") WHERE "status" = 'current'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_896e4b2d425307fe633bd1c4b5" ON "statistics_imports" ("county_code", "school_year", "version") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."statistics_table_name" AS ENUM('schools', 'classes', 'county', 'attestations', 'survey', 'monitoring')`,
    );
    await queryRunner.query(
      `CREATE TABLE "statistics_tables" ("import_id" uuid NOT NULL, "table_name" "public"."statistics_table_name" NOT NULL, "row_count" integer NOT NULL, "rows" jsonb NOT NULL, CONSTRAINT "PK_094238fd31fba6ad161835b7722" PRIMARY KEY ("import_id", "table_name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "evidence_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_item_id" uuid NOT NULL, "indicator" character varying(8) NOT NULL, "rule_set" character varying(50) NOT NULL, "county_code" character(6) NOT NULL, "school_year" smallint NOT NULL, "import_id" uuid NOT NULL, "dataset_checksum" character(64) NOT NULL, "values" jsonb NOT NULL, "passed" boolean, "offenders" jsonb NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_09c129db70e630b71fe57c5ebcf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_de2209518de30a74a2ca3c8e77" ON "evidence_records" ("plan_item_id", "county_code", "school_year", "computed_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_evidence_records_source" ON "evidence_records" ("plan_item_id", "county_code", "import_id", "rule_set") `,
    );
    await queryRunner.query(
      `CREATE TABLE "evaluations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "import_id" uuid NOT NULL, "county_code" character(6) NOT NULL, "school_year" smallint NOT NULL, "rule_set" character varying(50) NOT NULL, "result" json NOT NULL, "certifiable" boolean NOT NULL, "ledger_counts" jsonb NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f683b433eba0e6dae7e19b29e29" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ca8adc3f291dacef96a4a79ccc" ON "evaluations" ("county_code", "school_year") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_33e832667dab952aa379a540a6" ON "evaluations" ("import_id", "rule_set") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."ledger_kind" AS ENUM('large_class', 'super_large_class', 'over_standard_class', 'large_school')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."ledger_level" AS ENUM('primary', 'junior')`);
    await queryRunner.query(
      `CREATE TYPE "public"."ledger_class_band" AS ENUM('standard', 'over_standard', 'large', 'super_large')`,
    );
    await queryRunner.query(
      `CREATE TABLE "ledger_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."ledger_kind" NOT NULL, "county_code" character(6) NOT NULL, "key" text NOT NULL, "school_code" character varying(50) NOT NULL, "school_name" character varying(200), "level" "public"."ledger_level", "grade" smallint, "class_name" character varying(100), "band" "public"."ledger_class_band", "value" integer NOT NULL, "limit" integer NOT NULL, "opened_by_import_id" uuid NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_import_id" uuid NOT NULL, "closed_by_import_id" uuid, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6efcb84411d3f08b08450ae75d5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_24495653dbfc8666446c0c785e" ON "ledger_entries" ("county_code", "kind", "closed_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_ledger_entries_open" ON "ledger_entries" ("kind", "key") WHERE "closed_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "statistics_imports" ADD CONSTRAINT "FK_165dedd4bf5253b887e1bde5f20" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "statistics_tables" ADD CONSTRAINT "FK_4a922b9c1b8f1e23964004138a3" FOREIGN KEY ("import_id") REFERENCES "statistics_imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_records" ADD CONSTRAINT "FK_9a5505762529bcf7f413c5c3062" FOREIGN KEY ("plan_item_id") REFERENCES "plan_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_records" ADD CONSTRAINT "FK_4dcde77f5cd22967a7f1be3bfaf" FOREIGN KEY ("import_id") REFERENCES "statistics_imports"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evaluations" ADD CONSTRAINT "FK_cc051b35280a78026ebaec42107" FOREIGN KEY ("import_id") REFERENCES "statistics_imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" ADD CONSTRAINT "FK_bc9d72f5bfe2d2da1236d184d2e" FOREIGN KEY ("opened_by_import_id") REFERENCES "statistics_imports"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" ADD CONSTRAINT "FK_d477fe0c18d194f761bcf4c256d" FOREIGN KEY ("last_seen_import_id") REFERENCES "statistics_imports"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" ADD CONSTRAINT "FK_8c38af568941b6fe0a8d38333ec" FOREIGN KEY ("closed_by_import_id") REFERENCES "statistics_imports"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Written by hand (TypeORM does not model triggers): evidence records are immutable — no UPDATE, no DELETE.
    await queryRunner.query(
      `CREATE FUNCTION "evidence_records_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'evidence records are immutable (% of %)', TG_OP, OLD."id" USING ERRCODE = 'integrity_constraint_violation'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "evidence_records_immutable" BEFORE UPDATE OR DELETE ON "evidence_records" FOR EACH ROW EXECUTE FUNCTION "evidence_records_immutable"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "evidence_records_immutable" ON "evidence_records"`);
    await queryRunner.query(`DROP FUNCTION "evidence_records_immutable"()`);
    await queryRunner.query(`ALTER TABLE "ledger_entries" DROP CONSTRAINT "FK_8c38af568941b6fe0a8d38333ec"`);
    await queryRunner.query(`ALTER TABLE "ledger_entries" DROP CONSTRAINT "FK_d477fe0c18d194f761bcf4c256d"`);
    await queryRunner.query(`ALTER TABLE "ledger_entries" DROP CONSTRAINT "FK_bc9d72f5bfe2d2da1236d184d2e"`);
    await queryRunner.query(`ALTER TABLE "evaluations" DROP CONSTRAINT "FK_cc051b35280a78026ebaec42107"`);
    await queryRunner.query(
      `ALTER TABLE "evidence_records" DROP CONSTRAINT "FK_4dcde77f5cd22967a7f1be3bfaf"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_records" DROP CONSTRAINT "FK_9a5505762529bcf7f413c5c3062"`,
    );
    await queryRunner.query(
      `ALTER TABLE "statistics_tables" DROP CONSTRAINT "FK_4a922b9c1b8f1e23964004138a3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "statistics_imports" DROP CONSTRAINT "FK_165dedd4bf5253b887e1bde5f20"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_ledger_entries_open"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_24495653dbfc8666446c0c785e"`);
    await queryRunner.query(`DROP TABLE "ledger_entries"`);
    await queryRunner.query(`DROP TYPE "public"."ledger_class_band"`);
    await queryRunner.query(`DROP TYPE "public"."ledger_level"`);
    await queryRunner.query(`DROP TYPE "public"."ledger_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_33e832667dab952aa379a540a6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ca8adc3f291dacef96a4a79ccc"`);
    await queryRunner.query(`DROP TABLE "evaluations"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_evidence_records_source"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_de2209518de30a74a2ca3c8e77"`);
    await queryRunner.query(`DROP TABLE "evidence_records"`);
    await queryRunner.query(`DROP TABLE "statistics_tables"`);
    await queryRunner.query(`DROP TYPE "public"."statistics_table_name"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_896e4b2d425307fe633bd1c4b5"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_statistics_imports_current"`);
    await queryRunner.query(`DROP TABLE "statistics_imports"`);
    await queryRunner.query(`DROP TYPE "public"."statistics_import_source"`);
    await queryRunner.query(`DROP TYPE "public"."statistics_import_status"`);
  }
}
