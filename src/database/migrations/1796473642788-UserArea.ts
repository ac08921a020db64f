import { MigrationInterface, QueryRunner } from 'typeorm';

/** A user's area (管辖区域) when it is not their department's region: a city's 副组长, a province's 督导. */
export class UserArea1796473642788 implements MigrationInterface {
  name = 'UserArea1796473642788';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "region_code" character(6)`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_f6a8ac2795a603f380bd4966816" FOREIGN KEY ("region_code") REFERENCES "regions"("code") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_f6a8ac2795a603f380bd4966816"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "region_code"`);
  }
}
