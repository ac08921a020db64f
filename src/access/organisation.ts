import type { EntityManager } from 'typeorm';

/**
 * What the scope rule needs to know of the organisation. Access sits below regions and departments (whose own
 * routes carry its decorators), so it names what it needs here and those modules provide it
 * (`{ provide: RegionTree, useExisting: RegionsService }`).
 */
export abstract class RegionTree {
  /** The region's code and its parents' codes, up to the province. */
  abstract ancestorsAndSelf(code: string, manager?: EntityManager): Promise<string[]>;
  /** The region and every division below it. */
  abstract descendantsAndSelf(code: string, manager?: EntityManager): Promise<Array<{ code: string }>>;
}

export abstract class DepartmentDirectory {
  /** @throws DomainError NOT_FOUND for an unknown department */
  abstract get(id: string, manager?: EntityManager): Promise<{ regionCode: string }>;
}
