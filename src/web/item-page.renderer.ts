import { Injectable } from '@nestjs/common';
import { SupervisionService } from '../supervision/supervision.service';
import { Clock } from '../common/clock';
import { DepartmentsService } from '../departments/departments.service';
import { ItemEvidenceService } from '../indicators/item-evidence.service';
import { PlanItemsService } from '../plans/plan-items.service';
import { PlansService } from '../plans/plans.service';
import { RegionsService } from '../regions/regions.service';
import { FlowForms } from './flow-forms';
import type { FlowFormState } from './flow-form-state';
import type { SafeHtml } from './html';
import type { PageContext } from './page-context';
import { itemPage } from './pages/items.page';

/**
 * The item page (GET /items/:id), also rendered by a flow form that was refused: then with the form's typed
 * values and its problems next to the fields, so nothing typed is lost.
 */
@Injectable()
export class ItemPageRenderer {
  constructor(
    private readonly items: PlanItemsService,
    private readonly plans: PlansService,
    private readonly departments: DepartmentsService,
    private readonly clock: Clock,
    private readonly flow: FlowForms,
    private readonly supervision: SupervisionService,
    private readonly evidence: ItemEvidenceService,
    private readonly regions: RegionsService,
  ) {}

  async render(
    ctx: PageContext,
    id: string,
    options: { done?: string | null; form?: FlowFormState | null } = {},
  ): Promise<SafeHtml> {
    const user = ctx.user!;
    const item = await this.supervision.detail(user, id);
    const can = this.flow.abilities(user, item);
    const [plan, history, evidenceRows, departments] = await Promise.all([
      this.plans.detail(user, item.plan.id),
      this.items.history(user, id),
      this.evidence.history(user, id),
      can.assign ? this.departmentsNear(item.plan.regionCode) : Promise.resolve([]),
    ]);
    // counties of the indicator evidence by name: a reader knows 灵武市, not 640181
    const counties = await this.regions.findByCodes((evidenceRows ?? []).map((e) => e.countyCode));
    const today = this.clock.today();
    return itemPage(ctx, {
      today,
      item,
      plan: { title: plan.title, docNumber: plan.docNumber, issuer: plan.issuer, issuedOn: plan.issuedOn },
      history,
      evidence: evidenceRows,
      flow: this.flow.sections(ctx, item, can, departments, today, options.form ?? null),
      done: options.form ? null : (options.done ?? null),
      region: plan.region.name || null,
      countyNames: new Map(counties.map((c) => [c.code, c.name])),
    });
  }

  /** Departments of the plan's region and the regions below it (the choices of 改派). */
  private async departmentsNear(regionCode: string) {
    // Filtered in SQL: a province has ≈ 3,000 departments, the page needs those of one area.
    const prefix = regionCode.replace(/0+$/, '');
    return (await this.departments.list({ regionPrefix: prefix })).filter((d) =>
      d.regionCode.startsWith(prefix),
    );
  }
}
