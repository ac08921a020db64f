import { latinWords } from '../common/i18n/latin-words';
import { translate } from '../common/i18n/catalog';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeDocx } from '../../test/extraction/make-docx';
import { flattenPlanItems, parsePlanFile, type PlanFile, type PlanFileItem } from '../plans/plan-file.schema';
import { renderDraftYaml } from './draft-yaml';
import { ExtractionError } from './extraction.error';
import { extractPlan, extractPlanFromText } from './plan-extractor';

const fixture = (name: string) =>
  readFileSync(path.resolve(__dirname, '../../test/extraction/fixtures', name), 'utf8');

const byRef = (plan: PlanFile) => new Map(flattenPlanItems(plan.items).map(({ item }) => [item.ref, item]));
const item = (plan: PlanFile, ref: string): PlanFileItem => {
  const found = byRef(plan).get(ref);
  if (!found) throw new Error(`no item ${ref}; items: ${[...byRef(plan).keys()].join(' ')}`);
  return found;
};
const targets = (it: PlanFileItem) => it.targets.map((t) => `${t.comparator} ${t.value} ${t.unit}`);

describe('extractPlanFromText — a county plan (一、（一）1.（1）, 责任单位 lines, notes, phases, leadership group)', () => {
  const result = extractPlanFromText(fixture('county-plan.txt'), { fileName: 'county-plan.txt' });
  const plan = result.draft;

  it('reads the plan’s metadata: own title, 文号, issuer, signature date, implemented documents', () => {
    expect(plan).toMatchObject({
      title: '东山县推进义务教育优质均衡发展实施方案',
      doc_number: '东政办〔2022〕15号',
      issuer: '东山县人民政府办公室',
      issued_on: '2022-03-08',
      implements: ['中发〔2019〕26号', '闽教督〔2021〕3号'],
      source: { file: 'county-plan.txt', script: 'simplified' },
    });
  });

  it('builds the heading tree with kinds from the section titles', () => {
    expect(plan.items.map((i) => `${i.ref}:${i.kind}:${i.title}`)).toEqual([
      '一:goal:总体目标',
      '二:task:重点任务',
      '三:measure:实施步骤',
      '四:measure:保障措施',
    ]);
    expect(item(plan, '二.(二).2').children.map((c) => `${c.ref}:${c.kind}`)).toEqual([
      '二.(二).2.(1):target',
      '二.(二).2.(2):target',
      '二.(二).2.(3):target',
    ]);
  });

  it('reads 责任单位/配合单位 lines and (X牵头，Y配合) notes', () => {
    expect(item(plan, '二.(一).1')).toMatchObject({
      lead: ['县教育局'],
      cooperate: expect.arrayContaining(['县自然资源局', '县住建局']),
    });
    expect(item(plan, '二.(二).1')).toMatchObject({
      lead: ['县委编办'],
      cooperate: ['县人社局', '县财政局'],
    });
    expect(item(plan, '二.(二).3').lead).toEqual(['县财政局']);
  });

  it('names departments with the region: 县教育局 → 东山县教育局', () => {
    expect(plan.departments.find((d) => d.ref === '县教育局')?.name).toBe('东山县教育局');
  });

  it('reads dates with the shared deadline rules, and phases as ranges', () => {
    expect(item(plan, '二.(一).1').due).toEqual({ date: '2022-12-31', text: '2022年底前' });
    expect(item(plan, '三.(一)')).toMatchObject({
      start: { date: '2022-03-01' },
      due: { date: '2022-04-30' },
    });
    expect(item(plan, '二.(二).1').recurrence).toBe('yearly');
  });

  it('reads quantitative targets', () => {
    expect(targets(item(plan, '二.(二).2.(1)'))).toEqual(['>= 0.15 ratio']);
    expect(targets(item(plan, '二.(二).3'))).toEqual(['>= 1 ratio']);
    expect(targets(item(plan, '二.(三)'))).toEqual(['>= 0.97 ratio', '>= 0.95 ratio']);
    expect(targets(item(plan, '四.(二)'))).toEqual(['>= 650 yuan', '>= 850 yuan']);
  });

  it('reads the leadership group and its office', () => {
    expect(plan.leadership_group).toMatchObject({
      name: '县推进义务教育优质均衡发展工作领导小组',
      office_department: '县教育局',
      members: [
        { name: '王建国', group_role: 'leader', post: '县长' },
        { name: '李明', group_role: 'deputy_leader', post: '副县长' },
        { name: '赵丽', group_role: 'deputy_leader', post: '县政府办公室主任' },
      ],
    });
  });

  it('leaves the attachments list and the signature out of the items', () => {
    expect([...byRef(plan).keys()].some((ref) => /附件/.test(ref))).toBe(false);
    expect(item(plan, '四.(三)').excerpt).not.toMatch(/附件/);
  });

  it('gives provenance per field and resolves a region outside config/regions by its national code', () => {
    const provenance = result.provenance.items.find((p) => p.ref === '二.(二).1');
    expect(provenance?.fields.lead).toMatchObject({ confidence: 0.95 });
    expect(provenance?.fields.lead.excerpt).toContain('县委编办牵头');
    // 东山县 (福建省漳州市) is not in config/regions: GB/T 2260 code from the national divisions
    expect(result.draft.region).toBe('350626');
    expect(result.provenance.lowConfidence).not.toContain('region');
    expect(result.warnings.map((w) => w.code)).not.toContain('REGION_UNRESOLVED');
  });

  it('produces a draft that parsePlanFile accepts, with the low-confidence fields listed in the header', () => {
    const yaml = renderDraftYaml(result);
    expect(() => parsePlanFile(yaml, 'draft.yaml')).not.toThrow();
    expect(yaml).toMatch(/^# DRAFT proposed by `plans:extract`/);
    expect(yaml).toContain('#   - items[四.(三)].lead');
    expect(result.warnings.map((w) => w.code)).not.toContain('DRAFT_INVALID');
  });
});

describe('extractPlanFromText — a Traditional city plan (notes, —— principles, county schedule)', () => {
  const result = extractPlanFromText(fixture('traditional-city-plan.txt'), {
    fileName: 'traditional.txt',
    regionHint: '430100',
  });
  const plan = result.draft;

  it('keeps excerpts as written and gives names and titles in Simplified', () => {
    expect(plan.source.script).toBe('traditional');
    expect(plan.title).toBe('南岭市人民政府关于推进城乡义务教育一体化发展的实施意见');
    expect(item(plan, '二.(一)').title).toBe('统一城乡学校建设标准');
    expect(item(plan, '二.(一)').excerpt).toMatch(/^統一城鄉學校建設標準。各縣\(區\)人民政府要/);
    expect(plan.region).toBe('430100');
  });

  it('reads （…牽頭負責，…配合） notes with the level carried over', () => {
    expect(item(plan, '二.(一)')).toMatchObject({
      lead: ['市教育局'],
      cooperate: ['市财政局', '市住房和城乡建设局', '各县(区)人民政府'],
    });
    expect(plan.departments.find((d) => d.ref === '各县(区)人民政府')).toMatchObject({
      expand: 'county_governments',
    });
  });

  it('reads —— bullets as items of their section', () => {
    expect(item(plan, '一').children.map((c) => `${c.ref}:${c.kind}:${c.title}`)).toEqual([
      '一.——1:goal:坚持优先发展',
      '一.——2:goal:坚持统筹推进',
    ]);
  });

  it('turns a county schedule into one milestone per county, led by that county’s government', () => {
    expect(item(plan, '二.(三)').children.map((c) => [c.ref, c.kind, c.due?.date, c.lead])).toEqual([
      ['二.(三).——2019年北江县', 'milestone', '2019-12-31', ['北江县人民政府']],
      ['二.(三).——2019年西湖区', 'milestone', '2019-12-31', ['西湖区人民政府']],
      ['二.(三).——2020年东林县', 'milestone', '2020-12-31', ['东林县人民政府']],
    ]);
  });

  it('reads 消除大班额 requirements with their years', () => {
    expect(item(plan, '二.(二)').targets.map((t) => [t.metric, t.due])).toEqual([
      ['super_large_classes', '2019-12-31'],
      ['large_classes', '2020-12-31'],
    ]);
  });

  it('is a valid plan file', () => {
    expect(() => parsePlanFile(renderDraftYaml(result), 'draft.yaml')).not.toThrow();
  });
});

describe('extractPlan — inputs', () => {
  it('reads a .docx end to end', async () => {
    const buffer = await makeDocx([
      '北山县教育局关于印发义务教育提质实施方案的通知',
      '北教〔2023〕5号',
      '北山县义务教育提质实施方案',
      '一、工作目标',
      '到2025年，全县初中三年巩固率达到96%以上。',
      '二、工作措施',
      '（一）加强师资建设。县教育局要会同县人社局每年补充教师。',
      '北山县教育局',
      '2023年2月1日',
    ]);
    const { draft } = await extractPlan({ buffer, fileName: 'plan.docx' });
    expect(draft).toMatchObject({
      title: '北山县义务教育提质实施方案',
      doc_number: '北教〔2023〕5号',
      issued_on: '2023-02-01',
    });
    expect(draft.items[0]).toMatchObject({ kind: 'goal', due: { date: '2025-12-31' } });
    expect(draft.items[1].children[0]).toMatchObject({
      lead: ['县教育局'],
      cooperate: ['县人社局'],
      recurrence: 'yearly',
    });
  });

  it('matches known departments and proposes the rest as new', () => {
    const { draft, warnings } = extractPlanFromText(fixture('county-plan.txt'), {
      knownDepartments: [{ name: '东山县教育局', aliases: ['县教育局'] }],
    });
    expect(draft.departments.find((d) => d.ref === '县教育局')?.name).toBe('东山县教育局');
    const proposed = warnings.find((w) => w.code === 'NEW_DEPARTMENTS');
    expect(proposed?.message).toContain('县财政局');
    expect(proposed?.text).toMatchObject({ key: 'extraction.warning.new_departments' });
    // every warning carries a message for people, and its Chinese text has no Latin words
    for (const w of warnings) {
      expect(w.text).toBeDefined();
      expect(latinWords(translate('zh-CN', w.text!))).toEqual([]);
    }
  });

  it('uses the region list to resolve the issuer’s region and expand its short name', () => {
    const { draft } = extractPlanFromText(
      '克州人民政府办公室关于印发实施方案的通知\n克州推进教育实施方案\n一、目标\n各县(市)要提高质量。',
      {
        regions: [
          { code: '650000', name: '新疆维吾尔自治区', level: 'province', parent: null, short_names: [] },
          {
            code: '653000',
            name: '克孜勒苏柯尔克孜自治州',
            level: 'city',
            parent: '650000',
            short_names: ['克州'],
          },
        ],
      },
    );
    expect(draft).toMatchObject({ region: '653000', issuer: '克孜勒苏柯尔克孜自治州人民政府办公室' });
  });

  it('refuses a document without numbered structure with a clear message, not an empty plan', () => {
    const attempt = () =>
      extractPlanFromText('关于做好春季开学工作的通知\n各校要认真做好开学准备工作，确保师生安全。');
    expect(attempt).toThrow(ExtractionError);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code: 'NO_STRUCTURE' });
      expect(translate('zh-CN', (error as ExtractionError).text)).toContain('编号标题');
    }
  });

  it('refuses garbage before reading it', async () => {
    await expect(
      extractPlan({ buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), fileName: 'x.png' }),
    ).rejects.toMatchObject({
      code: 'BINARY_FILE',
    });
    await expect(extractPlan({ text: '' })).rejects.toMatchObject({ code: 'EMPTY_DOCUMENT' });
  });
});

describe('extractPlanFromText — other layouts of the genre', () => {
  const { draft } = extractPlanFromText(fixture('action-plan-variant.txt'), { fileName: 'variant.txt' });

  it('starts the body at 一、 even when the preamble holds a numbered list', () => {
    expect(draft.items.map((i) => i.title)).toEqual(['工作目标', '重点任务', '保障措施']);
    expect(draft.implements).toEqual(['国办发〔2018〕82号', '冀教督〔2022〕7号']);
    expect(draft.title).toBe('西河县义务教育质量提升三年行动计划（2023—2025年）');
  });

  it('reads 牵头单位/配合单位 on one line, "（牵头）" after a name, 完成时限 lines', () => {
    expect(item(draft, '二.1')).toMatchObject({
      lead: ['县教体局'],
      cooperate: ['县发改局', '县自然资源和规划局', '县住建局'],
      due: { date: '2024-09-30' },
    });
    expect(item(draft, '二.2').lead).toEqual(['县教体局', '县人社局', '县委编办']);
    expect(targets(item(draft, '二.2'))).toEqual(['>= 100 teachers']);
  });

  it('reads "大班额全部消除" and a leadership list written post first', () => {
    expect(targets(item(draft, '一'))).toEqual(['= 0 classes', '>= 0.98 ratio', '>= 0.8 ratio']);
    expect(draft.leadership_group?.members.map((m) => [m.name, m.group_role, m.post])).toEqual([
      ['张伟', 'leader', '县长'],
      ['刘洋', 'deputy_leader', '副县长'],
    ]);
  });
});
