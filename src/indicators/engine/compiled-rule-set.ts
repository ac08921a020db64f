/**
 * The rule set prepared for tight loops: thresholds as typed arrays per level, floors (85 %) precomputed,
 * transitional exceptions compiled once. Compiled lazily and cached per rule-set object, so evaluating
 * 2,850 counties with one rule set compiles it once.
 */
import type { Level, SchoolRow } from './county-data';
import {
  RESOURCE_INDICATORS,
  type ResourceIndicator,
  type RuleSet,
  type SpecialRoomRule,
  type TransitionalException,
} from './rule-set';

export interface Thresholds {
  /** Indexed like RESOURCE_INDICATORS. */
  readonly values: Float64Array;
  readonly floors: Float64Array;
  /** The same thresholds as a record, shared by every school measured against them. */
  readonly record: Readonly<Record<ResourceIndicator, number>>;
  readonly exceptions: readonly string[];
}

export interface SpecialRoomThresholds {
  readonly rule: SpecialRoomRule;
  readonly exceptions: readonly string[];
}

export interface CompiledRuleSet {
  readonly ruleSet: RuleSet;
  /** Thresholds for one school part: the defaults unless an exception matches the school. */
  thresholdsFor(level: Level, school: SchoolRow, students: number): Thresholds;
  specialRoomsFor(school: SchoolRow, students: number): SpecialRoomThresholds;
}

const NO_EXCEPTIONS: readonly string[] = Object.freeze([]);

function makeThresholds(values: Float64Array, floorRatio: number, exceptions: readonly string[]): Thresholds {
  const floors = new Float64Array(values.length);
  const record = {} as Record<ResourceIndicator, number>;
  for (let i = 0; i < values.length; i++) {
    floors[i] = values[i] * floorRatio;
    record[RESOURCE_INDICATORS[i]] = values[i];
  }
  return { values, floors, record: Object.freeze(record), exceptions };
}

function matches(exception: TransitionalException, school: SchoolRow, students: number): boolean {
  const when = exception.when;
  if (
    when.build_year_before !== undefined &&
    !(school.build_year !== null && school.build_year < when.build_year_before)
  ) {
    return false;
  }
  if (when.location !== undefined && !(school.location !== null && when.location.includes(school.location)))
    return false;
  if (when.school_type !== undefined && !when.school_type.includes(school.school_type)) return false;
  if (when.students_below !== undefined && !(students < when.students_below)) return false;
  return true;
}

function compile(ruleSet: RuleSet): CompiledRuleSet {
  const { thresholds, floor_ratio: floorRatio, exceptions } = ruleSet.resource_allocation;
  const defaultValues = (level: Level) =>
    Float64Array.from(RESOURCE_INDICATORS, (id) => thresholds[id][level]);
  const defaults: Record<Level, Thresholds> = {
    primary: makeThresholds(defaultValues('primary'), floorRatio, NO_EXCEPTIONS),
    junior: makeThresholds(defaultValues('junior'), floorRatio, NO_EXCEPTIONS),
  };
  const defaultRooms: SpecialRoomThresholds = {
    rule: ruleSet.government_guarantee.G3,
    exceptions: NO_EXCEPTIONS,
  };
  // Schools matching the same exceptions share one Thresholds object.
  const cache = new Map<string, Thresholds>();

  const matching = (school: SchoolRow, students: number): TransitionalException[] =>
    exceptions.length === 0 ? [] : exceptions.filter((e) => matches(e, school, students));

  return {
    ruleSet,
    thresholdsFor(level, school, students) {
      const applied = matching(school, students).filter((e) => e.resource_allocation !== undefined);
      if (applied.length === 0) return defaults[level];
      const key = `${level}|${applied.map((e) => e.id).join('|')}`;
      let found = cache.get(key);
      if (!found) {
        const values = Float64Array.from(defaults[level].values);
        for (const e of applied) {
          RESOURCE_INDICATORS.forEach((id, i) => {
            const override = e.resource_allocation?.[id]?.[level];
            if (override !== undefined) values[i] = override;
          });
        }
        found = makeThresholds(values, floorRatio, Object.freeze(applied.map((e) => e.id)));
        cache.set(key, found);
      }
      return found;
    },
    specialRoomsFor(school, students) {
      const applied = matching(school, students).filter((e) => e.special_rooms !== undefined);
      if (applied.length === 0) return defaultRooms;
      let rule: SpecialRoomRule = defaultRooms.rule;
      for (const e of applied) rule = { ...rule, ...e.special_rooms };
      return { rule, exceptions: applied.map((e) => e.id) };
    },
  };
}

const compiled = new WeakMap<RuleSet, CompiledRuleSet>();

export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  let found = compiled.get(ruleSet);
  if (!found) {
    found = compile(ruleSet);
    compiled.set(ruleSet, found);
  }
  return found;
}
