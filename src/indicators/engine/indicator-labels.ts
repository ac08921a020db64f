/** Names of every indicator (indicators.md §2–6), for details, summaries and pages. */
import type { IndicatorId } from './evaluation.types';

export interface IndicatorLabel {
  zh: string;
  en: string;
}

export const INDICATOR_LABELS: Readonly<Record<IndicatorId, IndicatorLabel>> = {
  R1: { zh: '每百名学生拥有高于规定学历教师数', en: 'teachers above the required degree per 100 students' },
  R2: { zh: '每百名学生拥有县级以上骨干教师数', en: 'county-level or higher key teachers per 100 students' },
  R3: {
    zh: '每百名学生拥有体育、艺术（美术、音乐）专任教师数',
    en: 'PE, music and fine-art teachers per 100 students',
  },
  R4: { zh: '生均教学及辅助用房面积', en: 'teaching and auxiliary floor area per student' },
  R5: { zh: '生均体育运动场馆面积', en: 'sports ground and hall area per student' },
  R6: { zh: '生均教学仪器设备值', en: 'teaching equipment value per student' },
  R7: { zh: '每百名学生拥有网络多媒体教室数', en: 'networked multimedia classrooms per 100 students' },
  G1: {
    zh: '学校规划布局合理，符合国家规定要求',
    en: 'school layout planning reasonable and meets national rules',
  },
  G2: {
    zh: '城乡学校建设、编制、公用经费、装备配置标准统一',
    en: 'one building, staffing, public-funds and equipment standard for urban and rural schools',
  },
  G3: {
    zh: '每12个班级配备音乐、美术专用教室1间以上且面积达标',
    en: 'a music and an art room per 12 classes, of the minimum area',
  },
  G4: {
    zh: '学校规模不超过2000人（九年/十二年一贯制不超过2500人）',
    en: 'schools ≤ 2000 students (nine/twelve-year ≤ 2500)',
  },
  G5: {
    zh: '小学、初中所有班级学生数分别不超过45人、50人',
    en: 'every primary class ≤ 45 and junior class ≤ 50 students',
  },
  G6: {
    zh: '不足100名学生的村小和教学点按100名学生核定公用经费',
    en: 'village schools and teaching points under 100 students funded as 100',
  },
  G7: {
    zh: '特殊教育学校生均公用经费不低于6000元',
    en: 'special-education public funds ≥ 6000 yuan per student',
  },
  G8: {
    zh: '教师平均工资收入不低于当地公务员，足额核定绩效工资总量',
    en: "teachers' average pay ≥ civil servants'; performance pay set in full",
  },
  G9: { zh: '教师5年360学时培训完成率100%', en: '5-year 360-hour teacher training completion 100 %' },
  G10: {
    zh: '县级教育行政部门统筹分配各校教职工编制和岗位数量',
    en: 'county education bureau allocates staffing quotas and posts',
  },
  G11: {
    zh: '交流轮岗教师不低于符合条件教师的10%，其中骨干教师不低于20%',
    en: 'rotation ≥ 10 % of eligible teachers, key teachers ≥ 20 % of rotated',
  },
  G12: {
    zh: '专任教师持有教师资格证上岗率100%',
    en: 'full-time teachers holding a teacher certificate 100 %',
  },
  G13: {
    zh: '城镇公办学校就近划片入学比例：小学100%，初中95%以上',
    en: 'nearby zoned enrolment: primary 100 %, junior ≥ 95 %',
  },
  G14: {
    zh: '优质高中招生名额分配比例不低于50%，并向农村初中倾斜',
    en: 'quality senior-high quotas allocated to junior schools ≥ 50 %',
  },
  G15: {
    zh: '留守儿童关爱体系健全，随迁子女在公办及购买服务学校就读比例不低于85%',
    en: 'left-behind children care in place; migrant children in public places ≥ 85 %',
  },
  Q1: { zh: '初中三年巩固率达到95%以上', en: 'three-year junior retention ≥ 95 %' },
  Q2: { zh: '残疾儿童少年入学率达到95%以上', en: 'enrolment of children with disabilities ≥ 95 %' },
  Q3: {
    zh: '所有学校制定章程，实现学校管理与教学信息化',
    en: 'every school has a charter and ICT-based management and teaching',
  },
  Q4: {
    zh: '所有学校按不低于年度公用经费预算总额5%安排教师培训经费',
    en: 'every school budgets ≥ 5 % of public funds for teacher training',
  },
  Q5: {
    zh: '教师熟练运用信息化手段组织教学，设施设备利用率较高',
    en: 'teachers use ICT proficiently; facility usage high',
  },
  Q6: {
    zh: '所有学校德育工作、校园文化建设水平达到良好以上',
    en: 'moral education and campus culture good or better in every school',
  },
  Q7: {
    zh: '课程开齐开足，教学秩序规范，综合实践活动有效开展',
    en: 'full curriculum, orderly teaching, practice activities held',
  },
  Q8: { zh: '无过重课业负担', en: 'no excessive homework burden' },
  Q9: {
    zh: '国家义务教育质量监测学业水平达到Ⅲ级以上，校际差异率低于0.15',
    en: 'national monitoring at level III or above, inter-school difference rate < 0.15',
  },
  S: { zh: '社会认可度达到85%以上', en: 'social recognition ≥ 85 %' },
  V1: { zh: '存在以考试方式招生', en: 'admission by examination' },
  V2: { zh: '存在违规择校行为', en: 'illegal school choice' },
  V3: { zh: '存在重点学校或重点班', en: 'key schools or key classes' },
  V4: {
    zh: '存在“有编不补”或长期聘用编外教师',
    en: 'unfilled staffing quotas or long-term off-quota teachers',
  },
  V5: {
    zh: '教育系统存在重大安全责任事故和严重违纪违规事件',
    en: 'major safety accident or serious violation in the education system',
  },
  V6: { zh: '有弄虚作假行为', en: 'falsified data' },
};
