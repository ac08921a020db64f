import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from './authenticated-user';
import { DomainError, ErrorCode } from '../common/domain-error';
import { DepartmentDirectory, RegionTree } from './organisation';
import { Role } from './role.enum';
import { type Message, msg } from '../common/i18n/catalog';

export type ScopedUser = Pick<AuthenticatedUser, 'id' | 'role' | 'departmentId'> &
  Partial<Pick<AuthenticatedUser, 'regionCode'>>;

/** Region codes of a user's area; null: every region (admin). */
export type Area = string[] | null;

/**
 * SQL condition: the item (alias `item`) of the plan (alias `plan`) lies in the area given as the text[]
 * parameter `param` — its plan was issued in the area, or it is assigned to a department of the area (a
 * county's 教育局 sees the province's items it must do, not the rest of the province's plan).
 */
export function itemInAreaSql(item: string, plan: string, param: string): string {
  return `(${plan}.region_code = ANY(${param}::text[]) OR EXISTS (
    SELECT 1 FROM assignments area_a JOIN departments area_d ON area_d.id = area_a.department_id
     WHERE area_a.item_id = ${item}.id AND area_a.removed_at IS NULL AND area_d.region_code = ANY(${param}::text[])))`;
}

/** SQL condition: the plan (alias `plan`) is in the area, or one of its items is (itemInAreaSql). */
export function planInAreaSql(plan: string, param: string): string {
  return `(${plan}.region_code = ANY(${param}::text[]) OR EXISTS (
    SELECT 1 FROM plan_items area_i JOIN assignments area_a ON area_a.item_id = area_i.id
      JOIN departments area_d ON area_d.id = area_a.department_id
     WHERE area_i.plan_id = ${plan}.id AND area_a.removed_at IS NULL AND area_d.region_code = ANY(${param}::text[])))`;
}

/**
 * The one scope rule of the application: every module asks here what a user may see and change.
 *
 * A user's **area** is a region subtree: the region set on the user (a city's 副组长, a province's 督导), or else
 * the region of their department, and every division below it — never the regions above. Admin's area is
 * everything; a non-admin user with neither a region nor a department has an empty area.
 *
 * - Reading: a plan issued in the area, an item of such a plan or assigned to a department of the area (and
 *   the plan it belongs to), county statistics, evaluations, ledgers and evidence of a county in the area.
 * - Reviewing, deciding extensions, closing (办结): admin anywhere; office and leader on items of plans issued
 *   in their area.
 * - Editing plans and items, assigning, policies of a plan: admin; office on plans issued in its area.
 * - Department work (签收, reports, extension requests): dept_head and staff on items assigned to their own
 *   department; office acting on items of plans in its area; admin.
 * - Global settings: admin only (assertAdmin).
 */
@Injectable()
export class PlanScope {
  /**
   * Areas by user object: the guard makes one user object per request, so a page that asks several services
   * computes the area once (the statement count of a request must not grow with the services it composes).
   * Inside a transaction (`manager`) it is read afresh.
   */
  private readonly areas = new WeakMap<ScopedUser, Promise<Area>>();

  constructor(
    private readonly departments: DepartmentDirectory,
    private readonly regions: RegionTree,
  ) {}

  /** The region codes of the user's area; null: every region. */
  async area(user: ScopedUser, manager?: EntityManager): Promise<Area> {
    if (user.role === Role.Admin) return null;
    if (manager) return this.readArea(user, manager);
    let area = this.areas.get(user);
    if (!area) {
      area = this.readArea(user);
      this.areas.set(user, area);
      // A failed lookup is not remembered: the next call asks again.
      area.catch(() => this.areas.delete(user));
    }
    return area;
  }

  private async readArea(user: ScopedUser, manager?: EntityManager): Promise<Area> {
    const root =
      user.regionCode ??
      (user.departmentId ? (await this.departments.get(user.departmentId, manager)).regionCode : null);
    if (!root) return [];
    return (await this.regions.descendantsAndSelf(root, manager)).map((r) => r.code);
  }

  /** Whether a region (a plan's, a county's, a department's) lies in the user's area. */
  async inArea(user: ScopedUser, regionCode: string, manager?: EntityManager): Promise<boolean> {
    const area = await this.area(user, manager);
    return area === null || area.includes(regionCode);
  }

  /** @throws DomainError AUTH_FORBIDDEN naming what lies outside the area */
  async assertInArea(
    user: ScopedUser,
    regionCode: string,
    what: Message | string,
    manager?: EntityManager,
  ): Promise<void> {
    if (!(await this.inArea(user, regionCode, manager))) {
      throw new DomainError(ErrorCode.AUTH_FORBIDDEN, msg('access.outside_area', { what }), {
        regionCode,
      });
    }
  }

  /** Settings that apply everywhere (the global reminder policy, the calendar, queues): admin only. */
  assertAdmin(user: ScopedUser, what: Message | string): void {
    if (user.role !== Role.Admin) {
      throw new DomainError(ErrorCode.AUTH_FORBIDDEN, msg('access.admin_only', { what }));
    }
  }

  /**
   * Whether the user may change the plan itself or its items' content (edit, cancel, add, assign, publish a
   * draft, set its reminder policy): admin; office on plans issued in its area.
   * @throws DomainError AUTH_FORBIDDEN with the reason when not
   */
  async assertCanManagePlan(
    user: ScopedUser,
    planRegionCode: string,
    manager?: EntityManager,
  ): Promise<void> {
    if (user.role === Role.Admin) return;
    if (user.role !== Role.Office) {
      throw new DomainError(ErrorCode.AUTH_FORBIDDEN, msg('access.office_manages_plans'));
    }
    if (!(await this.inArea(user, planRegionCode, manager))) {
      throw new DomainError(ErrorCode.AUTH_FORBIDDEN, msg('access.plan_outside_area'));
    }
  }

  /**
   * Whether the user may review the item's reports, decide its extension requests and close it (反馈/复核,
   * 办结): admin anywhere; office and leader on items of plans issued in their area.
   * @throws DomainError AUTH_FORBIDDEN with the reason when not
   */
  async assertCanReviewItem(
    user: ScopedUser,
    item: { planRegionCode: string },
    manager?: EntityManager,
  ): Promise<void> {
    if (user.role === Role.Admin) return;
    if (user.role !== Role.Office && user.role !== Role.Leader) {
      throw new DomainError(ErrorCode.AUTH_FORBIDDEN, msg('access.review_office_leader_only'));
    }
    if (!(await this.inArea(user, item.planRegionCode, manager))) {
      throw new DomainError(ErrorCode.AUTH_FORBIDDEN, msg('access.item_outside_area'));
    }
  }

  /**
   * Whether the user may do the department's work on the item (签收, reports, extension requests): admin; office
   * on items of plans issued in its area; dept_head and staff on items assigned to their department.
   * @throws DomainError AUTH_FORBIDDEN with the reason when not
   */
  async assertCanWriteItem(
    user: ScopedUser,
    item: { planRegionCode: string; isAssignedTo: (departmentId: string) => Promise<boolean> },
    manager?: EntityManager,
  ): Promise<void> {
    const forbid = (why: Message) => {
      throw new DomainError(ErrorCode.AUTH_FORBIDDEN, why);
    };
    switch (user.role) {
      case Role.Admin:
        return;
      case Role.Office:
        if (!(await this.inArea(user, item.planRegionCode, manager))) forbid(msg('access.item_outside_area'));
        return;
      case Role.DeptHead:
      case Role.Staff:
        if (!user.departmentId || !(await item.isAssignedTo(user.departmentId))) {
          forbid(msg('access.item_not_assigned'));
        }
        return;
      case Role.Leader:
      case Role.Inspector:
        forbid(msg('access.role_read_only'));
    }
  }
}
