import { Injectable } from '@nestjs/common';
import { PlanItemsService } from '../plans/plan-items.service';
import type { ScopedUser } from '../access/plan-scope';
import { EvidenceService, type EvidenceView } from './evidence/evidence.service';

/** Evidence of a plan item for a user who may see the item (PlanScope decides, through PlanItemsService). */
@Injectable()
export class ItemEvidenceService {
  constructor(
    private readonly items: PlanItemsService,
    private readonly evidence: EvidenceService,
  ) {}

  /** @throws DomainError NOT_FOUND when the item does not exist or is outside the user's plans */
  async history(user: ScopedUser, itemId: string): Promise<EvidenceView[]> {
    await this.items.getVisible(user, itemId);
    return this.evidence.history(itemId);
  }
}
