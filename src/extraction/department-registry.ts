/**
 * Collects every department an extraction meets and turns them into the plan file's `departments`: one
 * entry per key, its `ref` the most complete form the text uses (市教育局 over 教育部门), the other forms as
 * aliases, a full name with the issuing region ("市教育局" → "银川市教育局"), and the county governments as
 * one `expand: county_governments` entry. Departments the caller already knows keep their known name.
 */
import { normalizeDepartmentName } from '../common/text-normalization';
import type { PlanFileDepartment } from '../plans/plan-file.schema';
import { type DepartmentMention, readDepartmentList, type ReaderContext } from './department-mentions';

export interface KnownDepartment {
  name: string;
  aliases?: string[];
}

export interface RegisteredDepartment {
  key: string;
  ref: string;
  department: PlanFileDepartment;
  /** matched to a known department, or proposed as new */
  status: 'known' | 'proposed';
  /** where it was first named */
  evidence: string;
}

interface Entry {
  key: string;
  kind: DepartmentMention['kind'];
  level: DepartmentMention['level'];
  county?: string;
  surfaces: Map<string, number>;
  evidence: string;
}

/** How official a surface form looks: a level prefix and an official suffix beat a generic description. */
function refScore(surface: string, kind: DepartmentMention['kind']): number {
  let score = 0;
  if (
    /^(各)?(?:[\p{Script=Han}]{0,12}?(?:自治州|自治县|自治区|省|市|州|县|区|旗|盟|乡|镇)|县\(|区\(|乡\()/u.test(
      surface,
    )
  )
    score += 4;
  if (/人民政府$/.test(surface)) score += 3;
  if (kind === 'government' && surface.startsWith('各')) score += 1;
  if (/(局|委|办|委员会|办公室|中心|室|厅|政府)$/.test(surface)) score += 2;
  else if (/部门$/.test(surface)) score += 1;
  if (/^(同级|当地|本级|辖区)/.test(surface)) score -= 3;
  // a sector word without a body suffix ("县财政") is shorthand
  if (kind === 'bureau' && !/(局|委|办|委员会|办公室|中心|室|厅|部门|机构|部)$/.test(surface)) score -= 5;
  return score + Math.min(surface.length, 20) * 0.01;
}

export class DepartmentRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly known = new Map<string, KnownDepartment>();

  constructor(
    private readonly ctx: ReaderContext,
    knownDepartments: KnownDepartment[] = [],
  ) {
    for (const k of knownDepartments) {
      for (const name of [k.name, ...(k.aliases ?? [])]) {
        const [mention] = readDepartmentList(normalizeDepartmentName(name), 0, ctx);
        if (mention && !this.known.has(mention.key)) this.known.set(mention.key, k);
      }
    }
  }

  add(mention: DepartmentMention, evidence: string): void {
    let entry = this.entries.get(mention.key);
    if (!entry) {
      entry = {
        key: mention.key,
        kind: mention.kind,
        level: mention.level,
        county: mention.county,
        surfaces: new Map(),
        evidence,
      };
      this.entries.set(mention.key, entry);
    }
    const surface = normalizeDepartmentName(mention.surface);
    entry.surfaces.set(surface, (entry.surfaces.get(surface) ?? 0) + 1);
  }

  /** A generic body ("教育部门", "同级财政部门") is the issuer's own one when the text names that one too. */
  private merged(key: string): string {
    const m = /^bureau:generic:(.+)$/.exec(key);
    if (!m) return key;
    const own = `bureau:${this.ctx.region.level}:${m[1]}`;
    return this.entries.has(own) || this.known.has(own) ? own : key;
  }

  private knownFor(key: string): KnownDepartment | undefined {
    const sector = /^bureau:[a-z]+:(.+)$/.exec(key)?.[1];
    return this.known.get(key) ?? (sector ? this.known.get(`bureau:generic:${sector}`) : undefined);
  }

  /** The key a mention ends up under (after merging generic names). */
  keyOf(mention: DepartmentMention): string {
    return this.merged(mention.key);
  }

  /** Final departments, and the ref for each key. */
  finalize(): { departments: RegisteredDepartment[]; refOf: (key: string) => string | undefined } {
    const byKey = new Map<string, Entry>();
    for (const entry of this.entries.values()) {
      const key = this.merged(entry.key);
      const target = byKey.get(key);
      if (!target) {
        byKey.set(key, {
          ...entry,
          key,
          surfaces: new Map(entry.surfaces),
          level: key === entry.key ? entry.level : this.ctx.region.level,
        });
      } else {
        for (const [s, n] of entry.surfaces) target.surfaces.set(s, (target.surfaces.get(s) ?? 0) + n);
      }
    }
    const region = this.ctx.region;
    const taken = new Set<string>();
    const departments: RegisteredDepartment[] = [];
    const refs = new Map<string, string>();
    for (const entry of byKey.values()) {
      const surfaces = [...entry.surfaces.keys()].sort(
        (a, b) => refScore(b, entry.kind) - refScore(a, entry.kind),
      );
      // a county government is referred to as "<county>人民政府" (the importer's name for it)
      const ref = entry.county ? `${entry.county}人民政府` : surfaces.find((s) => !taken.has(s));
      if (!ref || taken.has(ref)) continue;
      taken.add(ref);
      const aliases = surfaces.filter((s) => s !== ref && !taken.has(s));
      aliases.forEach((a) => taken.add(a));
      const known = this.knownFor(entry.key);
      const department: PlanFileDepartment = { ref, region: region.code, aliases };
      if (entry.key === `gov:county` && region.level !== 'county') {
        department.expand = 'county_governments';
      } else if (known) {
        department.name = normalizeDepartmentName(known.name);
      } else {
        department.name = this.fullName(entry, ref);
      }
      if (entry.county) {
        const county = region.counties.find(
          (c) => c.name === entry.county || c.names.includes(entry.county as string),
        );
        if (county?.code) department.region = county.code;
      }
      refs.set(entry.key, ref);
      departments.push({
        key: entry.key,
        ref,
        department,
        status: known ? 'known' : 'proposed',
        evidence: entry.evidence,
      });
    }
    const refOf = (key: string) => refs.get(this.merged(key));
    return { departments, refOf };
  }

  /** "市教育局" → "银川市教育局"; "各县(区、市)教育局" → "晋中市各县(区、市)教育局"; "灵武市政府" → "灵武市人民政府". */
  private fullName(entry: Entry, ref: string): string {
    if (entry.county) return `${entry.county}人民政府`;
    const region = this.ctx.region;
    const full = region.name;
    if (!full) return ref;
    if (entry.key === `gov:${region.level}`) return `${full}人民政府`;
    const own = [...region.names].sort((a, b) => b.length - a.length).find((n) => ref.startsWith(n));
    if (own) return `${full}${ref.slice(own.length)}`;
    const levelWord = /^(自治州|自治县|州|市|县|区|旗|盟)/.exec(ref)?.[1];
    if (levelWord && (entry.level === region.level || entry.level === 'generic'))
      return `${full}${ref.slice(levelWord.length)}`;
    return `${full}${ref}`;
  }
}
