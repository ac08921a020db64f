/** Government guarantee (政府保障程度), indicators.md §3: G1–G15, all must pass. */
import { attestedIndicator, attestedVerdict, evidenceOf, type AttestationIndex } from './attestations';
import type { CompiledRuleSet } from './compiled-rule-set';
import { THROUGH_TYPES, type ClassRow, type CountyData, type SchoolType } from './county-data';
import type {
  EvaluationWarning,
  GovernmentIndicator,
  IndicatorResult,
  IndicatorSection,
  Offender,
  Verdict,
} from './evaluation.types';
import type { PhysicalSchool } from './physical-schools';
import { noData, rateIndicator } from './indicator-results';
import { allPass, formatNumber, formatPercent, rateVerdict, reaches } from './verdict';

/** Schools the "every primary and junior school" rules (G3, G4) cover; teaching points and special schools are not. */
const ORDINARY_SCHOOLS: readonly SchoolType[] = [
  'primary',
  'junior',
  'nine_year',
  'twelve_year',
  'complete_secondary',
];

function specialRooms(
  schools: readonly PhysicalSchool[],
  classes: readonly ClassRow[],
  compiled: CompiledRuleSet,
): IndicatorResult {
  // Class counts from the classes table stand in when the schools table leaves them blank.
  const counted = new Map<string, number>();
  for (const c of classes) counted.set(c.school_code, (counted.get(c.school_code) ?? 0) + 1);

  const offenders: Offender[] = [];
  const exceptionsApplied: { school_code: string; exceptions: string[] }[] = [];
  const failing = new Set<string>();
  let unknown = 0;
  let covered = 0;
  for (const school of schools) {
    if (!ORDINARY_SCHOOLS.includes(school.school_type)) continue;
    const classCount = school.classes ?? counted.get(school.school_code) ?? null;
    if (classCount === 0) continue;
    covered++;
    const { rule, exceptions } = compiled.specialRoomsFor(school.row, school.compulsoryStudents);
    if (exceptions.length > 0) {
      exceptionsApplied.push({ school_code: school.school_code, exceptions: [...exceptions] });
    }
    if (classCount === null) {
      unknown++;
      continue;
    }
    const required = Math.max(1, Math.ceil(classCount / rule.classes_per_room));
    const fail = (value: number, limit: number, detail: string) => {
      failing.add(school.school_code);
      offenders.push({
        school_code: school.school_code,
        school_name: school.school_name,
        value,
        limit,
        detail,
      });
    };
    const check = (rooms: number | null, minArea: number | null, limitArea: number, nameEn: string) => {
      if (rooms !== null && rooms < required) {
        fail(rooms, required, `${rooms} ${nameEn} rooms for ${classCount} classes, needs ${required}`);
      } else if (rooms === null || minArea === null) {
        unknown++;
      } else if (!reaches(minArea, limitArea)) {
        fail(minArea, limitArea, `smallest ${nameEn} room ${formatNumber(minArea)} m² < ${limitArea} m²`);
      }
    };
    check(school.musicRooms, school.musicRoomMinArea, rule.music_room_min_area_m2, 'music');
    check(school.artRooms, school.artRoomMinArea, rule.art_room_min_area_m2, 'art');
  }
  const passed: Verdict = failing.size > 0 ? false : covered === 0 || unknown > 0 ? null : true;
  return {
    passed,
    value: failing.size,
    detail:
      passed === null
        ? covered === 0
          ? 'no primary or junior school with classes'
          : `${unknown} room figures not reported; ${failing.size} schools short`
        : `${failing.size} of ${covered} schools short of music/art rooms`,
    offenders,
    ...(exceptionsApplied.length > 0 ? { exceptions_applied: exceptionsApplied } : {}),
  };
}

function schoolSize(schools: readonly PhysicalSchool[], compiled: CompiledRuleSet): IndicatorResult {
  const { max_students: max, max_students_through_school: maxThrough } = compiled.ruleSet.school_size;
  const offenders: Offender[] = [];
  let covered = 0;
  for (const school of schools) {
    if (!ORDINARY_SCHOOLS.includes(school.school_type)) continue;
    covered++;
    const limit = THROUGH_TYPES.includes(school.school_type) ? maxThrough : max;
    if (school.compulsoryStudents > limit) {
      offenders.push({
        school_code: school.school_code,
        school_name: school.school_name,
        value: school.compulsoryStudents,
        limit,
      });
    }
  }
  if (covered === 0) return noData('no primary or junior school');
  return {
    passed: offenders.length === 0,
    value: offenders.length,
    detail: `${offenders.length} of ${covered} schools over the size limit (${max}; through schools ${maxThrough})`,
    offenders,
  };
}

function classSize(data: CountyData, compiled: CompiledRuleSet): IndicatorResult {
  if (data.classes.length === 0) return noData('no class data');
  const { primary, junior } = compiled.ruleSet.class_size.standard_max;
  const names = new Map<string, string>();
  for (const s of data.schools) names.set(s.school_code, s.school_name);
  const offenders: Offender[] = [];
  for (const c of data.classes) {
    const limit = c.level === 'primary' ? primary : junior;
    if (c.students > limit) {
      offenders.push({
        school_code: c.school_code,
        school_name: names.get(c.school_code),
        level: c.level,
        grade: c.grade,
        class_name: c.class_name,
        value: c.students,
        limit,
      });
    }
  }
  return {
    passed: offenders.length === 0,
    value: offenders.length,
    detail: `${offenders.length} of ${data.classes.length} classes over the limit (primary ${primary}, junior ${junior})`,
    offenders,
  };
}

function smallSchoolFunding(data: CountyData, compiled: CompiledRuleSet): IndicatorResult {
  const below100 = compiled.ruleSet.government_guarantee.G6.small_school_below;
  const offenders: Offender[] = [];
  for (const s of data.schools) {
    const village =
      s.location === 'rural' && (s.school_type === 'primary' || s.school_type === 'teaching_point');
    if (village && s.students < below100) {
      offenders.push({
        school_code: s.school_code,
        school_name: s.school_name,
        value: s.students,
        limit: below100,
      });
    }
  }
  if (offenders.length === 0) {
    return {
      passed: true,
      value: 0,
      detail: `no village primary school or teaching point under ${below100} students`,
    };
  }
  const fundedAs100 = data.county?.small_schools_funded_as_100 ?? null;
  return {
    passed: fundedAs100,
    value: offenders.length,
    detail:
      fundedAs100 === null
        ? `${offenders.length} small village schools; funding basis not reported`
        : `${offenders.length} small village schools ${fundedAs100 ? 'funded' : 'not funded'} as ${below100} students`,
    offenders: fundedAs100 === true ? [] : offenders,
  };
}

function teacherPay(data: CountyData, attestations: AttestationIndex): IndicatorResult {
  const teachers = data.county?.teacher_avg_pay_yuan ?? null;
  const civil = data.county?.civil_servant_avg_pay_yuan ?? null;
  // The template has no column for "performance pay set in full"; an optional G8a attestation covers it.
  const performancePay = attestedVerdict(attestations, 'G8a');
  if (teachers === null || civil === null)
    return noData('average pay of teachers or civil servants not reported');
  const payOk = reaches(teachers, civil);
  return {
    passed: performancePay === false ? false : payOk,
    value: teachers,
    values: { teacher_avg_pay_yuan: teachers, civil_servant_avg_pay_yuan: civil },
    threshold: civil,
    detail:
      `teachers ${formatNumber(teachers, 0)} yuan ${payOk ? '≥' : '<'} civil servants ${formatNumber(civil, 0)} yuan` +
      (performancePay === false ? '; performance pay not set in full' : ''),
    evidence: evidenceOf(attestations.get('G8a') ?? []),
  };
}

function rotation(
  data: CountyData,
  compiled: CompiledRuleSet,
  warnings: EvaluationWarning[],
): IndicatorResult {
  const { min_rotation_rate: minRate, min_key_teacher_share: minKey } =
    compiled.ruleSet.government_guarantee.G11;
  const eligible = data.county?.rotation_eligible ?? null;
  const rotated = data.county?.rotation_rotated ?? null;
  const key = data.county?.rotation_key_rotated ?? null;
  if (eligible === null || rotated === null || key === null) return noData('rotation figures not reported');
  if (eligible === 0) {
    warnings.push({
      code: 'DIVISOR_ZERO',
      message: 'G11: no teachers eligible for rotation; the rate is undefined',
    });
    return noData('no teachers eligible for rotation');
  }
  const rate = rotated / eligible;
  const keyShare = rotated === 0 ? 0 : key / rotated;
  const passed = reaches(rate, minRate) && reaches(keyShare, minKey);
  return {
    passed,
    value: rate,
    values: { rotation_rate: rate, key_teacher_share: keyShare },
    threshold: minRate,
    detail: `rotated ${formatPercent(rate)} of eligible (≥ ${formatPercent(minRate)}), key teachers ${formatPercent(keyShare)} of rotated (≥ ${formatPercent(minKey)})`,
  };
}

function certificates(schools: readonly PhysicalSchool[], compiled: CompiledRuleSet): IndicatorResult {
  const min = compiled.ruleSet.government_guarantee.G12.min_rate;
  const offenders: Offender[] = [];
  let fullTime = 0;
  let certified = 0;
  let unknown = 0;
  for (const s of schools) {
    if (s.fullTimeTeachers === null || s.certifiedTeachers === null) {
      unknown++;
      continue;
    }
    fullTime += s.fullTimeTeachers;
    certified += s.certifiedTeachers;
    if (s.certifiedTeachers < s.fullTimeTeachers) {
      offenders.push({
        school_code: s.school_code,
        school_name: s.school_name,
        value: s.certifiedTeachers,
        limit: s.fullTimeTeachers,
      });
    }
  }
  if (fullTime === 0 && unknown === 0) return noData('no full-time teachers reported');
  const rate = fullTime === 0 ? null : certified / fullTime;
  let passed: Verdict;
  // With a 100 % requirement one known school short decides; otherwise unknown schools leave it open.
  if (unknown > 0) passed = min >= 1 && offenders.length > 0 ? false : null;
  else passed = rate === null ? null : reaches(rate, min);
  return {
    passed,
    value: rate,
    threshold: min,
    detail:
      (rate === null
        ? 'certificates not reported'
        : `${certified} of ${fullTime} full-time teachers certified (${formatPercent(rate)})`) +
      (unknown > 0 ? `; ${unknown} schools without figures` : ''),
    offenders,
  };
}

function nearbyEnrolment(data: CountyData, compiled: CompiledRuleSet): IndicatorResult {
  const min = compiled.ruleSet.government_guarantee.G13.min_rate;
  const primary = data.county?.nearby_enrolment_primary_rate ?? null;
  const junior = data.county?.nearby_enrolment_junior_rate ?? null;
  const passed = allPass([rateVerdict(primary, min.primary), rateVerdict(junior, min.junior)]);
  const show = (v: number | null) => (v === null ? 'not reported' : formatPercent(v));
  return {
    passed,
    value: primary,
    values: { primary, junior },
    detail: `primary ${show(primary)} (≥ ${formatPercent(min.primary)}), junior ${show(junior)} (≥ ${formatPercent(min.junior)})`,
  };
}

function migrantChildren(
  data: CountyData,
  compiled: CompiledRuleSet,
  attestations: AttestationIndex,
): IndicatorResult {
  const min = compiled.ruleSet.government_guarantee.G15.min_migrant_rate;
  const rate = data.county?.migrant_public_rate ?? null;
  const care = attestedVerdict(attestations, 'G15a');
  return {
    passed: allPass([care, rateVerdict(rate, min)]),
    value: rate,
    threshold: min,
    detail:
      `left-behind children care ${care === null ? 'not attested' : care ? 'attested' : 'attested no'}; ` +
      `migrant children in public places ${rate === null ? 'not reported' : formatPercent(rate)} (≥ ${formatPercent(min)})`,
    evidence: evidenceOf(attestations.get('G15a') ?? []),
  };
}

export function evaluateGovernmentGuarantee(
  data: CountyData,
  schools: readonly PhysicalSchool[],
  attestations: AttestationIndex,
  compiled: CompiledRuleSet,
  warnings: EvaluationWarning[],
): IndicatorSection<GovernmentIndicator> {
  const rules = compiled.ruleSet.government_guarantee;
  const county = data.county;
  const specialFunds = county?.special_ed_funds_per_student_yuan ?? null;
  const specialSchools = data.schools.filter((s) => s.school_type === 'special').length;
  const indicators: Record<GovernmentIndicator, IndicatorResult> = {
    G1: attestedIndicator(attestations, 'G1'),
    G2: attestedIndicator(attestations, 'G2'),
    G3: specialRooms(schools, data.classes, compiled),
    G4: schoolSize(schools, compiled),
    G5: classSize(data, compiled),
    G6: smallSchoolFunding(data, compiled),
    G7:
      specialFunds === null
        ? noData(
            `special-education funds per student not reported (${specialSchools} special schools listed)`,
          )
        : {
            passed: reaches(specialFunds, rules.G7.min_funds_per_student_yuan),
            value: specialFunds,
            threshold: rules.G7.min_funds_per_student_yuan,
            detail: `${formatNumber(specialFunds, 0)} yuan per student (≥ ${rules.G7.min_funds_per_student_yuan})`,
          },
    G8: teacherPay(data, attestations),
    G9: rateIndicator(county?.training_360h_rate ?? null, rules.G9.min_rate, '360-hour training completion'),
    G10: attestedIndicator(attestations, 'G10'),
    G11: rotation(data, compiled, warnings),
    G12: certificates(schools, compiled),
    G13: nearbyEnrolment(data, compiled),
    G14: rateIndicator(
      county?.quota_allocation_rate ?? null,
      rules.G14.min_rate,
      'senior-high quotas allocated',
    ),
    G15: migrantChildren(data, compiled, attestations),
  };
  return { indicators, passed: allPass(Object.values(indicators).map((i) => i.passed)) };
}
