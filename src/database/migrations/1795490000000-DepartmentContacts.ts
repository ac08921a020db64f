import { MigrationInterface, QueryRunner } from 'typeorm';

/** 联络人 per department and the office's own mailbox per region (issue 13). */

export class DepartmentContacts1795490000000 implements MigrationInterface {
  name = 'DepartmentContacts1795490000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "office_mailboxes" ("region_code" character(6) NOT NULL, "email" character varying(254) NOT NULL, "name" character varying(100) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b17eb638511e346eec2cfc722a6" PRIMARY KEY ("region_code"))`,
    );
    await queryRunner.query(`ALTER TABLE "departments" ADD "contact_name" character varying(100)`);
    await queryRunner.query(`ALTER TABLE "departments" ADD "contact_phone" character varying(40)`);
    await queryRunner.query(`ALTER TABLE "departments" ADD "contact_email" character varying(254)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "departments" DROP COLUMN "contact_email"`);
    await queryRunner.query(`ALTER TABLE "departments" DROP COLUMN "contact_phone"`);
    await queryRunner.query(`ALTER TABLE "departments" DROP COLUMN "contact_name"`);
    await queryRunner.query(`DROP TABLE "office_mailboxes"`);
  }
}
