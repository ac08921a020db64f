/**
 * Which administrative division issued the plan, read from the issuer's name (and the title) against the
 * region list when one is given: its code, full name, the names and short names the text may use for it,
 * its level, the divisions above it (whose bodies a plan cannot task) and the counties below it.
 */
import type { RegionEntry } from '../regions/region-file.schema';
import { type AbsoluteLevel, levelOfRegionName } from './department-lexicon';

export interface CountyName {
  code: string | null;
  name: string;
  /** the name and its short forms (和顺县, 和顺) */
  names: string[];
}

export interface IssuerRegion {
  /** 6-digit code; "000000" when unknown */
  code: string;
  /** full name (银川市, 克孜勒苏柯尔克孜自治州); the issuer's own prefix when unknown */
  name: string;
  /** every name the text may use for it, longest first (克孜勒苏柯尔克孜自治州, 克州) */
  names: string[];
  level: AbsoluteLevel;
  /** names of the divisions above it (宁夏回族自治区, 天津市) */
  higherNames: string[];
  /** counties below it, from the region list */
  counties: CountyName[];
  /** true when found in the region list (or given as a hint code) */
  resolved: boolean;
}

const LEVEL_RANK: Record<AbsoluteLevel, number> = { province: 0, city: 1, county: 2, township: 3 };

/** Short forms of a division name: 和顺县 → 和顺, 银川市 → 银川 (only when two or more characters remain). */
export function shortNamesOf(region: Pick<RegionEntry, 'name' | 'short_names'>): string[] {
  const names = new Set([region.name, ...region.short_names]);
  const stem = region.name.replace(/(自治州|自治县|市|县|区|旗|州|盟|地区)$/, '');
  if (stem.length >= 2 && stem !== region.name && !/(自治|族)$/.test(stem)) names.add(stem);
  return [...names].sort((a, b) => b.length - a.length);
}

/** The division names a text begins with: "天津市蓟州区人民政府办公室" → ["天津市", "蓟州区"]. */
function leadingDivisionNames(text: string): string[] {
  const m =
    /^(.+?(?:省|自治区))?(.+?(?:自治州|市|州|盟|地区))?(.+?(?:自治县|县|区|旗|市))?(?=人民政府|政府|教育|办公|委员会|关于|党委|推进|统筹|创建|实施|加快|全面|深化|义务|[^\p{Script=Han}]|$)/u.exec(
      text,
    );
  return m ? [m[1], m[2], m[3]].filter((n): n is string => Boolean(n)) : [];
}

function fromEntry(entry: RegionEntry, regions: RegionEntry[]): IssuerRegion {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const higherNames: string[] = [];
  for (
    let p = entry.parent ? byCode.get(entry.parent) : undefined;
    p;
    p = p.parent ? byCode.get(p.parent) : undefined
  ) {
    higherNames.push(...shortNamesOf(p));
  }
  const counties = regions
    .filter((r) => r.parent === entry.code && r.level === 'county')
    .map((r) => ({ code: r.code, name: r.name, names: shortNamesOf(r) }));
  return {
    code: entry.code,
    name: entry.name,
    names: shortNamesOf(entry),
    level: entry.level,
    higherNames,
    counties,
    resolved: true,
  };
}

/**
 * Resolves the issuing division. `hint` (a 6-digit code or a name) wins; then the most specific division of
 * the list whose name or short name begins the issuer's name (or the title); then the issuer's own prefix.
 */
export function resolveIssuerRegion(
  issuer: string,
  title: string,
  regions: RegionEntry[] = [],
  hint?: string,
): IssuerRegion {
  if (hint) {
    const entry = regions.find((r) => r.code === hint || shortNamesOf(r).includes(hint));
    if (entry) return fromEntry(entry, regions);
    if (/^\d{6}$/.test(hint)) {
      const own = leadingDivisionNames(issuer).at(-1) ?? issuer;
      return { ...inferred(issuer), code: hint, name: own, names: [own], resolved: true };
    }
  }
  for (const text of [issuer, title]) {
    const found = regions
      .map((r) => ({ r, name: shortNamesOf(r).find((n) => text.includes(n)) }))
      .filter((c): c is { r: RegionEntry; name: string } => c.name !== undefined)
      .map((c) => ({ ...c, at: text.indexOf(c.name) }));
    // a division name stands at the start, or right after another division's name (天津市蓟州区)
    const placed = found.filter(
      (c) => c.at === 0 || found.some((o) => o !== c && o.at + o.name.length === c.at),
    );
    placed.sort((a, b) => LEVEL_RANK[b.r.level] - LEVEL_RANK[a.r.level] || b.name.length - a.name.length);
    if (placed.length) return fromEntry(placed[0].r, regions);
  }
  return inferred(issuer || title);
}

function inferred(text: string): IssuerRegion {
  const divisions = leadingDivisionNames(text);
  const own = divisions.at(-1) ?? '';
  return {
    code: '000000',
    name: own,
    names: own ? [own] : [],
    level: own ? levelOfRegionName(own) : 'city',
    higherNames: divisions.slice(0, -1),
    counties: [],
    resolved: false,
  };
}
