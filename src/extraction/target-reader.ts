/**
 * Reads quantitative targets from an item's text: "入学率达到95%以上", "不低于10%", "不超过45人",
 * "国小、国中分别达到4.2人以上、5.3人以上", "生均公用经费不低于6000元", and the genre's standard requirements
 * without a number ("消除大班额" → 0 classes, "教师平均工资收入水平不低于当地公务员平均工资收入水平" → ratio ≥ 1,
 * "高于上年" / "不低于省定基准" / "控制在规定的指标范围内" → a `reference` instead of a value). Rewards
 * ("给予500万元奖励") are incentives, not targets, and are not read. Each target keeps its wording verbatim
 * and the indicator it belongs to.
 * Dates come from the deadline rules (`readDeadline`). Pure.
 */
import { readDeadline } from '../plans/deadline-reading.policy';
import type {
  Comparator,
  PlanFileTarget,
  TargetQualifier,
  TargetReference,
  TargetUnit,
} from '../plans/plan-file.schema';
import { indicatorFor, metricFor } from './indicator-matching';
import { blank, comparable, parseNumeral } from './source-text';

export interface TargetReading extends PlanFileTarget {
  /** span of `text` in the item text read */
  start: number;
  end: number;
  confidence: number;
  rule: string;
}

export interface TargetContext {
  issuedOn: string;
}

const CN = '[一二两三四五六七八九十百]{1,3}';
/** units a Chinese numeral may carry in a target (两所, 一小时, 九成); never 名/人 (一人一案, 一名师) */
const CN_UNITS = /^(?:所|间|小时|学时|成|个班|轨)$/;
const ROMAN = '[ⅠⅡⅢⅣⅤⅥ]';
const UNIT =
  '%|成|万元|亿元|元|平方米|㎡|m2|m²|人\\/班|名学生|名教师|名|人|间|所|个班|个班级|班|轨|学时|小时|项|个|级';
/** number (or a range "1—2"), unit */
const QUANTITY = new RegExp(
  `(?:百分之(\\d+(?:\\.\\d+)?|${CN}))|(\\d+(?:\\.\\d+)?|${CN}|${ROMAN})(?:\\s*[—\\-~～至到]\\s*(\\d+(?:\\.\\d+)?|${CN}))?\\s*(${UNIT})?`,
  'g',
);

const ROMAN_VALUES: Record<string, number> = { Ⅰ: 1, Ⅱ: 2, Ⅲ: 3, Ⅳ: 4, Ⅴ: 5, Ⅵ: 6 };

/** Comparator words before a number, nearest first wins; longest alternatives first. */
const BEFORE: [RegExp, Comparator, string][] = [
  [/(?:不低于|不少于|不小于|不能低于|不得低于|不应低于|至少|最低)$/, '>=', 'at-least'],
  [/(?:不超过|不高于|不大于|不得超过|不多于|最多|控制在)$/, '<=', 'at-most'],
  [/(?:提高到|提高至|提升到|提升至|增加到|增加至|达到|达|均达到|均要达到|过)$/, '>=', 'reach'],
  [/(?:超过|高于|大于|多于)$/, '>', 'above'],
  [/(?:低于|少于|小于)$/, '<', 'below'],
  [/(?:稳定在|保持在)$/, '=', 'hold'],
  [/(?:按照|按|为|给予|奖励|补助|补贴)$/, '=', 'set'],
  [/(?:建成|建设|建立|配备|设立|新建|具有|拥有)$/, '>=', 'provide'],
];

const AFTER_AT_LEAST = /^(?:及以上|以上)/;
const AFTER_AT_MOST = /^(?:及以下|以下|以内|之内)/;

interface UnitReading {
  unit: TargetUnit;
  factor: number;
}

function unitOf(token: string | undefined, sentence: string, clause = sentence): UnitReading | null {
  switch (token) {
    case '%':
      return { unit: 'ratio', factor: 0.01 };
    case '成':
      return { unit: 'ratio', factor: 0.1 };
    case '万元':
      return { unit: 'yuan', factor: 10000 };
    case '亿元':
      return { unit: 'yuan', factor: 100000000 };
    case '元':
      return { unit: 'yuan', factor: 1 };
    case '平方米':
    case '㎡':
    case 'm2':
    case 'm²':
      return { unit: 'm2', factor: 1 };
    case '人/班':
    case '名学生':
      return { unit: 'students', factor: 1 };
    case '名教师':
      return { unit: 'teachers', factor: 1 };
    case '名':
    case '人':
      if (/每百名学生/.test(sentence)) return { unit: 'per_100_students', factor: 1 };
      // "招聘教师不少于100名": people who are teachers
      if (/教师|校长/.test(clause) && !/学生|班/.test(clause)) return { unit: 'teachers', factor: 1 };
      return { unit: 'students', factor: 1 };
    case '间':
      if (/每百名学生/.test(sentence)) return { unit: 'per_100_students', factor: 1 };
      return { unit: 'rooms', factor: 1 };
    case '所':
      return { unit: 'schools', factor: 1 };
    case '个班':
    case '个班级':
    case '班':
    case '轨':
      return { unit: 'classes', factor: 1 };
    case '学时':
    case '小时':
      return { unit: 'hours', factor: 1 };
    case '项':
    case '个':
    case '级':
      return { unit: 'count', factor: 1 };
    default:
      return null;
  }
}

const round = (n: number) => Number(n.toPrecision(10));

const LEVEL_WORD = /小学|国小|初中|国中/g;
const scopeOfLevel = (w: string) => (/小学|国小/.test(w) ? 'primary' : 'junior');

function scopeOf(window: string): string {
  if (/九年一贯制|十二年一贯制/.test(window)) return 'nine_and_twelve_year_school';
  if (/特殊教育学校|特教学校/.test(window)) return 'special_education_school';
  if (/每所学校|所有学校|学校按|各校/.test(window)) return 'school';
  if (/乡村学校|农村学校|乡村义务教育/.test(window)) return 'rural_school';
  if (/每生|学生每天|学生掌握|帮助学生/.test(window)) return 'student';
  if (/每间/.test(window)) return 'room';
  return 'county';
}

interface Sentence {
  start: number;
  end: number;
}

function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || /[。；;\n]/.test(text[i])) {
      if (i > start) out.push({ start, end: i });
      start = i + 1;
    }
  }
  return out;
}

function clauseBounds(text: string, at: number, sentence: Sentence): Sentence {
  let start = at;
  while (start > sentence.start && !/[,，:：]/.test(text[start - 1])) start--;
  let end = at;
  while (end < sentence.end && !/[,，]/.test(text[end])) end++;
  return { start, end };
}

/** The wording of a target: its clause, trimmed of list punctuation. */
function wordingSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /[\s,，、:：;；。(（]/.test(text[start])) start++;
  while (end > start && /[\s,，、:：;；。]/.test(text[end - 1])) end--;
  return { start, end };
}

interface Draft {
  comparator: Comparator;
  value: number | null;
  reference?: TargetReference;
  qualifier?: TargetQualifier;
  unit: TargetUnit;
  scope: string;
  start: number;
  end: number;
  window: string;
  rule: string;
  confidence: number;
  metric?: string;
  indicator?: string | null;
  /** end of the quantity itself (dates after it belong to something else) */
  anchor?: number;
}

/**
 * Targets with a number. `c` is the comparable, names-masked text; spans refer to both texts.
 */
function numericTargets(c: string): Draft[] {
  const out: Draft[] = [];
  for (const sentence of sentences(c)) {
    const s = c.slice(sentence.start, sentence.end);
    const found: {
      at: number;
      end: number;
      value: number;
      unit: UnitReading;
      comparator: Comparator;
      rule: string;
      confidence: number;
    }[] = [];
    QUANTITY.lastIndex = 0;
    for (let m = QUANTITY.exec(s); m; m = QUANTITY.exec(s)) {
      if (m[0] === '') {
        QUANTITY.lastIndex++;
        continue;
      }
      const at = m.index;
      const percentWords = m[1] !== undefined;
      const raw = percentWords ? m[1] : m[2];
      const token = percentWords ? '%' : m[4];
      const before = s.slice(0, at);
      const after = s.slice(at + m[0].length);
      // a Chinese numeral only counts with a unit (两所, 一小时, 九成), never inside words like 一校一策
      if (!percentWords && /^[一二两三四五六七八九十百]/.test(raw) && (!token || !CN_UNITS.test(token)))
        continue;
      if (/\d$/.test(before) || /^\d/.test(after)) continue;
      const ownClause = clauseBounds(s, at, { start: 0, end: s.length });
      const unit = unitOf(token, s, s.slice(ownClause.start, ownClause.end));
      if (!unit) {
        // a bare decimal below 1 after a comparator, for a rate ("差异率低于0.15")
        if (!/^\d*\.\d+$/.test(raw) || !/率|系数/.test(before)) continue;
      }
      // "每12个班级" is a denominator, "第3轮" an ordinal
      if (/(?:每|第)$/.test(before)) continue;
      if (/不足$|不满$|未满$/.test(before)) continue;
      if (/^(?:人口|万|余|多|左右的)/.test(after)) continue;
      // a reward is an incentive, not a target to meet
      if (/^的?(?:奖励|奖金)/.test(after)) continue;
      const value = ROMAN_VALUES[raw] ?? parseNumeral(raw);
      if (value === undefined) continue;
      const reading = unit ?? { unit: 'ratio' as const, factor: 1 };

      let comparator: Comparator | undefined;
      let rule = '';
      let confidence = 0.85;
      // nearest comparator word before the number, within its clause (enumerations share one: "分别达到A、B")
      const clause = clauseBounds(s, at, { start: 0, end: s.length });
      const lookback = s.slice(clause.start, at);
      let best = -1;
      for (let k = lookback.length; k > 0 && best < 0; k--) {
        const head = lookback.slice(0, k);
        const hit = BEFORE.find(([pattern]) => pattern.test(head));
        if (!hit) continue;
        const gap = lookback.length - k;
        // "过九成" right before the number (not 通过, 经过); 为/建成… close to it; others within the clause
        if (head.endsWith('过') && !head.endsWith('超过') && (gap > 0 || /[通经度]过$/.test(head))) continue;
        if (hit[2] === 'provide' && gap > 3) continue;
        if (head.endsWith('为') && hit[2] === 'set' && gap > 1) continue;
        if (gap > 24) break;
        best = k;
        comparator = hit[1];
        rule = hit[2];
      }
      const tail = after;
      // "消除56人以上大班额" is the eliminate-over-limit target (classes of at most 55), read below
      if (
        AFTER_AT_LEAST.test(tail) &&
        /^(?:及)?以上(?:的)?(?:超)?大班额/.test(tail) &&
        /(?:消除|化解)[^,，。]*$/.test(before)
      )
        continue;
      if (AFTER_AT_LEAST.test(tail)) {
        comparator = rule === 'at-most' ? '<=' : '>=';
        if (!rule) rule = 'at-least-after';
        // "消除规模在2000人以上的学校": what is eliminated is above the limit
        if (/(?:消除|杜绝|化解|取缔)[^,，。]*$/.test(before)) comparator = '<=';
      } else if (AFTER_AT_MOST.test(tail)) {
        comparator = '<=';
        if (!rule) rule = 'at-most-after';
      }
      if (m[3] !== undefined && !comparator) {
        comparator = '>=';
        rule = 'range';
      }
      if (!comparator && /锻炼/.test(s) && reading.unit === 'hours') {
        comparator = '>=';
        rule = 'exercise';
      }
      if (!comparator && /^指标均(?:要|应)?达到/.test(tail) && reading.unit === 'count') {
        comparator = '=';
        rule = 'all-indicators';
      }
      if (!comparator && reading.unit === 'ratio' && token === '%' && value === 100) {
        comparator = '=';
        rule = 'full';
        confidence = 0.6;
      }
      if (!comparator) continue;
      // "按…总额的5%": a share of a total is a minimum
      if (rule === 'set' && reading.unit === 'ratio' && /总额的$|总额$/.test(lookback.slice(best))) {
        comparator = '>=';
      }
      if (rule === 'set' && /按$|按照$/.test(lookback.slice(0, best)) && reading.unit === 'ratio')
        comparator = '>=';
      if (rule === 'hold' && !AFTER_AT_LEAST.test(tail)) confidence = 0.6;
      found.push({
        at,
        end: at + m[0].length + (/^(?:及以上|以上|及以下|以下|以内|之内)/.exec(tail)?.[0].length ?? 0),
        value: round(value * reading.factor),
        unit: reading,
        comparator,
        rule,
        confidence,
      });
    }

    // scopes: "国小、国中分别达到A、B" → one each; "国小、国中均达到A" or "所有小学、初中…A" → A for each
    const byClause = new Map<number, typeof found>();
    for (const f of found) {
      const clause = clauseBounds(s, f.at, { start: 0, end: s.length });
      const list = byClause.get(clause.start) ?? [];
      list.push(f);
      byClause.set(clause.start, list);
    }
    for (const [clauseStart, list] of byClause) {
      const clauseEnd = clauseBounds(s, list[list.length - 1].at, { start: 0, end: s.length }).end;
      const clauseText = s.slice(clauseStart, clauseEnd);
      const levelsIn = (from: number, to: number) => [
        ...new Set((s.slice(from, to).match(LEVEL_WORD) ?? []).map(scopeOfLevel)),
      ];
      const clauseLevels = levelsIn(clauseStart, clauseEnd);
      const zip = /分别/.test(clauseText) && clauseLevels.length === list.length && list.length > 1;
      list.forEach((f, i) => {
        const prevEnd = i === 0 ? clauseStart : list[i - 1].end;
        const nextStart = i + 1 < list.length ? list[i + 1].at : clauseEnd;
        // the levels a quantity is about: "…2000人以上的小学、初中" after it, "国小、国中均达到…" before it
        let levels = /^的/.test(s.slice(f.end)) ? levelsIn(f.end, nextStart) : levelsIn(prevEnd, f.at);
        if (levels.length === 0 && list.length === 1) levels = clauseLevels;
        // the wording: the clause, or up to the quantity when the clause enumerates several
        const wordingEnd = list.length === 1 && clauseEnd - f.end <= 20 ? clauseEnd : f.end;
        const span = wordingSpan(c, sentence.start + clauseStart, sentence.start + wordingEnd);
        const local = s.slice(clauseStart, clauseEnd);
        const base = {
          comparator: f.comparator,
          value: f.value,
          unit: f.unit.unit,
          start: span.start,
          end: span.end,
          // what is measured: this clause, then to the end of the sentence, then the whole sentence
          window: [local, s.slice(clauseStart), s].join('\u0000'),
          anchor: sentence.start + f.end,
          rule: f.rule,
          confidence: f.confidence,
        };
        if (zip) out.push({ ...base, scope: clauseLevels[i] });
        else if (levels.length > 1) for (const level of levels) out.push({ ...base, scope: level });
        else out.push({ ...base, scope: levels[0] ?? scopeOf(local) });
      });
    }
  }
  return out;
}

/** Genre requirements without a number. */
function qualitativeTargets(c: string): Draft[] {
  const out: Draft[] = [];
  const add = (
    start: number,
    end: number,
    d: Omit<Draft, 'start' | 'end' | 'window' | 'scope'> & { scope?: string },
  ) => {
    const sentence = sentences(c).find((s) => s.start <= start && end <= s.end + 1) ?? { start, end };
    const span = wordingSpan(c, Math.max(sentence.start, clauseStart(c, start)), end);
    out.push({
      scope: 'county',
      window: c.slice(sentence.start, sentence.end),
      start: span.start,
      end: span.end,
      ...d,
    });
  };
  // 消除(超)大班额 / 杜绝新的大班额 / 不再产生新的大班额 — not the names of plans or ledgers about them
  const ELIMINATE =
    /(消除|杜绝|不再产生|不再出现|化解)([^,，。；;、“”"]{0,12}?)((?:超)?大班额)(?:(和|及|、)(超大班额))?(?!计划|专项|工作|台账|问题|相关|规定|学校|的)/g;
  for (let m = ELIMINATE.exec(c); m; m = ELIMINATE.exec(c)) {
    const isNew = /新/.test(m[2]) || m[1] === '不再产生' || m[1] === '不再出现';
    // "基本消除56人以上大班额": classes of at most 55 — the plan's own limit, not G5's 45/50 standard
    const limit = /(\d{2,3})\s*人(?:及)?以上/.exec(m[2]);
    if (limit && !isNew && !m[5]) {
      add(m.index, m.index + m[0].length, {
        comparator: '<=',
        value: Number(limit[1]) - 1,
        unit: 'students',
        metric: 'class_size',
        indicator: null,
        ...qualifierOf(c.slice(Math.max(0, m.index - 4), m.index) + m[2]),
        rule: 'eliminate-over-limit',
        confidence: 0.6,
      });
      continue;
    }
    for (const kind of [m[3], m[5]].filter(Boolean)) {
      const metric = isNew
        ? 'new_large_classes'
        : kind.startsWith('超')
          ? 'super_large_classes'
          : 'large_classes';
      add(m.index, m.index + m[0].length, {
        comparator: '=',
        value: 0,
        unit: 'classes',
        metric,
        indicator: null,
        ...qualifierOf(c.slice(Math.max(0, m.index - 4), m.index) + m[2]),
        rule: 'eliminate',
        confidence: 0.6,
      });
    }
  }
  // "大班额全部消除", "超大班额基本消除"
  const ELIMINATED = /(?<![超新])((?:超)?大班额)[^,，。；;、“”"]{0,6}?(?:全部|全面|基本|彻底)?(?:消除|清零)/g;
  for (let m = ELIMINATED.exec(c); m; m = ELIMINATED.exec(c)) {
    if (
      /(?:消除|杜绝|不再产生|不再出现|化解)[^,，。；;]{0,12}$/.test(
        c.slice(Math.max(0, m.index - 14), m.index),
      )
    )
      continue;
    const metric = m[1].startsWith('超') ? 'super_large_classes' : 'large_classes';
    add(m.index, m.index + m[0].length, {
      comparator: '=',
      value: 0,
      unit: 'classes',
      metric,
      indicator: null,
      ...qualifierOf(m[0]),
      rule: 'eliminate',
      confidence: 0.6,
    });
  }
  const STANDARD_SIZE = /全部达(?:到)?(?:省定|国家)?(?:办学)?标准班额/g;
  for (let m = STANDARD_SIZE.exec(c); m; m = STANDARD_SIZE.exec(c)) {
    add(m.index, m.index + m[0].length, {
      comparator: '=',
      value: 0,
      unit: 'classes',
      metric: 'classes_above_standard_size',
      indicator: 'G5',
      rule: 'standard-class-size',
      confidence: 0.6,
    });
  }
  // "大班额零增量", or "零增量" in a text about 大班额
  const NO_INCREASE = /大班额零增量|零增量/g;
  for (let m = NO_INCREASE.exec(c); m; m = NO_INCREASE.exec(c)) {
    if (m[0] === '零增量' && !/大班额/.test(c)) continue;
    add(m.index, m.index + m[0].length, {
      comparator: '<=',
      value: 0,
      unit: 'classes',
      metric: 'large_class_increase',
      indicator: null,
      rule: 'no-increase',
      confidence: 0.6,
    });
  }
  // "(平均)工资(收入)水平不低于…(公务员)…工资(收入)水平": pay parity, ratio ≥ 1
  const PARITY = /([^,，。；;]{0,30}?工资(?:收入)?水平)不低于([^,，。；;0-9]{0,30}?工资(?:收入)?水平)/g;
  for (let m = PARITY.exec(c); m; m = PARITY.exec(c)) {
    const wording = m[0];
    add(m.index, m.index + m[0].length, {
      comparator: '>=',
      value: 1,
      unit: 'ratio',
      metric: /公务员/.test(wording)
        ? /乡村/.test(m[1])
          ? 'rural_teacher_to_civil_servant_average_pay'
          : 'teacher_to_civil_servant_average_pay'
        : 'pay_parity',
      indicator: /公务员/.test(wording) && !/乡村/.test(m[1]) ? 'G8' : null,
      rule: 'pay-parity',
      confidence: 0.7,
    });
  }
  // a dated commitment to full coverage: "到2020年…基本实现全覆盖"
  const COVERAGE = /全覆盖/g;
  for (let m = COVERAGE.exec(c); m; m = COVERAGE.exec(c)) {
    const sentence = sentences(c).find((s) => s.start <= m!.index && m!.index < s.end);
    if (!sentence || !/(?:到|至)\d{4}年/.test(c.slice(sentence.start, m.index))) continue;
    const from = c.slice(sentence.start, m.index).search(/(?:到|至)\d{4}年/);
    const start = sentence.start + from;
    out.push({
      comparator: '>=',
      value: 1,
      unit: 'ratio',
      scope: 'county',
      metric: 'coverage_rate',
      indicator: null,
      start,
      end: m.index + m[0].length,
      window: c.slice(sentence.start, sentence.end),
      rule: 'coverage',
      confidence: 0.5,
    });
  }
  // comparisons with a value the text does not state: last year's, a provincial standard, a prescribed limit
  const REFERENCED =
    /(高于|超过)上年度?|(不低于|达到)(?:国家和)?(?:省定|区定|省|自治区)(?:基准|标准)|控制在规定的(?:指标)?范围内/g;
  for (let m = REFERENCED.exec(c); m; m = REFERENCED.exec(c)) {
    const from = clauseStart(c, m.index);
    const clause = c.slice(from, m.index);
    const unit: TargetUnit | null = /经费|事业费|支出/.test(clause)
      ? 'yuan'
      : /率/.test(clause)
        ? 'ratio'
        : /计算机|图书|仪器/.test(clause)
          ? 'count'
          : null;
    if (!unit) continue;
    const reference: TargetReference = m[1]
      ? 'previous_year'
      : m[2]
        ? 'provincial_standard'
        : 'prescribed_limit';
    add(m.index, m.index + m[0].length, {
      comparator: m[1] ? '>' : m[2] ? '>=' : '<=',
      value: null,
      reference,
      unit,
      indicator: null,
      ...qualifierOf(clause),
      rule: 'referenced',
      confidence: 0.6,
    });
  }
  // "基本实现所有学校拥有多媒体教学条件": every school, as a share
  const EVERY_SCHOOL = /(?:基本|全面)?实现所有学校(?:都)?(?:拥有|具备|达到)/g;
  for (let m = EVERY_SCHOOL.exec(c); m; m = EVERY_SCHOOL.exec(c)) {
    add(m.index, clauseEnd(c, m.index), {
      comparator: '=',
      value: 1,
      unit: 'ratio',
      scope: 'school',
      indicator: null,
      ...qualifierOf(m[0]),
      rule: 'every-school',
      confidence: 0.5,
    });
  }
  // "任教服务期不少于8年"
  const SERVICE = /服务期(?:不少于|不低于|不得少于)(\d+)年/g;
  for (let m = SERVICE.exec(c); m; m = SERVICE.exec(c)) {
    add(m.index, m.index + m[0].length, {
      comparator: '>=',
      value: Number(m[1]),
      unit: 'years',
      scope: 'teacher',
      metric: 'service_period_years',
      indicator: null,
      rule: 'service-period',
      confidence: 0.7,
    });
  }
  const ZERO_DROPOUT = /(?:控辍保学|辍学)[^。；;]{0,20}?清零/g;
  for (let m = ZERO_DROPOUT.exec(c); m; m = ZERO_DROPOUT.exec(c)) {
    add(m.index, m.index + m[0].length, {
      comparator: '=',
      value: 0,
      unit: 'students',
      metric: 'dropouts',
      indicator: null,
      rule: 'zero-dropout',
      confidence: 0.6,
    });
  }
  return out;
}

/** 基本 (largely) or 全面/全部 (fully), when the wording says which. */
function qualifierOf(wording: string): { qualifier?: TargetQualifier } {
  if (/基本/.test(wording)) return { qualifier: 'largely' };
  if (/全面|全部|彻底/.test(wording)) return { qualifier: 'fully' };
  return {};
}

function clauseEnd(c: string, at: number): number {
  let end = at;
  while (end < c.length && !/[,，。；;\n]/.test(c[end])) end++;
  return end;
}

function clauseStart(c: string, at: number): number {
  let start = at;
  while (start > 0 && !/[,，。；;:：\n]/.test(c[start - 1])) start--;
  return start;
}

/**
 * Every target stated in `text` (an item's own text, as written). `skip` spans (e.g. dated schedule
 * segments read as child items) are left out.
 */
export function readTargets(
  text: string,
  ctx: TargetContext,
  skip: { start: number; end: number }[] = [],
): TargetReading[] {
  // names and document numbers hold numbers that are not targets; quotes may hold targets (“过九成”)
  const c = blank(comparable(text), /《[^《》]*》|〔[^〔〕]*〕|<[^<>\n]{1,60}>/g);
  const drafts = [...numericTargets(c), ...qualitativeTargets(c)]
    .filter((d) => !skip.some((s) => d.start >= s.start && d.end <= s.end))
    .sort((a, b) => a.start - b.start);
  const out: TargetReading[] = [];
  const seen = new Set<string>();
  // a heading restating a dated requirement of its text ("消除大班额。…2020年全面消除大班额") is one target
  const dated = new Set<string>();
  for (const d of drafts) {
    const windows = d.window.split('\u0000');
    // what is measured is read from the narrowest wording that names it; its indicator from the same wording
    const fallback = metricFor('', d.unit);
    const named = windows.find((w) => metricFor(w, d.unit) !== fallback) ?? windows[windows.length - 1];
    const metric = d.metric ?? metricFor(named, d.unit);
    const indicator = d.indicator !== undefined ? d.indicator : indicatorFor(named, d.unit);
    const sentenceStart = sentences(c).find((s) => s.start <= d.start && d.start <= s.end)?.start ?? d.start;
    const reading = readDeadline(c.slice(sentenceStart, d.anchor ?? d.end), { issuedOn: ctx.issuedOn });
    const due = reading?.due?.date ?? null;
    const wording = text.slice(d.start, d.end).trim();
    if (!wording) continue;
    // the same requirement read twice (two rules, one wording) is one target
    const key = `${metric}|${d.comparator}|${d.value ?? d.reference}|${d.unit}|${d.scope}|${due}|${wording}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (due) dated.add(`${metric}|${d.comparator}|${d.value}|${d.unit}|${d.scope}`);
    out.push({
      metric,
      comparator: d.comparator,
      value: d.value,
      ...(d.reference ? { reference: d.reference } : {}),
      ...(d.qualifier ? { qualifier: d.qualifier } : {}),
      unit: d.unit,
      scope: d.scope,
      ...(due ? { due } : {}),
      ...(indicator ? { indicator } : {}),
      text: wording,
      start: d.start,
      end: d.end,
      confidence: d.confidence,
      rule: d.rule,
    });
  }
  return out.filter(
    (t) => t.due || !dated.has(`${t.metric}|${t.comparator}|${t.value}|${t.unit}|${t.scope}`),
  );
}
