import { MigrationInterface, QueryRunner } from 'typeorm';

/** Rewards a plan item promises ("给予500万元奖励") are kept apart from its targets: nothing to meet. */
export class PlanItemIncentives1795460000000 implements MigrationInterface {
  name = 'PlanItemIncentives1795460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_items" ADD "incentives" jsonb NOT NULL DEFAULT '[]'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_items" DROP COLUMN "incentives"`);
  }
}
