/**
 * The statistics template as data (docs/data-template.md): tables, their Chinese and English
 * names, and per column the Chinese header, English key, parser and whether it is required. The importer,
 * the blank XLSX template and its notes sheet are all driven by these specs.
 */
import type {
  AttestationRow,
  AttestedItem,
  ClassRow,
  CountyRow,
  Level,
  Location,
  MonitoringRow,
  RowLevel,
  SchoolRow,
  SchoolType,
  SurveyGroup,
  SurveyRow,
} from '../engine/county-data';
import { type Message, type MessageKey, msg } from '../../common/i18n/catalog';
import { ATTESTED_ITEMS } from '../engine/county-data';
import {
  CellProblem,
  enumParser,
  parseAmount,
  parseBoolean,
  parseCountyCode,
  parseDate,
  parseRate,
  parseWhole,
  wholeInRange,
  type EnumOption,
} from './cell-parsers';

export const TABLE_NAMES = ['schools', 'classes', 'county', 'attestations', 'survey', 'monitoring'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

interface ColumnOf<Row, K extends keyof Row & string> {
  key: K;
  zh: string;
  /** Other headers accepted for this column. */
  aliases?: readonly string[];
  required?: boolean;
  parse: (text: string) => NonNullable<Row[K]> | CellProblem;
  /** For the template's notes sheet. */
  type: string;
  note?: string;
  options?: readonly EnumOption<string>[];
}
/** What every column has, whatever its table: for notes, headers and messages. */
export interface ColumnInfo {
  key: string;
  zh: string;
  aliases?: readonly string[];
  required?: boolean;
  parse: (text: string) => unknown;
  type: string;
  note?: string;
  options?: readonly EnumOption<string>[];
}

/** A column whose parser returns exactly the type of its field. */
export type ColumnSpec<Row> = { [K in keyof Row & string]: ColumnOf<Row, K> }[keyof Row & string];

export interface TableSpec<Row> {
  name: TableName;
  zh: string;
  description: string;
  columns: readonly ColumnSpec<Row>[];
  /** A row with every optional field null; the importer fills it column by column. */
  create(): Row;
}

const text = { parse: (t: string) => t, type: '文本 text' };
const whole = { parse: parseWhole, type: '整数 ≥ 0 whole number' };
const amount = { parse: parseAmount, type: '数值 ≥ 0 number' };
const rate = { parse: parseRate, type: '比例 rate: 0.953 / 95.3% / 95.3' };
const yesNo = {
  parse: parseBoolean,
  type: '是/否 yes/no',
  options: [
    { key: 'yes', zh: '是' },
    { key: 'no', zh: '否' },
  ],
};
const countyCode = { parse: parseCountyCode, type: '6位数字 6 digits' };
const year = { parse: wholeInRange(1900, 2100, 'statistics.cell.not_year'), type: '年份 year' };
const date = { parse: parseDate, type: '日期 date YYYY-MM-DD' };

function enumeration<K extends string>(options: readonly EnumOption<K>[], choices: Message | string) {
  return {
    parse: enumParser(options, choices),
    type: `枚举 one of: ${options.map((o) => `${o.zh} ${o.key}`).join(' · ')}`,
    options,
  };
}

export const SCHOOL_TYPE_OPTIONS: readonly EnumOption<SchoolType>[] = [
  { key: 'primary', zh: '小学' },
  { key: 'junior', zh: '初中', aliases: ['初级中学'] },
  { key: 'nine_year', zh: '九年一贯制', aliases: ['九年一贯制学校'] },
  { key: 'twelve_year', zh: '十二年一贯制', aliases: ['十二年一贯制学校'] },
  { key: 'complete_secondary', zh: '完全中学' },
  { key: 'teaching_point', zh: '教学点' },
  { key: 'special', zh: '特殊教育学校', aliases: ['特殊教育', '特教学校'] },
];
export const ROW_LEVEL_OPTIONS: readonly EnumOption<RowLevel>[] = [
  { key: 'primary', zh: '小学' },
  { key: 'junior', zh: '初中' },
  { key: 'combined', zh: '合并' },
];
export const CLASS_LEVEL_OPTIONS: readonly EnumOption<Level>[] = ROW_LEVEL_OPTIONS.filter(
  (o): o is EnumOption<Level> => o.key !== 'combined',
);
export const LOCATION_OPTIONS: readonly EnumOption<Location>[] = [
  { key: 'urban', zh: '城区' },
  { key: 'town', zh: '镇区' },
  { key: 'rural', zh: '乡村' },
];
export const SURVEY_GROUP_OPTIONS: readonly EnumOption<SurveyGroup>[] = [
  { key: 'students', zh: '学生' },
  { key: 'parents', zh: '家长' },
  { key: 'teachers', zh: '教师' },
  { key: 'principals', zh: '校长' },
  { key: 'deputies', zh: '人大代表' },
  { key: 'cppcc', zh: '政协委员' },
  { key: 'others', zh: '其他', aliases: ['其他民众', '社区群众'] },
];
const ATTESTED_OPTIONS: readonly EnumOption<AttestedItem>[] = ATTESTED_ITEMS.map((key) => ({ key, zh: key }));

export const schoolsTable: TableSpec<SchoolRow> = {
  name: 'schools',
  zh: '学校',
  description:
    '每校每学段一行；九年/十二年一贯制、完全中学可一行“合并”填报 — one row per school and level, or one combined row',
  columns: [
    {
      key: 'school_code',
      zh: '学校标识码',
      required: true,
      ...text,
      note: '同一学段内唯一 unique per level',
    },
    { key: 'school_name', zh: '学校名称', required: true, ...text },
    { key: 'county_code', zh: '县区代码', required: true, ...countyCode },
    { key: 'county_name', zh: '县区名称', ...text },
    {
      key: 'school_type',
      zh: '办学类型',
      required: true,
      ...enumeration(SCHOOL_TYPE_OPTIONS, msg('statistics.choices.school_type')),
    },
    {
      key: 'level',
      zh: '学段',
      required: true,
      ...enumeration(ROW_LEVEL_OPTIONS, msg('statistics.choices.row_level')),
      note: '合并 = 一贯制学校不分学段 combined row',
    },
    { key: 'parent_school_code', zh: '所属学校标识码', ...text, note: '仅教学点 teaching points only' },
    { key: 'location', zh: '城乡类型', ...enumeration(LOCATION_OPTIONS, msg('statistics.choices.location')) },
    { key: 'boarding', zh: '寄宿制', ...yesNo },
    {
      key: 'build_year',
      zh: '校舍建成年份',
      ...year,
      note: '可选，用于过渡期例外 optional, for transitional exceptions',
    },
    {
      key: 'students',
      zh: '学生数',
      required: true,
      ...whole,
      note: '本学段；合并行为合计 this level; combined rows: total',
    },
    { key: 'students_primary', zh: '小学学生数', ...whole, note: '仅合并行 combined rows only' },
    { key: 'students_junior', zh: '初中学生数', ...whole, note: '仅合并行 combined rows only' },
    {
      key: 'students_senior',
      zh: '高中学生数',
      ...whole,
      note: '合并行：完全中学、十二年一贯制 combined complete-secondary/twelve-year rows',
    },
    { key: 'classes', zh: '班级数', ...whole },
    { key: 'teachers_above_degree', zh: '高于规定学历教师数', ...whole, note: 'R1' },
    { key: 'key_teachers', zh: '县级以上骨干教师数', ...whole, note: 'R2' },
    { key: 'pe_art_teachers', zh: '体育艺术专任教师数', ...whole, note: 'R3' },
    { key: 'full_time_teachers', zh: '专任教师数', ...whole, note: 'G12' },
    { key: 'certified_teachers', zh: '持证专任教师数', ...whole, note: 'G12' },
    { key: 'teaching_area_m2', zh: '教学及辅助用房面积', ...amount, note: 'R4, m²' },
    { key: 'sports_area_m2', zh: '体育运动场馆面积', ...amount, note: 'R5, m²' },
    { key: 'equipment_value_yuan', zh: '教学仪器设备值', ...amount, note: 'R6, 元 yuan' },
    { key: 'multimedia_rooms', zh: '网络多媒体教室数', ...whole, note: 'R7' },
    { key: 'music_rooms', zh: '音乐专用教室数', ...whole, note: 'G3' },
    { key: 'music_room_min_area_m2', zh: '音乐专用教室最小面积', ...amount, note: 'G3, m²' },
    { key: 'art_rooms', zh: '美术专用教室数', ...whole, note: 'G3' },
    { key: 'art_room_min_area_m2', zh: '美术专用教室最小面积', ...amount, note: 'G3, m²' },
    { key: 'public_funds_yuan', zh: '年度公用经费预算', ...amount, note: 'Q4, 元 yuan' },
    { key: 'training_funds_yuan', zh: '教师培训经费', ...amount, note: 'Q4, 元 yuan' },
  ],
  create: () => ({
    school_code: '',
    school_name: '',
    county_code: '',
    county_name: null,
    school_type: 'primary',
    level: 'primary',
    parent_school_code: null,
    location: null,
    boarding: null,
    build_year: null,
    students: 0,
    students_primary: null,
    students_junior: null,
    students_senior: null,
    classes: null,
    teachers_above_degree: null,
    key_teachers: null,
    pe_art_teachers: null,
    full_time_teachers: null,
    certified_teachers: null,
    teaching_area_m2: null,
    sports_area_m2: null,
    equipment_value_yuan: null,
    multimedia_rooms: null,
    music_rooms: null,
    music_room_min_area_m2: null,
    art_rooms: null,
    art_room_min_area_m2: null,
    public_funds_yuan: null,
    training_funds_yuan: null,
  }),
};

export const classesTable: TableSpec<ClassRow> = {
  name: 'classes',
  zh: '班级',
  description: '每班一行（班额、大班额台账）— one row per class',
  columns: [
    {
      key: 'school_code',
      zh: '学校标识码',
      required: true,
      ...text,
      note: '须在学校表中 must exist in schools',
    },
    {
      key: 'level',
      zh: '学段',
      required: true,
      ...enumeration(CLASS_LEVEL_OPTIONS, msg('statistics.choices.class_level')),
    },
    {
      key: 'grade',
      zh: '年级',
      required: true,
      parse: wholeInRange(1, 9, 'statistics.cell.not_grade'),
      type: '整数 1–9 whole number',
    },
    { key: 'class_name', zh: '班级', required: true, ...text, aliases: ['班级名称'] },
    { key: 'students', zh: '学生数', required: true, ...whole },
  ],
  create: () => ({ school_code: '', level: 'primary', grade: 0, class_name: '', students: 0 }),
};

export const countyTable: TableSpec<CountyRow> = {
  name: 'county',
  zh: '县级指标',
  description: '每县一行（政府保障程度、教育质量）— one row per county',
  columns: [
    { key: 'county_code', zh: '县区代码', required: true, ...countyCode },
    { key: 'county_name', zh: '县区名称', ...text },
    {
      key: 'school_year',
      zh: '学年',
      ...year,
      note: '统计学年，如 2023 表示 2023/24 school year, e.g. 2023',
    },
    { key: 'small_schools_funded_as_100', zh: '不足百人学校按百人核定公用经费', ...yesNo, note: 'G6' },
    {
      key: 'special_ed_funds_per_student_yuan',
      zh: '特殊教育学校生均公用经费',
      ...amount,
      note: 'G7, 元 yuan',
    },
    { key: 'teacher_avg_pay_yuan', zh: '教师平均工资收入', ...amount, note: 'G8, 元 yuan' },
    { key: 'civil_servant_avg_pay_yuan', zh: '公务员平均工资收入', ...amount, note: 'G8, 元 yuan' },
    { key: 'training_360h_rate', zh: '五年360学时培训完成率', ...rate, note: 'G9' },
    { key: 'rotation_eligible', zh: '符合交流条件教师数', ...whole, note: 'G11' },
    { key: 'rotation_rotated', zh: '交流轮岗教师数', ...whole, note: 'G11' },
    { key: 'rotation_key_rotated', zh: '交流轮岗骨干教师数', ...whole, note: 'G11' },
    { key: 'nearby_enrolment_primary_rate', zh: '城镇小学就近划片入学比例', ...rate, note: 'G13' },
    { key: 'nearby_enrolment_junior_rate', zh: '城镇初中就近划片入学比例', ...rate, note: 'G13' },
    { key: 'quota_allocation_rate', zh: '优质高中招生名额分配比例', ...rate, note: 'G14' },
    { key: 'migrant_public_rate', zh: '随迁子女公办及购买服务学位就读比例', ...rate, note: 'G15' },
    { key: 'junior_retention_rate', zh: '初中三年巩固率', ...rate, note: 'Q1' },
    { key: 'disabled_enrolment_rate', zh: '残疾儿童少年入学率', ...rate, note: 'Q2' },
  ],
  create: () => ({
    county_code: '',
    county_name: null,
    school_year: null,
    small_schools_funded_as_100: null,
    special_ed_funds_per_student_yuan: null,
    teacher_avg_pay_yuan: null,
    civil_servant_avg_pay_yuan: null,
    training_360h_rate: null,
    rotation_eligible: null,
    rotation_rotated: null,
    rotation_key_rotated: null,
    nearby_enrolment_primary_rate: null,
    nearby_enrolment_junior_rate: null,
    quota_allocation_rate: null,
    migrant_public_rate: null,
    junior_retention_rate: null,
    disabled_enrolment_rate: null,
  }),
};

export const attestationsTable: TableSpec<AttestationRow> = {
  name: 'attestations',
  zh: '佐证',
  description:
    '是/否事项及佐证材料（G1、G2、G10、G15a、Q3、Q5–Q8、V1–V6；可选 G8a）— yes/no items with evidence',
  columns: [
    { key: 'county_code', zh: '县区代码', required: true, ...countyCode },
    {
      key: 'indicator',
      zh: '指标',
      required: true,
      ...enumeration(ATTESTED_OPTIONS, ATTESTED_ITEMS.join(' ')),
      type: `指标编号 one of: ${ATTESTED_ITEMS.join(' ')}`,
      aliases: ['指标编号', '事项'],
    },
    {
      key: 'value',
      zh: '结论',
      required: true,
      ...yesNo,
      aliases: ['是否'],
      note: 'V1–V6：是 = 存在该情形 yes = it happened',
    },
    {
      key: 'evidence',
      zh: '佐证材料',
      ...text,
      aliases: ['佐证'],
      note: '文件标题或文件引用 document title or file reference',
    },
    { key: 'attested_by', zh: '认定单位', ...text, aliases: ['认定人', '佐证人'] },
    { key: 'attested_on', zh: '认定日期', ...date },
  ],
  create: () => ({
    county_code: '',
    indicator: 'G1',
    value: false,
    evidence: null,
    attested_by: null,
    attested_on: null,
  }),
};

export const surveyTable: TableSpec<SurveyRow> = {
  name: 'survey',
  zh: '满意度调查',
  description: '社会认可度调查，每类调查对象一行 — social recognition, one row per respondent group',
  columns: [
    { key: 'county_code', zh: '县区代码', required: true, ...countyCode },
    {
      key: 'group',
      zh: '调查对象',
      required: true,
      ...enumeration(SURVEY_GROUP_OPTIONS, msg('statistics.choices.survey_group')),
    },
    { key: 'respondents', zh: '调查人数', required: true, ...whole, aliases: ['有效问卷数'] },
    { key: 'satisfied', zh: '满意人数', required: true, ...whole },
  ],
  create: () => ({ county_code: '', group: 'students', respondents: 0, satisfied: 0 }),
};

export const monitoringTable: TableSpec<MonitoringRow> = {
  name: 'monitoring',
  zh: '质量监测',
  description:
    '国家义务教育质量监测结果，每校每学科一行（Q9）— national quality monitoring per school and subject',
  columns: [
    { key: 'county_code', zh: '县区代码', required: true, ...countyCode },
    { key: 'school_code', zh: '学校标识码', required: true, ...text },
    { key: 'subject', zh: '学科', required: true, ...text, note: '如 四年级数学 e.g. grade-4 mathematics' },
    {
      key: 'level_iii_or_above_rate',
      zh: 'Ⅲ级以上比例',
      ...rate,
      aliases: ['III级以上比例', '三级以上比例'],
    },
    {
      key: 'score',
      zh: '平均分',
      ...amount,
      aliases: ['学校平均分', '成绩'],
      note: '学校平均值，用于校际差异率 school mean, for the difference rate',
    },
  ],
  create: () => ({
    county_code: '',
    school_code: '',
    subject: '',
    level_iii_or_above_rate: null,
    score: null,
  }),
};

export interface TableRows {
  schools: SchoolRow;
  classes: ClassRow;
  county: CountyRow;
  attestations: AttestationRow;
  survey: SurveyRow;
  monitoring: MonitoringRow;
}

export const TABLES: { readonly [T in TableName]: TableSpec<TableRows[T]> } = {
  schools: schoolsTable,
  classes: classesTable,
  county: countyTable,
  attestations: attestationsTable,
  survey: surveyTable,
  monitoring: monitoringTable,
};

/**
 * How a column is named to a reader: `学生数` for zh-CN, `students` for en (`statistics.column.<key>`; a test
 * checks that every column has one and that its Chinese name is the template's header).
 */
export const columnName = (column: { key: string }): Message =>
  msg(`statistics.column.${column.key}` as MessageKey);

/** A table's name for a reader: `学校` / `schools` (`statistics.table.<name>`). */
export const tableName = (table: TableName): Message => msg(`statistics.table.${table}`);
