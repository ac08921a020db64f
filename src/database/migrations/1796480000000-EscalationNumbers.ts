import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 督办单 numbered in the office's series of 督办件 (〔2026〕第12号), like the 督办通知: notices issued before
 * are numbered in the order they were issued, after the numbers their office has already given that year.
 */
export class EscalationNumbers1796480000000 implements MigrationInterface {
  name = 'EscalationNumbers1796480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "escalation_notices" ADD "office_key" character varying(40), ADD "year" integer, ADD "number" integer`,
    );
    await queryRunner.query(
      `WITH numbered AS (
         SELECT n.id, p.region_code AS office_key, EXTRACT(YEAR FROM n.issued_on)::int AS year,
                ROW_NUMBER() OVER (PARTITION BY p.region_code, EXTRACT(YEAR FROM n.issued_on)
                                   ORDER BY n.issued_at, n.id) AS rn
           FROM escalation_notices n JOIN plans p ON p.id = n.plan_id)
       UPDATE escalation_notices e
          SET office_key = x.office_key, year = x.year,
              number = x.rn + COALESCE((SELECT c.last_number FROM supervision_counters c
                                         WHERE c.office_key = x.office_key AND c.year = x.year), 0)
         FROM numbered x
        WHERE x.id = e.id`,
    );
    await queryRunner.query(
      `INSERT INTO supervision_counters (office_key, year, last_number)
       SELECT office_key, year, MAX(number) FROM escalation_notices GROUP BY office_key, year
       ON CONFLICT (office_key, year)
       DO UPDATE SET last_number = GREATEST(supervision_counters.last_number, EXCLUDED.last_number)`,
    );
    await queryRunner.query(
      `ALTER TABLE "escalation_notices" ALTER "office_key" SET NOT NULL, ALTER "year" SET NOT NULL, ALTER "number" SET NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_escalation_notices_office_number" ON "escalation_notices" ("office_key", "year", "number")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_escalation_notices_office_number"`);
    await queryRunner.query(
      `ALTER TABLE "escalation_notices" DROP COLUMN "number", DROP COLUMN "year", DROP COLUMN "office_key"`,
    );
  }
}
