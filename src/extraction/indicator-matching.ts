/**
 * Which indicator of docs/indicators.md a requirement is about, and a snake_case name for what it
 * measures. Keyed on the wording of the evaluation method (每百名学生拥有…, 巩固率, 生均公用经费 …), which every
 * county plan restates in its own words. Pure tables.
 */
import type { TargetUnit } from '../plans/plan-file.schema';

interface Rule {
  pattern: RegExp;
  /** extra condition on the wording, e.g. the indicator needs a second keyword */
  also?: RegExp;
  not?: RegExp;
  units?: TargetUnit[];
}

interface MetricRule extends Rule {
  metric: string;
}

interface IndicatorRule extends Rule {
  id: string;
}

/** First match wins; `text` is Simplified (comparable) wording of the requirement. */
const METRICS: MetricRule[] = [
  { pattern: /巩固率/, also: /三年/, metric: 'junior_retention_rate' },
  { pattern: /巩固率/, also: /九年/, metric: 'nine_year_retention_rate' },
  { pattern: /巩固率/, metric: 'retention_rate' },
  { pattern: /入学率/, also: /残疾/, metric: 'disabled_children_enrolment_rate' },
  { pattern: /就近|划片/, also: /入学/, metric: 'nearby_zoned_enrolment_rate' },
  { pattern: /入学率/, metric: 'enrolment_rate' },
  { pattern: /高于规定学历/, metric: 'teachers_above_required_degree_per_100_students' },
  { pattern: /骨干教师数/, metric: 'key_teachers_per_100_students' },
  { pattern: /专任教师数/, also: /体育|艺术|音乐|美术/, metric: 'pe_art_teachers_per_100_students' },
  { pattern: /教学及辅助用房/, metric: 'teaching_auxiliary_area_per_student' },
  { pattern: /体育运动场馆|运动场/, metric: 'sports_area_per_student' },
  { pattern: /仪器设备值/, metric: 'equipment_value_per_student' },
  { pattern: /网络多媒体教室|网路多媒体教室/, metric: 'multimedia_classrooms_per_100_students' },
  { pattern: /音乐专用教室面积|音乐教室面积/, metric: 'music_room_area' },
  { pattern: /美术专用教室面积|美术教室面积/, metric: 'art_room_area' },
  { pattern: /专用教室/, metric: 'special_rooms_per_12_classes' },
  { pattern: /人\/班|班额|班级学生数|每班/, metric: 'class_size' },
  { pattern: /轨/, units: ['classes'], metric: 'classes_per_grade' },
  { pattern: /规模|校额/, units: ['students'], metric: 'school_size' },
  {
    pattern: /公用经费/,
    also: /特殊教育|特教|残疾/,
    units: ['yuan'],
    metric: 'special_education_public_funds_per_student',
  },
  { pattern: /核定公用经费|公用经费/, units: ['students'], metric: 'public_funds_basis_students' },
  { pattern: /工资/, also: /公务员/, metric: 'teacher_to_civil_servant_average_pay' },
  { pattern: /工资|待遇/, also: /不低于/, metric: 'pay_parity' },
  { pattern: /骨干/, also: /交流|轮岗/, metric: 'key_teacher_share_of_rotated' },
  { pattern: /交流|轮岗/, units: ['ratio'], metric: 'teacher_rotation_rate' },
  { pattern: /培训/, also: /工资总额/, metric: 'teacher_training_share_of_payroll' },
  { pattern: /培训/, also: /公用经费/, metric: 'teacher_training_share_of_public_funds' },
  { pattern: /培训/, also: /完成率|学时/, metric: 'teacher_training_completion_rate' },
  { pattern: /资格证/, metric: 'certified_teacher_rate' },
  { pattern: /招生名额|招生计划|指标到校|名额分配/, metric: 'quality_high_school_quota_allocation_rate' },
  { pattern: /随迁子女/, units: ['ratio'], metric: 'migrant_children_public_school_rate' },
  { pattern: /社会认可|满意/, metric: 'social_recognition_rate' },
  { pattern: /差异系数/, metric: 'coefficient_of_variation' },
  { pattern: /学业水平/, units: ['count'], metric: 'monitoring_achievement_level' },
  { pattern: /差异率/, metric: 'inter_school_difference_rate' },
  { pattern: /指标/, units: ['count'], metric: 'indicators_met' },
  { pattern: /宽带/, metric: 'broadband_access_rate' },
  { pattern: /多媒体|班班通/, metric: 'multimedia_classroom_rate' },
  { pattern: /计算机/, metric: 'computers_per_student' },
  { pattern: /锻炼/, metric: 'daily_exercise_hours' },
  { pattern: /营养餐/, metric: 'nutrition_meal_subsidy_per_student_year' },
  { pattern: /生活费|生活补助/, metric: 'living_subsidy_per_student_year' },
  { pattern: /奖励|奖补/, units: ['yuan'], metric: 'award' },
  { pattern: /特教学校|特殊教育学校/, units: ['schools'], metric: 'special_education_schools' },
  { pattern: /运动技能/, metric: 'sports_skills_per_student' },
  { pattern: /艺术特长/, metric: 'art_specialties_per_student' },
  { pattern: /全覆盖|覆盖率/, metric: 'coverage_rate' },
  { pattern: /任职|工作经历/, units: ['schools'], metric: 'schools_served' },
  { pattern: /完成率/, metric: 'completion_rate' },
  { pattern: /享受|资助|免费/, units: ['ratio'], metric: 'coverage_rate' },
];

const INDICATORS: IndicatorRule[] = [
  { id: 'R1', pattern: /高于规定学历/ },
  { id: 'R2', pattern: /骨干教师数/, also: /每百名/ },
  { id: 'R3', pattern: /专任教师数/, also: /每百名/ },
  { id: 'R4', pattern: /教学及辅助用房/ },
  { id: 'R5', pattern: /体育运动场馆/ },
  { id: 'R6', pattern: /仪器设备值/ },
  { id: 'R7', pattern: /网络多媒体教室|网路多媒体教室/ },
  { id: 'G3', pattern: /音乐|美术/, also: /专用教室/ },
  { id: 'G4', pattern: /规模|校额/, units: ['students'] },
  { id: 'G5', pattern: /人\/班|班额|班级学生数|每班/, units: ['students'] },
  { id: 'G6', pattern: /不足100名|按100名学生/ },
  { id: 'G7', pattern: /公用经费/, also: /特殊教育|特教|残疾/, units: ['yuan'] },
  { id: 'G8', pattern: /平均工资/, also: /公务员/ },
  { id: 'G9', pattern: /360学时|培训完成率|继续教育培训/, units: ['ratio'] },
  { id: 'G11', pattern: /交流|轮岗/, units: ['ratio'] },
  { id: 'G12', pattern: /资格证/ },
  { id: 'G13', pattern: /就近|划片/, also: /入学/ },
  { id: 'G14', pattern: /优质(普通)?高中/, also: /名额|招生计划|分配/ },
  { id: 'G15', pattern: /随迁子女/, units: ['ratio'] },
  // the three-year junior rate; "九年义务教育巩固率" is another measure
  { id: 'Q1', pattern: /(?<!九年义务教育|义务教育)巩固率/ },
  { id: 'Q2', pattern: /入学率/, also: /残疾/ },
  { id: 'Q4', pattern: /培训/, also: /公用经费/, not: /工资总额/ },
  { id: 'Q9', pattern: /学业水平|差异率/ },
  { id: 'S', pattern: /社会认可|满意度/ },
];

const matches = (rule: Rule, text: string, unit?: TargetUnit) =>
  rule.pattern.test(text) &&
  (!rule.also || rule.also.test(text)) &&
  (!rule.not || !rule.not.test(text)) &&
  (!rule.units || (unit !== undefined && rule.units.includes(unit)));

const FALLBACK_METRIC: Record<TargetUnit, string> = {
  ratio: 'share',
  students: 'students',
  teachers: 'teachers',
  m2: 'area_m2',
  yuan: 'amount_yuan',
  classes: 'classes',
  schools: 'schools',
  rooms: 'rooms',
  per_100_students: 'per_100_students',
  hours: 'hours',
  years: 'years',
  count: 'count',
};

export function metricFor(text: string, unit: TargetUnit): string {
  return METRICS.find((r) => matches(r, text, unit))?.metric ?? FALLBACK_METRIC[unit];
}

export function indicatorFor(text: string, unit?: TargetUnit): string | null {
  return INDICATORS.find((r) => matches(r, text, unit))?.id ?? null;
}

/** Indicators an item states without a number (G1 规划布局, G2 四统一, Q3 章程 …), for evaluation-list items. */
const QUALITATIVE: IndicatorRule[] = [
  { id: 'G1', pattern: /布局/, also: /规划/ },
  { id: 'G2', pattern: /建设标准统一|标准统一|四统一/ },
  { id: 'G10', pattern: /编制/, also: /岗位/ },
  { id: 'G15', pattern: /留守儿童/ },
  { id: 'Q3', pattern: /章程/ },
  { id: 'Q5', pattern: /信息化手段|信息技术/ },
  { id: 'Q6', pattern: /德育/, also: /校园文化/ },
  { id: 'Q7', pattern: /课程开齐开足|开齐开足/ },
  { id: 'Q8', pattern: /课业负担/ },
];

export function qualitativeIndicatorFor(text: string): string | null {
  return QUALITATIVE.find((r) => matches(r, text))?.id ?? indicatorFor(text);
}
