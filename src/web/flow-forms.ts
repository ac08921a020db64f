import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { ItemDetail } from '../plans/plan-items.service';
import { Role } from '../users/role.enum';
import type { SafeHtml } from './html';
import type { PageContext } from './page-context';

/** Roles that may change items at all (PlanScope.assertCanWriteItem decides per item). */
export const WRITING_ROLES: readonly Role[] = [Role.Admin, Role.Office, Role.DeptHead, Role.Staff];

/**
 * The 督办 flow on the pages (签收, progress reports, reviews, extensions). Each form appears once its
 * service exists in src/assignments / src/evidence; until then the item page shows the state read-only and
 * says what is not there yet. Read-only roles (leader, inspector) never get a form.
 */
@Injectable()
export class FlowForms {
  /** Whether 签收 can be done from the pages (needs AssignmentsService.acknowledge). */
  canAcknowledge(_user: AuthenticatedUser): boolean {
    return false;
  }

  async forItem(ctx: PageContext, _item: ItemDetail): Promise<{ forms: SafeHtml[]; notes: string[] }> {
    const user = ctx.user;
    if (!user || !WRITING_ROLES.includes(user.role)) return { forms: [], notes: [] };
    return {
      forms: [],
      notes: [
        ctx.t(
          '签收、进展报告和延期申请将在督办流程接口上线后在此办理。',
          'Acknowledgement, progress reports and extension requests appear here once the flow services are available.',
        ),
      ],
    };
  }
}
