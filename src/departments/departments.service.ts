import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import { type AuditActor, AuditService } from '../audit/audit.service';
import { DomainError, ErrorCode } from '../common/domain-error';
import { normalizeDepartmentName } from '../common/text-normalization';
import type { Region } from '../regions/region.entity';
import { RegionsService } from '../regions/regions.service';
import { inferDepartmentKind } from './department-kind';
import { Department } from './department.entity';
import { msg } from '../common/i18n/catalog';

/** A department as a plan names it: its region, its official name, and other names that identify it. */
export interface DepartmentSpec {
  regionCode: string;
  /** Official full name; used when the department has to be created. */
  name: string;
  /** Other forms (the plan's ref, aliases); an existing department under any of them is the same one. */
  otherNames: readonly string[];
}

export interface ResolvedDepartments {
  /** One department per spec, in the order of the specs (two specs may resolve to the same department). */
  departments: Department[];
  created: Department[];
}

export interface DepartmentView {
  id: string;
  name: string;
  regionCode: string;
  regionName: string;
  kind: Department['kind'];
  isCountyGovernment: boolean;
  headUserId: string | null;
}

const keyOf = (regionCode: string, normalizedName: string) => `${regionCode}/${normalizedName}`;

@Injectable()
export class DepartmentsService {
  constructor(
    @InjectRepository(Department) private readonly departments: Repository<Department>,
    private readonly regions: RegionsService,
    private readonly audit: AuditService,
  ) {}

  private repo(manager?: EntityManager): Repository<Department> {
    return manager ? manager.getRepository(Department) : this.departments;
  }

  /** `regionPrefix`: departments of every region whose code starts with it (a city's "6401": the city and its counties). */
  async list(filter: { regionCode?: string; regionPrefix?: string } = {}): Promise<DepartmentView[]> {
    const qb = this.departments
      .createQueryBuilder('d')
      .innerJoinAndSelect('d.region', 'r')
      .orderBy('d.region_code')
      .addOrderBy('d.name');
    if (filter.regionCode) qb.where('d.region_code = :code', { code: filter.regionCode });
    if (filter.regionPrefix && /^\d{1,6}$/.test(filter.regionPrefix))
      qb.andWhere('d.region_code LIKE :prefix', { prefix: `${filter.regionPrefix}%` });
    return (await qb.getMany()).map((d) => this.view(d));
  }

  async get(id: string, manager?: EntityManager): Promise<Department> {
    const department = await this.repo(manager).findOneBy({ id });
    if (!department)
      throw new DomainError(ErrorCode.NOT_FOUND, msg('departments.department_not_found', { id }));
    return department;
  }

  findByIds(ids: readonly string[], manager?: EntityManager): Promise<Department[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo(manager).findBy({ id: In([...new Set(ids)]) });
  }

  /**
   * The specs for "各县(区、市)人民政府" of a region: one "<county name>人民政府" per county-level division in it
   * ("<county name>政府" names the same body).
   */
  async countyGovernmentSpecs(regionCode: string, manager?: EntityManager): Promise<DepartmentSpec[]> {
    const counties = await this.regions.countiesUnder(regionCode, manager);
    return counties.map((c) => ({
      regionCode: c.code,
      name: `${c.name}人民政府`,
      otherNames: [`${c.name}政府`],
    }));
  }

  /**
   * Finds each department in its region by normalised name (the official name first, then the other names),
   * creating the missing ones in one INSERT. Creation is audited. Runs in the caller's transaction.
   */
  async resolve(
    specs: readonly DepartmentSpec[],
    context: { actor: AuditActor; source: string },
    manager?: EntityManager,
  ): Promise<ResolvedDepartments> {
    const repo = this.repo(manager);
    const regionCodes = [...new Set(specs.map((s) => s.regionCode))];
    const regions = new Map((await this.regions.findByCodes(regionCodes, manager)).map((r) => [r.code, r]));
    const unknown = regionCodes.filter((c) => !regions.has(c));
    if (unknown.length) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        msg('departments.unknown_regions', { codes: unknown.join('、') }),
        { unknown },
      );
    }

    const index = new Map<string, Department>();
    const load = async () => {
      const rows = regionCodes.length ? await repo.findBy({ regionCode: In(regionCodes) }) : [];
      for (const d of rows) index.set(keyOf(d.regionCode, d.normalizedName), d);
    };
    await load();

    const find = (spec: DepartmentSpec) =>
      [spec.name, ...spec.otherNames]
        .map((n) => index.get(keyOf(spec.regionCode, normalizeDepartmentName(n))))
        .find((d) => d !== undefined);

    const toCreate = new Map<string, Omit<Department, 'id' | 'createdAt' | 'updatedAt'>>();
    for (const spec of specs) {
      if (find(spec)) continue;
      const normalizedName = normalizeDepartmentName(spec.name);
      const region = regions.get(spec.regionCode)!;
      toCreate.set(keyOf(spec.regionCode, normalizedName), {
        regionCode: spec.regionCode,
        name: spec.name.trim(),
        normalizedName,
        kind: inferDepartmentKind(spec.name),
        isCountyGovernment: isCountyGovernment(region, spec),
        headUserId: null,
        contactName: null,
        contactPhone: null,
        contactEmail: null,
      });
    }

    const created: Department[] = [];
    if (toCreate.size > 0) {
      // ON CONFLICT DO NOTHING: another import may create the same department concurrently; then we use theirs.
      const result = await repo
        .createQueryBuilder()
        .insert()
        .into(Department)
        .values([...toCreate.values()])
        .orIgnore()
        .returning(['id'])
        .updateEntity(false)
        .execute();
      const createdIds = (result.raw as Array<{ id: string }>).map((r) => r.id);
      await load();
      created.push(...(await this.findByIds(createdIds, manager)));
      await this.audit.record(
        created.map((d) => ({
          actor: context.actor,
          source: context.source,
          entityType: 'department',
          entityId: d.id,
          action: 'created',
          changes: [
            { field: 'name', before: null, after: d.name },
            { field: 'regionCode', before: null, after: d.regionCode },
            { field: 'kind', before: null, after: d.kind },
          ],
        })),
        manager,
      );
    }

    // A department created earlier under a plain name is recognised as a county government once a plan expands to it.
    const toFlag = specs
      .map((spec) => ({ spec, department: find(spec)! }))
      .filter(
        ({ spec, department }) =>
          !department.isCountyGovernment && isCountyGovernment(regions.get(spec.regionCode)!, spec),
      );
    if (toFlag.length) {
      await repo.update({ id: In(toFlag.map((f) => f.department.id)) }, { isCountyGovernment: true });
      for (const f of toFlag) f.department.isCountyGovernment = true;
    }

    return { departments: specs.map((spec) => find(spec)!), created };
  }

  /** Names the department's head (负责人), who receives its reminders; audited like every change. */
  async setHead(departmentId: string, userId: string | null, actor: AuditActor): Promise<void> {
    const department = await this.get(departmentId);
    if (department.headUserId === userId) return;
    await this.departments.update({ id: departmentId }, { headUserId: userId });
    await this.audit.record([
      {
        actor,
        entityType: 'department',
        entityId: departmentId,
        action: 'head-changed',
        changes: [{ field: 'headUserId', before: department.headUserId, after: userId }],
      },
    ]);
  }

  /** The department of that exact name in a region (Traditional or full-width forms match too). */
  async findByName(regionCode: string, name: string): Promise<Department | null> {
    return this.departments.findOneBy({ regionCode, normalizedName: normalizeDepartmentName(name) });
  }

  view(d: Department & { region?: Region }): DepartmentView {
    return {
      id: d.id,
      name: d.name,
      regionCode: d.regionCode,
      regionName: d.region?.name ?? '',
      kind: d.kind,
      isCountyGovernment: d.isCountyGovernment,
      headUserId: d.headUserId,
    };
  }
}

/** "<county name>人民政府" (or 政府) of a county-level region, under any of the spec's names. */
function isCountyGovernment(region: Region, spec: DepartmentSpec): boolean {
  if (region.level !== 'county') return false;
  const own = new Set([`${region.name}人民政府`, `${region.name}政府`].map(normalizeDepartmentName));
  return [spec.name, ...spec.otherNames].some((n) => own.has(normalizeDepartmentName(n)));
}
