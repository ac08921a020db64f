import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 办理时限 per assignment (issue 13): each 承办单位 gets its own optional due date and its own extension; the
 * item's date stays the default. An item-level extension used to move every department's date, so existing
 * extensions are carried to every active assignment of the item (no department's effective date changes by the
 * migration), each carry recorded in the audit log. One pending extension request per department, not per item.
 */
export class AssignmentDeadlines1795470000000 implements MigrationInterface {
  name = 'AssignmentDeadlines1795470000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assignments" ADD "due_on" date`);
    await queryRunner.query(`ALTER TABLE "assignments" ADD "extended_due_on" date`);
    await queryRunner.query(
      `INSERT INTO "audit_entries" (actor_user_id, actor_label, entity_type, entity_id, item_id, action, changes, source)
       SELECT NULL, 'migration AssignmentDeadlines', 'assignment', a.id::text, a.item_id, 'updated',
              jsonb_build_array(jsonb_build_object('field', 'extendedDueOn', 'before', NULL,
                                                   'after', i.extended_due_on::text)),
              'migration: item extension carried to each department'
         FROM "assignments" a JOIN "plan_items" i ON i.id = a.item_id
        WHERE i.extended_due_on IS NOT NULL AND a.removed_at IS NULL`,
    );
    await queryRunner.query(
      `UPDATE "assignments" a SET extended_due_on = i.extended_due_on
         FROM "plan_items" i WHERE i.id = a.item_id AND i.extended_due_on IS NOT NULL AND a.removed_at IS NULL`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_extension_requests_pending"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_extension_requests_pending" ON "extension_requests" ("item_id", "department_id") WHERE "state" = 'pending'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_extension_requests_pending"`);
    await queryRunner.query(
      `DELETE FROM "extension_requests" e WHERE e.state = 'pending' AND EXISTS (
         SELECT 1 FROM "extension_requests" o WHERE o.item_id = e.item_id AND o.state = 'pending' AND o.created_at < e.created_at)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_extension_requests_pending" ON "extension_requests" ("item_id") WHERE "state" = 'pending'`,
    );
    await queryRunner.query(`ALTER TABLE "assignments" DROP COLUMN "extended_due_on"`);
    await queryRunner.query(`ALTER TABLE "assignments" DROP COLUMN "due_on"`);
  }
}
