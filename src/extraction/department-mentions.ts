/**
 * Recognises the departments a Chinese government text names, from the sector vocabulary
 * (`department-lexicon.ts`) and the level words: "市教育局", "县级教育行政部门", "教育、编制、人社部门" (one
 * suffix for three), "各县(区、市)人民政府", "乡(镇)政府", "县直有关单位", "灵武市政府" … Each mention is
 * keyed by (level relative to the issuer, sector): "教育部门", "教育行政部门" and "市教育局" in a city plan share
 * a sector and merge later; "县级教育部门" and "县(区、市)教育局" are another department. Bodies above the
 * issuer (自治区教育厅, 教育部) are not tasked by a plan and are skipped. Pure functions.
 */
import {
  COMMON_SUFFIXES,
  LEVEL_WORDS,
  RELATIVE_LEVEL_WORDS,
  SECTORS,
  type AbsoluteLevel,
  levelOfWord,
} from './department-lexicon';
import type { IssuerRegion } from './issuer-region';

export type DepartmentKind = 'government' | 'bureau' | 'collective' | 'unit';
/** a level relative to nothing (同级, 当地 …): resolved later against the issuer's own bodies */
export type MentionLevel = AbsoluteLevel | 'generic';

export interface DepartmentMention {
  /** the name as the text writes it (Simplified, half-width brackets); synthesised for list members */
  surface: string;
  /** one department, one key */
  key: string;
  kind: DepartmentKind;
  level: MentionLevel;
  /** a named county government (灵武市) */
  county?: string;
  sector?: string;
  /** where the mention (or the list holding it) stands in the text read */
  start: number;
  end: number;
  /** the phrase itself gives the role ("区、镇乡两级统筹" → both lead) */
  roleHint?: Role;
}

export type Role = 'lead' | 'cooperate';

export interface ReaderContext {
  region: IssuerRegion;
  /** extra names (known departments and their aliases), recognised in sentences too */
  extraNames?: string[];
  /**
   * The document says once that in its notes the first named unit leads ("排名第一位为牵头单位，下同"): every
   * bare list of units in brackets after a sentence ("（市发展改革局，市教育局）") is then a note.
   */
  firstListedLeads?: boolean;
}

// ------------------------------------------------------------------------------------------ patterns

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string) => b.length - a.length;

interface Patterns {
  mention: RegExp;
  sectorOfWord: Map<string, (typeof SECTORS)[number]>;
  countyNames: Map<string, string>;
  regionNames: { name: string; level: AbsoluteLevel | 'self' | 'higher' }[];
  extra: RegExp | null;
}

const cache = new WeakMap<IssuerRegion, Map<string, Patterns>>();

function buildPatterns(ctx: ReaderContext): Patterns {
  const extraKey = (ctx.extraNames ?? []).join('|');
  let byRegion = cache.get(ctx.region);
  if (!byRegion) cache.set(ctx.region, (byRegion = new Map()));
  const hit = byRegion.get(extraKey);
  if (hit) return hit;

  const region = ctx.region;
  const regionNames: Patterns['regionNames'] = [
    ...region.names.map((name) => ({ name, level: 'self' as const })),
    ...region.higherNames.map((name) => ({ name, level: 'higher' as const })),
  ];
  const countyNames = new Map<string, string>();
  for (const c of region.counties) for (const n of c.names) if (n.length >= 2) countyNames.set(n, c.name);

  const sectorOfWord = new Map<string, (typeof SECTORS)[number]>();
  for (const s of SECTORS) for (const w of [...s.words, ...(s.standalone ?? [])]) sectorOfWord.set(w, s);
  const sectorWords = [...sectorOfWord.keys()].sort(byLength).map(escape);
  const suffixes = [...new Set([...COMMON_SUFFIXES, ...SECTORS.flatMap((s) => s.extraSuffixes ?? [])])]
    .sort(byLength)
    .map(escape);
  const levelAlternatives = [
    ...[...regionNames.map((r) => r.name), ...countyNames.keys()].sort(byLength).map(escape),
    ...LEVEL_WORDS,
    ...RELATIVE_LEVEL_WORDS,
  ].join('|');
  const level = `(?:${levelAlternatives})`;
  const sector = `(?:${sectorWords.join('|')})`;

  // [各] [levels joined by 、 or adjacent] [两级] [级|直|属] [委|党委] [人民政府 before a sector] body
  const mention = new RegExp(
    `(?<each>各)?` +
      `(?<levels>${level}(?:、?${level}){0,3}(?:两级|三级)?)?` +
      `(?<grade>级|直|属)?(?<party>(?:党委|委)(?=${sector}))?(?<govPrefix>(?:人民政府|政府)(?=${sector}))?` +
      `(?:` +
      `(?<sectors>${sector}(?:(?:、|和|及|与|,)${sector})*)(?<etc>等多?)?(?<suffix>${suffixes.join('|')})?` +
      `|(?<gov>人民政府|政府|层面)` +
      `|(?<collective>(?:各)?(?:有关|相关)?(?:部门|单位|学校))` +
      // a bare level after 各 ("各县(区、市)要…", "鼓励各县(市)…") names the governments of that level
      `|(?<bare>(?=.|$))` +
      `)`,
    'y',
  );
  const extra = ctx.extraNames?.length
    ? new RegExp(`(?:${[...new Set(ctx.extraNames)].sort(byLength).map(escape).join('|')})`, 'y')
    : null;
  const patterns = { mention, sectorOfWord, countyNames, regionNames, extra };
  byRegion.set(extraKey, patterns);
  return patterns;
}

// ------------------------------------------------------------------------------------------ levels

interface LevelToken {
  word: string;
  /** `self`: a name of the issuing division itself */
  level: MentionLevel | 'higher' | 'self';
  county?: string;
}

function splitLevels(levels: string, p: Patterns): LevelToken[] {
  const tokens: LevelToken[] = [];
  const words = [
    ...p.regionNames.map((r) => r.name),
    ...p.countyNames.keys(),
    ...LEVEL_WORDS.map((w) => w.replace(/\\/g, '')),
    ...RELATIVE_LEVEL_WORDS,
  ].sort(byLength);
  let rest = levels.replace(/(两级|三级)$/, '');
  while (rest.length) {
    if (rest[0] === '、') {
      rest = rest.slice(1);
      continue;
    }
    const word = words.find((w) => rest.startsWith(w));
    if (!word) break;
    rest = rest.slice(word.length);
    const region = p.regionNames.find((r) => r.name === word);
    const county = p.countyNames.get(word);
    if (region) tokens.push({ word, level: region.level === 'self' ? 'self' : 'higher' });
    else if (county) tokens.push({ word, level: 'county', county });
    else if (RELATIVE_LEVEL_WORDS.includes(word)) tokens.push({ word, level: 'generic' });
    else tokens.push({ word, level: levelOfWord(word) ?? 'generic' });
  }
  return tokens;
}

/**
 * The level of a level word relative to the issuer: a word naming the issuer's own level ("市" in a city
 * plan, "区" in a district plan) is the issuer's level; words above the issuer are `higher` (not tasked).
 */
function resolveLevel(token: LevelToken, region: IssuerRegion): MentionLevel | 'higher' {
  if (token.level === 'self') return region.level;
  if (token.level === 'higher' || token.level === 'generic') return token.level;
  const own = region.name.slice(-1);
  // "市" in a county-level city's plan, "区" in a district's plan: the issuer itself
  if (token.word === own && region.level === 'county') return 'county';
  const rank = { province: 0, city: 1, county: 2, township: 3 } as const;
  if (rank[token.level] < rank[region.level]) return 'higher';
  return token.level;
}

// ------------------------------------------------------------------------------------------ mentions

/** words that make a body the actor of its sentence */
export const MODAL = /^(?:要|应|应当|须|必须|需|需要|负责|牵头|将|会同|积极|切实|认真|务必)/;

const SELF_ACTS = /^(?:将|要|应|建立|负责|统筹|把|必须|会同|出台|制定|设立)/;

const RELATIVE_GOVERNMENT: Record<string, 'self' | 'below'> = {
  同级: 'self',
  本级: 'self',
  当地: 'below',
  辖区: 'below',
  属地: 'below',
  所在地: 'below',
};

function belowLevel(level: AbsoluteLevel): AbsoluteLevel {
  return level === 'province' ? 'city' : level === 'city' ? 'county' : 'township';
}

const normaliseCollective = (what: string) => (/学校/.test(what) ? 'schools' : 'departments');

/** Whether the recogniser found a body, and which; `null` for a match that names nothing (e.g. "各级"). */
function mentionsAt(
  text: string,
  index: number,
  ctx: ReaderContext,
  p: Patterns,
): { mentions: DepartmentMention[]; end: number } | null {
  p.mention.lastIndex = index;
  const m = p.mention.exec(text);
  if (!m || !m.groups) return null;
  const g = m.groups;
  const end = index + m[0].length;
  const region = ctx.region;
  const levelTokens = g.levels ? splitLevels(g.levels, p) : [];
  // adjacent division names without 、 or 两级 are one place ("天津市蓟州区"): keep the most specific
  // — but level words side by side are a list ("各县市人民政府": the counties and county-level cities)
  const named = levelTokens.some((t) => t.word.length > 1);
  const joined = g.levels && named && !/、|两级|三级/.test(g.levels) ? levelTokens.slice(-1) : levelTokens;
  // "各县市", "各县市区": level words run together (no 、 or brackets) name the counties of every kind
  const runTogether =
    joined.length > 1 && /^(?:县|区|市|旗)+$/.test(g.levels ?? '') && joined.some((t) => t.word === '县');
  const levels = joined
    .map((t) => ({
      ...t,
      // "市" run together with "县" in a prefecture's plan is a county-level city, not the prefecture
      resolved:
        runTogether && t.word === '市' && region.level === 'city'
          ? ('county' as const)
          : resolveLevel(t, region),
    }))
    .filter((t, i, all) => !runTogether || all.findIndex((o) => o.resolved === t.resolved) === i);
  const mentions: DepartmentMention[] = [];
  const at = (surface: string, rest: Omit<DepartmentMention, 'surface' | 'start' | 'end'>) =>
    mentions.push({ surface, start: index, end, ...rest });

  if (g.bare !== undefined && !g.sectors && !g.gov && !g.collective) {
    if (!g.levels || g.grade || g.party || g.govPrefix) return null;
    // "建立区、镇乡两级统筹机制": the governments of both levels
    if (/(两级|三级)$/.test(g.levels) && /^(?:统筹|联动|协同|共同)/.test(text.slice(end))) {
      for (const l of levels) {
        if (l.resolved === 'higher' || l.resolved === 'generic') continue;
        at(`${l.word}政府`, {
          key: `gov:${l.resolved}`,
          kind: 'government',
          level: l.resolved as MentionLevel,
          roleHint: 'lead',
        });
      }
      return { mentions, end };
    }
    // "银川市将…", "银川市建立…": the issuing division's name acting is its government
    const own = levels.length === 1 && levels[0].level === 'self' && levels[0].word.length > 1;
    if (own && !g.each && SELF_ACTS.test(text.slice(end))) {
      at(`${levels[0].word}人民政府`, {
        key: `gov:${region.level}`,
        kind: 'government',
        level: region.level,
      });
      return { mentions, end };
    }
    const modal = MODAL.test(text.slice(end));
    if (!(g.each || modal)) return null;
    const collectiveLevels = levels.filter(
      (l) =>
        (l.level !== 'self' && (l.resolved === 'county' || l.resolved === 'township')) ||
        (l.county !== undefined && modal),
    );
    if (collectiveLevels.length === 0 || collectiveLevels.length !== levels.length) return null;
    for (const l of collectiveLevels) {
      if (l.county) {
        at(`${l.county}人民政府`, {
          key: `gov:named:${l.county}`,
          kind: 'government',
          level: 'county',
          county: l.county,
        });
      } else {
        // "各县市区要…": the governments of the counties of every kind, named as written
        at(`${g.each ?? ''}${runTogether ? g.levels : l.word}人民政府`, {
          key: `gov:${l.resolved}`,
          kind: 'government',
          level: l.resolved as MentionLevel,
        });
      }
    }
    return { mentions, end };
  }

  if (g.gov) {
    if (levels.length === 0) return { mentions, end };
    for (const l of levels) {
      if (l.resolved === 'higher') continue;
      const surface = `${g.each ?? ''}${l.word}${g.grade ?? ''}${g.gov === '层面' ? '政府' : g.gov}`;
      if (l.county) {
        at(`${l.county}${g.gov === '人民政府' ? '人民政府' : '政府'}`, {
          key: `gov:named:${l.county}`,
          kind: 'government',
          level: 'county',
          county: l.county,
        });
      } else if (l.resolved === 'generic') {
        const rel = RELATIVE_GOVERNMENT[l.word] ?? 'self';
        const level = rel === 'self' ? region.level : belowLevel(region.level);
        at(surface, { key: `gov:${level}`, kind: 'government', level });
      } else {
        at(surface, { key: `gov:${l.resolved}`, kind: 'government', level: l.resolved });
      }
    }
    return { mentions, end };
  }

  if (g.collective) {
    // 各有关部门, 县直有关单位, 市属各学校 — not 各级各部门, not a bare 有关部门
    const grade = g.grade === '直' || g.grade === '属';
    if (!grade && !g.each && !g.collective.startsWith('各')) return { mentions, end };
    if (levels.length && !grade) return null;
    // "各乡镇、县直有关单位": the governments listed before, then the collective of the last level
    for (const l of levels.slice(0, -1)) {
      if (l.resolved === 'county' || l.resolved === 'township') {
        at(`${g.each ?? ''}${l.word}`, {
          key: `gov:${l.resolved}`,
          kind: 'government',
          level: l.resolved as MentionLevel,
        });
      }
    }
    const l = levels[levels.length - 1];
    if (l?.resolved === 'higher') return { mentions, end };
    const level: MentionLevel = l ? (l.resolved === 'generic' ? region.level : l.resolved) : region.level;
    const surface = `${levels.length > 1 ? '' : (g.each ?? '')}${l?.word ?? ''}${g.grade ?? ''}${g.collective}`;
    at(surface, {
      key: `collective:${level}:${normaliseCollective(g.collective)}`,
      kind: 'collective',
      level,
    });
    return { mentions, end };
  }

  if (!g.sectors) return null;
  // from here on the match is a sector phrase: skip it whole even when it names no body we task
  // the sector words of the list, longest first at each position ("自然资源和规划" is one, "编制和人社" two)
  const pieces: string[] = [];
  const words = [...p.sectorOfWord.keys()].sort(byLength);
  for (let at = 0; at < g.sectors.length;) {
    const word = words.find((w) => g.sectors.startsWith(w, at));
    if (!word) {
      at++;
      continue;
    }
    pieces.push(word);
    at += word.length;
  }
  const sectors = pieces.map((w) => ({ word: w, sector: p.sectorOfWord.get(w) })).filter((s) => s.sector);
  if (sectors.length === 0) return { mentions, end };
  const suffix = g.suffix ?? '';
  const levelList = levels.length ? levels : [undefined];
  for (const l of levelList) {
    if (l?.resolved === 'higher') continue;
    for (const { word, sector } of sectors) {
      if (!sector) continue;
      const standalone = sector.standalone?.includes(word);
      if (sector.partyOnly && !g.party) continue;
      if (!suffix && !standalone && !(sector.bareWithLevel && l)) continue;
      if (suffix && !standalone) {
        const allowed = COMMON_SUFFIXES.includes(suffix) || sector.extraSuffixes?.includes(suffix);
        if (!allowed) continue;
      }
      const level: MentionLevel = l ? (l.resolved as MentionLevel) : 'generic';
      const prefix = `${g.each && sectors.length === 1 ? g.each : ''}${l ? l.word : ''}${l ? (g.grade ?? '') : ''}${g.party ?? ''}${g.govPrefix ?? ''}`;
      const surface = `${prefix}${word}${standalone ? '' : suffix}`;
      at(surface, { key: `bureau:${level}:${sector.id}`, kind: 'bureau', level, sector: sector.id });
    }
  }
  return { mentions, end };
}

/** Named county governments the region list does not know: "兴庆区政府", "灵武市人民政府". */
const NAMED_GOVERNMENT = /([\p{Script=Han}]{1,3}?(?:县|区|市|旗))(人民政府|政府)/uy;
const FUNCTION_CHARS = /[由对向在和及与将把等的是为经按从并或同其各以请让使给被于了律列入]/;
const NOT_A_COUNTY =
  /^(?:自治区|自治州|自治县|辖区|城区|市区|县区|区县|镇区|社区|园区|景区|街区|新区|开发区|我市|本市|我县|本县|我区|本区|各县|各区|各市)$/;

/**
 * Every department named in `text` (comparable form, names masked), in order. Overlapping matches are
 * resolved by taking the first, longest one.
 */
export function findMentions(text: string, ctx: ReaderContext): DepartmentMention[] {
  const p = buildPatterns(ctx);
  const found: DepartmentMention[] = [];
  for (let i = 0; i < text.length;) {
    const ch = text[i];
    if (!/[\p{Script=Han}]/u.test(ch)) {
      i++;
      continue;
    }
    // "各级各部门", "各级政府": every level, nobody in particular
    const everyLevel = /^各级(?:各(?:有关|相关)?(?:部门|单位)|(?:人民)?政府|党委和政府)?/.exec(
      text.slice(i, i + 12),
    );
    if (everyLevel) {
      i += everyLevel[0].length;
      continue;
    }
    if (p.extra) {
      p.extra.lastIndex = i;
      const e = p.extra.exec(text);
      if (e) {
        const inner = mentionsAt(text, i, ctx, p);
        if (!inner || inner.end < i + e[0].length) {
          found.push(unitMention(e[0], i, ctx));
          i += e[0].length;
          continue;
        }
      }
    }
    const hit = mentionsAt(text, i, ctx, p);
    if (hit) {
      found.push(...hit.mentions);
      i = hit.end;
      continue;
    }
    NAMED_GOVERNMENT.lastIndex = i;
    const named = NAMED_GOVERNMENT.exec(text);
    const boundary = i === 0 || !/[\p{Script=Han}]/u.test(text[i - 1]) || /[和及与、]/.test(text[i - 1]);
    if (
      named &&
      boundary &&
      !FUNCTION_CHARS.test(named[1].slice(0, -1)) &&
      !NOT_A_COUNTY.test(named[1]) &&
      !ctx.region.names.includes(named[1])
    ) {
      if (!ctx.region.higherNames.includes(named[1])) {
        found.push({
          surface: named[0],
          key: `gov:named:${named[1]}`,
          kind: 'government',
          level: 'county',
          county: named[1],
          start: i,
          end: i + named[0].length,
        });
      }
      i += named[0].length;
      continue;
    }
    i++;
  }
  return found;
}

// --------------------------------------------------------------------------------- explicit lists

/** An element of a 责任单位 list that names no known sector: a unit keyed by its own name. */
function unitMention(name: string, start: number, ctx: ReaderContext): DepartmentMention {
  const p = buildPatterns(ctx);
  const region = ctx.region;
  let rest = name;
  let level: MentionLevel = region.level;
  const own = p.regionNames.find((r) => r.level === 'self' && rest.startsWith(r.name));
  if (own) rest = rest.slice(own.name.length);
  else {
    const word = ['自治州', '市', '州', '县', '区', '旗', '盟'].find((w) => rest.startsWith(w));
    if (word) {
      const l = resolveLevel({ word, level: levelOfWord(word) ?? 'generic' }, region);
      if (l !== 'higher') level = l;
      rest = rest.slice(word.length);
    }
  }
  return {
    surface: name,
    key: `unit:${level}:${rest}`,
    kind: 'unit',
    level,
    start,
    end: start + name.length,
  };
}

const LEVEL_PREFIX = /^(?:各)?(?:自治州|自治县|市|州|县|区|旗|盟)/;

/**
 * The departments of a 责任单位 list or a note ("自治州发改委、财政局、教育局"): split on 、，; a level prefix
 * of the first element carries over to the following ones ("财政局" → "自治州财政局").
 */
/** `list` split at 、，；/ outside brackets, the separators dropped */
export function splitOutsideBrackets(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if ('(（[［【〔<＜〈'.includes(ch)) depth++;
    else if (')）]］】〕>＞〉'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && '、,，;；/'.includes(ch)) {
      out.push(list.slice(from, i));
      from = i + 1;
    }
  }
  out.push(list.slice(from));
  return out;
}

export function readDepartmentList(list: string, offset: number, ctx: ReaderContext): DepartmentMention[] {
  const out: DepartmentMention[] = [];
  let carried: string | undefined;
  // "各县（市、区）人民政府" is one element: separators inside brackets do not split
  const elements = splitOutsideBrackets(list);
  let position = 0;
  for (const raw of elements) {
    const start = offset + list.indexOf(raw, position);
    position = list.indexOf(raw, position) + raw.length;
    let element = raw
      .trim()
      .replace(/^(?:和|及|以及|与)/, '')
      .replace(/[。.]+$/, '')
      .replace(/(?:等(?:有关|相关)?(?:部门|单位)?)$/, '');
    // "县教育局（牵头）": a role written after the name
    const marked = /\((牵头|负责|主责|配合|参与|协助|协办)\)$/.exec(element);
    const roleHint: Role | undefined = marked
      ? /牵头|负责|主责/.test(marked[1])
        ? 'lead'
        : 'cooperate'
      : undefined;
    if (marked) element = element.slice(0, marked.index).trim();
    if (!element) continue;
    const own = LEVEL_PREFIX.exec(element)?.[0];
    if (own) carried ??= own.replace(/^各/, '');
    else if (carried && !/政府$/.test(element)) element = `${carried}${element}`;
    const found = findMentions(element, ctx);
    const covered = found.reduce((n, f) => n + (f.end - f.start), 0);
    const placed = (f: DepartmentMention) => ({
      ...f,
      start,
      end: start + raw.length,
      ...(roleHint ? { roleHint } : {}),
    });
    if (found.length && covered >= element.length - 2) {
      out.push(...found.map(placed));
    } else if (found.length > 1 && /[和及与]/.test(element)) {
      out.push(...found.map(placed));
    } else if (element.length >= 2) {
      out.push(placed(unitMention(element, start, ctx)));
    }
  }
  return out;
}
