import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from './authenticated-user';
import { DomainError, ErrorCode } from '../common/domain-error';
import { DepartmentDirectory, RegionTree } from './organisation';
import { Role } from './role.enum';

export type ScopedUser = Pick<AuthenticatedUser, 'id' | 'role' | 'departmentId'>;

/**
 * Who sees which plans, and who may change which items — the one place these rules live.
 *
 * Reading (by the region a plan was issued in):
 * - admin, leader, inspector: every plan;
 * - office: every plan; an office user of a department sees that department's region, the divisions below it
 *   (a city's office: the city and its counties) and above it (the plans it implements);
 * - dept_head, staff: plans of their department's region and the regions above it (a county's users see the
 *   county's, the city's and the province's plans); nothing without a department.
 *
 * Writing an item (reports, 签收 … in the next part): admin; office within what it sees; dept_head and staff
 * only on items assigned to their department; leader and inspector never.
 */
@Injectable()
export class PlanScope {
  constructor(
    private readonly departments: DepartmentDirectory,
    private readonly regions: RegionTree,
  ) {}

  /** Region codes whose plans the user may read; null means every plan. */
  async visibleRegionCodes(user: ScopedUser, manager?: EntityManager): Promise<string[] | null> {
    switch (user.role) {
      case Role.Admin:
      case Role.Leader:
      case Role.Inspector:
        return null;
      case Role.Office: {
        if (!user.departmentId) return null;
        const regionCode = (await this.departments.get(user.departmentId, manager)).regionCode;
        const [above, below] = await Promise.all([
          this.regions.ancestorsAndSelf(regionCode, manager),
          this.regions.descendantsAndSelf(regionCode, manager),
        ]);
        return [...new Set([...above, ...below.map((r) => r.code)])];
      }
      case Role.DeptHead:
      case Role.Staff: {
        if (!user.departmentId) return [];
        const regionCode = (await this.departments.get(user.departmentId, manager)).regionCode;
        return this.regions.ancestorsAndSelf(regionCode, manager);
      }
    }
  }

  async canSeeRegion(user: ScopedUser, planRegionCode: string, manager?: EntityManager): Promise<boolean> {
    const codes = await this.visibleRegionCodes(user, manager);
    return codes === null || codes.includes(planRegionCode);
  }

  /**
   * Whether the user may review the item's reports, decide its extension requests and close it (反馈/复核,
   * 办结): admin and leader anywhere, office within what it sees; departments and inspectors never.
   * @throws DomainError AUTH_FORBIDDEN with the reason when not
   */
  async assertCanReviewItem(
    user: ScopedUser,
    item: { planRegionCode: string },
    manager?: EntityManager,
  ): Promise<void> {
    if (user.role === Role.Admin || user.role === Role.Leader) return;
    if (user.role === Role.Office && (await this.canSeeRegion(user, item.planRegionCode, manager))) return;
    throw new DomainError(
      ErrorCode.AUTH_FORBIDDEN,
      user.role === Role.Office
        ? '此任务不在您的管辖范围 / This item is outside your area'
        : '只有办公室和领导可以审核 / Only the office and leaders review',
    );
  }

  /**
   * Whether the user may change the item (given the region of its plan, and whether the item is assigned to a
   * department — the caller asks its AssignmentsService).
   * @throws DomainError AUTH_FORBIDDEN with the reason when not
   */
  async assertCanWriteItem(
    user: ScopedUser,
    item: { planRegionCode: string; isAssignedTo: (departmentId: string) => Promise<boolean> },
    manager?: EntityManager,
  ): Promise<void> {
    const forbid = (why: string) => {
      throw new DomainError(ErrorCode.AUTH_FORBIDDEN, why);
    };
    switch (user.role) {
      case Role.Admin:
        return;
      case Role.Office:
        if (!(await this.canSeeRegion(user, item.planRegionCode, manager)))
          forbid('此任务不在您的管辖范围 / This item is outside your area');
        return;
      case Role.DeptHead:
      case Role.Staff:
        if (!user.departmentId || !(await item.isAssignedTo(user.departmentId))) {
          forbid('此任务未分配给您的部门 / This item is not assigned to your department');
        }
        return;
      case Role.Leader:
      case Role.Inspector:
        forbid('此角色只能查看 / This role can only read');
    }
  }
}
