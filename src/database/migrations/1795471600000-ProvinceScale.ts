import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Province scale (issue 16): the verdicts of each evaluation stored beside its ≈ 150 KB JSON, so the dashboard's
 * 120 county milestones read a few bytes each (backfilled from the stored results); the item lists' default
 * order (due date, items without one last, then id) as an index, so a page of 50 reads 50 rows instead of
 * sorting every visible item.
 */
export class ProvinceScale1795471600000 implements MigrationInterface {
  name = 'ProvinceScale1795471600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evaluations" ADD "summary" jsonb`);
    await queryRunner.query(
      `UPDATE "evaluations" e SET "summary" = jsonb_build_object(
         'county_code', r.j->'county_code', 'school_year', r.j->'school_year', 'certifiable', r.j->'certifiable',
         'resource_allocation', jsonb_build_object('passed', r.j->'resource_allocation'->'passed'),
         'government_guarantee', jsonb_build_object('passed', r.j->'government_guarantee'->'passed'),
         'education_quality', jsonb_build_object('passed', r.j->'education_quality'->'passed'),
         'social_recognition', jsonb_build_object('passed', r.j->'social_recognition'->'passed'),
         'veto', jsonb_build_object('passed', r.j->'veto'->'passed'))
       FROM (SELECT id, result::jsonb AS j FROM "evaluations") r WHERE r.id = e.id`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_plan_items_due_order" ON "plan_items" ((COALESCE("due_on", DATE '9999-12-31')), "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_plan_items_due_order"`);
    await queryRunner.query(`ALTER TABLE "evaluations" DROP COLUMN "summary"`);
  }
}
