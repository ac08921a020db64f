import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlansAndAssignments1795448312147 implements MigrationInterface {
  name = 'PlansAndAssignments1795448312147';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."region_level" AS ENUM('province', 'city', 'county')`);
    await queryRunner.query(
      `CREATE TABLE "regions" ("code" character(6) NOT NULL, "name" character varying(100) NOT NULL, "level" "public"."region_level" NOT NULL, "parent_code" character(6), "short_names" text array NOT NULL, "successor_code" character(6), "successor_name" character varying(100), "successor_since" smallint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4f6dc5a464961e7c65a395ea4c6" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7241ca7859f4288fb12567dd95" ON "regions" ("parent_code") `);
    await queryRunner.query(
      `CREATE TYPE "public"."department_kind" AS ENUM('government', 'bureau', 'office', 'collective', 'other')`,
    );
    await queryRunner.query(
      `CREATE TABLE "departments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "region_code" character(6) NOT NULL, "name" character varying(200) NOT NULL, "normalized_name" character varying(200) NOT NULL, "kind" "public"."department_kind" NOT NULL, "is_county_government" boolean NOT NULL DEFAULT false, "head_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_839517a681a86bb84cbcc6a1e9d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_43eb3ea50c69f4315b0db4f0ff" ON "departments" ("region_code", "normalized_name") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."plan_source_script" AS ENUM('simplified', 'traditional')`);
    await queryRunner.query(
      `CREATE TABLE "plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" character varying(100) NOT NULL, "title" character varying(300) NOT NULL, "doc_number" character varying(100), "issuer" character varying(200) NOT NULL, "issued_on" date NOT NULL, "region_code" character(6) NOT NULL, "implements" text array NOT NULL, "source_file" character varying(300) NOT NULL, "source_script" "public"."plan_source_script" NOT NULL, "source_text" text, "file_checksum" character(64) NOT NULL, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3720521a81c7c24fe9b7202ba61" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_81fbbbb81d6b241363f82c17b0" ON "plans" ("key") `);
    await queryRunner.query(`CREATE INDEX "IDX_fd26f4e12ddc2be66fe2837f35" ON "plans" ("region_code") `);
    await queryRunner.query(
      `CREATE TYPE "public"."plan_item_kind" AS ENUM('goal', 'task', 'measure', 'project', 'milestone', 'target')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."plan_item_recurrence" AS ENUM('yearly', 'semester', 'quarterly', 'monthly')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."plan_item_status" AS ENUM('not_started', 'in_progress', 'due_soon', 'overdue', 'submitted', 'completed', 'cancelled')`,
    );
    await queryRunner.query(
      `CREATE TABLE "plan_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "parent_id" uuid, "ref" character varying(200) NOT NULL, "position" integer NOT NULL, "depth" smallint NOT NULL, "kind" "public"."plan_item_kind" NOT NULL, "number" character varying(100) NOT NULL, "title" character varying(500) NOT NULL, "body" text, "excerpt" text NOT NULL, "search_text" text NOT NULL, "start_on" date, "start_text" character varying(200), "due_on" date, "due_text" character varying(200), "recurrence" "public"."plan_item_recurrence", "indicator" character varying(8), "targets" jsonb NOT NULL, "status" "public"."plan_item_status" NOT NULL, "version" integer NOT NULL, "cancelled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7095e15f5d5d331a9f170564d5b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_e598d73b69710b99f0fcf324ab" ON "plan_items" ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_b16bea4279519cf6afc00db860" ON "plan_items" ("due_on") `);
    await queryRunner.query(`CREATE INDEX "IDX_33d94d7934b7c3ffbed16ea7f1" ON "plan_items" ("status") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_3e5906f839ec84d6003a750305" ON "plan_items" ("plan_id", "position") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_b4a2cd41ac3d70f0877788ce7d" ON "plan_items" ("plan_id", "ref") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."assignment_role" AS ENUM('lead', 'cooperate')`);
    await queryRunner.query(
      `CREATE TABLE "assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "department_id" uuid NOT NULL, "role" "public"."assignment_role" NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by_user_id" uuid, "removed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c54ca359535e0012b04dcbd80ee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d1c63d670f07a959aa2002e74e" ON "assignments" ("department_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_e7af96cedd7c2f062c6142591c" ON "assignments" ("item_id", "department_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_user_id" uuid, "actor_label" character varying(200) NOT NULL, "entity_type" character varying(40) NOT NULL, "entity_id" character varying(64) NOT NULL, "item_id" uuid, "action" character varying(40) NOT NULL, "changes" jsonb NOT NULL, "source" character varying(300), CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_eeff0593464209220a1d692939" ON "audit_entries" ("actor_user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_72fa5f8031d03379af0a0bb9cc" ON "audit_entries" ("entity_type", "entity_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c71a85d9d825bdedcb6c30ca6f" ON "audit_entries" ("item_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "leadership_groups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "name" character varying(300) NOT NULL, "office_department_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_33e3a77babba1390285a8e31d10" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_6e6313407eade000d3dc186e31" ON "leadership_groups" ("plan_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."leadership_group_role" AS ENUM('leader', 'deputy_leader', 'member', 'office_director')`,
    );
    await queryRunner.query(
      `CREATE TABLE "leadership_group_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "position" smallint NOT NULL, "name" character varying(50) NOT NULL, "group_role" "public"."leadership_group_role" NOT NULL, "post" character varying(200) NOT NULL, "department_id" uuid, CONSTRAINT "PK_43b5a8b6b93477f451c44164735" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_19561f06e5df12a3268e8875db" ON "leadership_group_members" ("group_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "regions" ADD CONSTRAINT "FK_7241ca7859f4288fb12567dd959" FOREIGN KEY ("parent_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_0921d1972cf861d568f5271cd85" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "departments" ADD CONSTRAINT "FK_d9417ef8cf2e5b90c7879eccf63" FOREIGN KEY ("region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "departments" ADD CONSTRAINT "FK_ad56c1268186fb36cb745443f07" FOREIGN KEY ("head_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plans" ADD CONSTRAINT "FK_fd26f4e12ddc2be66fe2837f35b" FOREIGN KEY ("region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_items" ADD CONSTRAINT "FK_a27f8030dda3e574e606dc0ae81" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_items" ADD CONSTRAINT "FK_e598d73b69710b99f0fcf324ab4" FOREIGN KEY ("parent_id") REFERENCES "plan_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_edf4d8822ede2853f9d4ff95561" FOREIGN KEY ("item_id") REFERENCES "plan_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_d1c63d670f07a959aa2002e74e0" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_4f23fdf2f41a4650d06bc9478c8" FOREIGN KEY ("acknowledged_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "leadership_groups" ADD CONSTRAINT "FK_6e6313407eade000d3dc186e31c" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "leadership_groups" ADD CONSTRAINT "FK_3c210921679d47b21516fb44c63" FOREIGN KEY ("office_department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "leadership_group_members" ADD CONSTRAINT "FK_19561f06e5df12a3268e8875db1" FOREIGN KEY ("group_id") REFERENCES "leadership_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "leadership_group_members" ADD CONSTRAINT "FK_f626092729d5302d61ef6085f19" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "leadership_group_members" DROP CONSTRAINT "FK_f626092729d5302d61ef6085f19"`,
    );
    await queryRunner.query(
      `ALTER TABLE "leadership_group_members" DROP CONSTRAINT "FK_19561f06e5df12a3268e8875db1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "leadership_groups" DROP CONSTRAINT "FK_3c210921679d47b21516fb44c63"`,
    );
    await queryRunner.query(
      `ALTER TABLE "leadership_groups" DROP CONSTRAINT "FK_6e6313407eade000d3dc186e31c"`,
    );
    await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_4f23fdf2f41a4650d06bc9478c8"`);
    await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_d1c63d670f07a959aa2002e74e0"`);
    await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_edf4d8822ede2853f9d4ff95561"`);
    await queryRunner.query(`ALTER TABLE "plan_items" DROP CONSTRAINT "FK_e598d73b69710b99f0fcf324ab4"`);
    await queryRunner.query(`ALTER TABLE "plan_items" DROP CONSTRAINT "FK_a27f8030dda3e574e606dc0ae81"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP CONSTRAINT "FK_fd26f4e12ddc2be66fe2837f35b"`);
    await queryRunner.query(`ALTER TABLE "departments" DROP CONSTRAINT "FK_ad56c1268186fb36cb745443f07"`);
    await queryRunner.query(`ALTER TABLE "departments" DROP CONSTRAINT "FK_d9417ef8cf2e5b90c7879eccf63"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_0921d1972cf861d568f5271cd85"`);
    await queryRunner.query(`ALTER TABLE "regions" DROP CONSTRAINT "FK_7241ca7859f4288fb12567dd959"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_19561f06e5df12a3268e8875db"`);
    await queryRunner.query(`DROP TABLE "leadership_group_members"`);
    await queryRunner.query(`DROP TYPE "public"."leadership_group_role"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6e6313407eade000d3dc186e31"`);
    await queryRunner.query(`DROP TABLE "leadership_groups"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c71a85d9d825bdedcb6c30ca6f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_72fa5f8031d03379af0a0bb9cc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_eeff0593464209220a1d692939"`);
    await queryRunner.query(`DROP TABLE "audit_entries"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e7af96cedd7c2f062c6142591c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d1c63d670f07a959aa2002e74e"`);
    await queryRunner.query(`DROP TABLE "assignments"`);
    await queryRunner.query(`DROP TYPE "public"."assignment_role"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b4a2cd41ac3d70f0877788ce7d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3e5906f839ec84d6003a750305"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_33d94d7934b7c3ffbed16ea7f1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b16bea4279519cf6afc00db860"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e598d73b69710b99f0fcf324ab"`);
    await queryRunner.query(`DROP TABLE "plan_items"`);
    await queryRunner.query(`DROP TYPE "public"."plan_item_status"`);
    await queryRunner.query(`DROP TYPE "public"."plan_item_recurrence"`);
    await queryRunner.query(`DROP TYPE "public"."plan_item_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fd26f4e12ddc2be66fe2837f35"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_81fbbbb81d6b241363f82c17b0"`);
    await queryRunner.query(`DROP TABLE "plans"`);
    await queryRunner.query(`DROP TYPE "public"."plan_source_script"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_43eb3ea50c69f4315b0db4f0ff"`);
    await queryRunner.query(`DROP TABLE "departments"`);
    await queryRunner.query(`DROP TYPE "public"."department_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7241ca7859f4288fb12567dd95"`);
    await queryRunner.query(`DROP TABLE "regions"`);
    await queryRunner.query(`DROP TYPE "public"."region_level"`);
  }
}
