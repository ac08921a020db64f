import { MigrationInterface, QueryRunner } from 'typeorm';

/** Years whose official holiday schedule an admin entered (a year chinese-days does not know yet). */
export class CalendarYears1795472020000 implements MigrationInterface {
  name = 'CalendarYears1795472020000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_years" ("year" smallint NOT NULL, "entered_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1fed249d26e56ff06bb6dffd8d6" PRIMARY KEY ("year"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calendar_years"`);
  }
}
