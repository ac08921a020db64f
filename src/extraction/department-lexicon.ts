/**
 * The vocabulary Chinese government documents name departments with: functional sectors (教育, 财政,
 * 人力资源和社会保障 …) with all the short forms plans use (人社, 人力社保), the suffixes that make a sector
 * word a body (局, 部门, 委员会 …) and the level words that say which government it belongs to (市, 县(区、市),
 * 乡(镇) …). Data only; `department-reader.ts` does the reading.
 */

export interface Sector {
  /** stable id: two mentions with the same level and sector are one department */
  id: string;
  /** the sector word in every form plans use, Simplified */
  words: string[];
  /** complete names on their own (编办, 残联): no suffix needed */
  standalone?: string[];
  /** suffixes allowed besides the common ones (督导室, 大数据服务中心) */
  extraSuffixes?: string[];
  /** a level word and the sector word name the body (县财政, 市、县级财政) */
  bareWithLevel?: boolean;
  /** only with a party-committee prefix (县委宣传部) */
  partyOnly?: boolean;
}

export const SECTORS: Sector[] = [
  { id: 'edu_inspection', words: ['教育督导', '督导'], extraSuffixes: ['室', '机构'] },
  { id: 'edu_research', words: ['教学研究', '教研'], extraSuffixes: ['室'] },
  { id: 'edu', words: ['教育和体育', '教育体育', '教育行政', '教育', '教体'] },
  { id: 'ndrc', words: ['发展和改革', '发展与改革', '发展改革', '发改'] },
  { id: 'finance', words: ['财政'], bareWithLevel: true },
  {
    id: 'hrss',
    words: ['人力资源和社会保障', '人力资源与社会保障', '人力资源社会保障', '人力社保', '人社'],
  },
  {
    id: 'staffing',
    words: ['机构编制委员会', '机构编制', '编制', '编委'],
    standalone: ['编委办', '编办'],
  },
  { id: 'public_security', words: ['公安'] },
  { id: 'civil_affairs', words: ['民政'] },
  { id: 'natural_resources', words: ['自然资源和规划', '自然资源'] },
  { id: 'land', words: ['国土资源', '国土'] },
  { id: 'housing', words: ['住房和城乡建设', '住房与城乡建设', '住房城乡建设', '城乡建设', '住建'] },
  { id: 'planning', words: ['城乡规划', '城市规划', '规划'] },
  { id: 'health', words: ['卫生和计划生育', '卫生健康', '卫生计生', '卫健', '卫生'] },
  { id: 'sports', words: ['体育'] },
  { id: 'culture', words: ['文化和旅游', '文化旅游', '文化广电', '文广旅', '文旅', '文化'] },
  { id: 'cyberspace', words: ['网信'] },
  { id: 'big_data', words: ['大数据服务', '大数据管理', '大数据'], extraSuffixes: ['中心'] },
  { id: 'approval', words: ['行政审批服务', '审批服务管理', '审批管理服务', '行政审批', '审批服务'] },
  { id: 'land_reserve', words: ['土地储备'], extraSuffixes: ['中心'] },
  { id: 'statistics', words: ['统计'] },
  { id: 'poverty', words: ['扶贫开发', '扶贫'] },
  { id: 'rural_revitalization', words: ['乡村振兴'] },
  { id: 'industry_commerce', words: ['工商行政管理', '工商'] },
  { id: 'food_drug', words: ['食品药品监督管理', '食品药品监管', '食药监', '食药'] },
  { id: 'market', words: ['市场监督管理', '市场监管'] },
  { id: 'governance', words: ['社会治安综合治理', '综合治理', '综治'], standalone: ['综治办'] },
  { id: 'transport', words: ['交通运输', '交通'] },
  { id: 'emergency', words: ['应急管理'] },
  { id: 'ecology', words: ['生态环境', '环境保护', '环保'] },
  { id: 'tax', words: ['税务'] },
  { id: 'audit', words: ['审计'] },
  { id: 'justice', words: ['司法'] },
  { id: 'science', words: ['科学技术', '科技'] },
  { id: 'industry_it', words: ['工业和信息化', '工业信息化', '工信'] },
  { id: 'agriculture', words: ['农业农村', '农业'] },
  { id: 'water', words: ['水利', '水务'] },
  { id: 'forestry', words: ['林业和草原', '林业'] },
  { id: 'medical_insurance', words: ['医疗保障', '医保'] },
  { id: 'veterans', words: ['退役军人事务'] },
  { id: 'ethnic_religion', words: ['民族宗教事务', '民族宗教', '民宗'] },
  { id: 'urban_management', words: ['城市管理', '城管'] },
  { id: 'letters_visits', words: ['信访'] },
  { id: 'fire', words: ['消防救援', '消防'], extraSuffixes: ['大队', '支队'] },
  { id: 'propaganda', words: [], standalone: ['宣传部'], partyOnly: true },
  { id: 'organization', words: [], standalone: ['组织部'], partyOnly: true },
  { id: 'youth_league', words: [], standalone: ['团委', '共青团'] },
  { id: 'women', words: [], standalone: ['妇联'] },
  { id: 'disabled', words: [], standalone: ['残联', '残疾人联合会'] },
  { id: 'elderly_care_committee', words: [], standalone: ['关工委'] },
];

/** Suffixes that turn a sector word into a body; longest first. 部 alone is left out: 教育部 is a ministry. */
export const COMMON_SUFFIXES = [
  '行政主管部门',
  '主管部门',
  '行政部门',
  '委员会办公室',
  '委员会',
  '办公室',
  '管理局',
  '部门',
  '分局',
  '局',
  '委',
  '办',
  '厅',
];

/**
 * Level words (after `comparable`: half-width brackets), longest first. Region names of the plan are added
 * at run time.
 */
export const LEVEL_WORDS = [
  '县\\(区、市\\)',
  '县\\(市、区\\)',
  '县\\(市\\)区',
  '县\\(区\\)',
  '县\\(市\\)',
  '区\\(县、市\\)',
  '区\\(县\\)',
  '区\\(市\\)',
  '乡镇\\(街道\\)',
  '乡\\(镇\\)',
  '镇\\(乡\\)',
  '县市区',
  '县区',
  '区县',
  '乡镇',
  '镇乡',
  '镇街',
  '街道',
  '自治州',
  '自治区',
  '自治县',
  '省',
  '市',
  '州',
  '盟',
  '县',
  '区',
  '旗',
  '乡',
  '镇',
];

/** Words that place a body at "the same level as whoever is acting": no level of their own. */
export const RELATIVE_LEVEL_WORDS = ['同级', '本级', '当地', '辖区', '属地', '所在地'];

/** Absolute level of a level word, before comparing with the issuer's level. */
export type AbsoluteLevel = 'province' | 'city' | 'county' | 'township';

export function levelOfWord(word: string): AbsoluteLevel | undefined {
  const w = word.replace(/[()、]/g, '');
  if (/^(省|自治区)$/.test(w)) return 'province';
  if (/^(市|州|自治州|盟|地区)$/.test(w)) return 'city';
  if (/^(乡镇街道|乡镇|镇乡|镇街|街道|乡|镇)$/.test(w)) return 'township';
  if (/^(县|区|旗|自治县|县区市|县市区|县市|县区|区县|区县市|区市)$/.test(w)) return 'county';
  return undefined;
}

/** Level of a division from the end of its name (银川市 → city is decided with the region list). */
export function levelOfRegionName(name: string): AbsoluteLevel {
  if (/(省|自治区|特别行政区)$/.test(name)) return 'province';
  if (/(自治州|州|盟|地区)$/.test(name)) return 'city';
  if (/(县|区|旗)$/.test(name)) return 'county';
  if (/(乡|镇|街道)$/.test(name)) return 'township';
  return 'city';
}
