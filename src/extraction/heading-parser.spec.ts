import { translate } from '../common/i18n/catalog';
import { type OutlineNode, parseOutline, walkOutline } from './heading-parser';

const outline = (text: string) => parseOutline(text.split('\n'));
const shape = (node: OutlineNode): unknown[] =>
  node.children.map((c) => (c.children.length ? [c.number, shape(c)] : c.number));

describe('parseOutline', () => {
  it('nests 一、 / （一） / 1. / （1） in the order the styles first appear', () => {
    const o = outline(
      [
        '一、总体要求',
        '（一）指导思想。坚持立德树人。',
        '二、主要任务',
        '（一）优化布局',
        '1.编制规划。县教育局负责。',
        '（1）城区学校；',
        '（2）乡村学校。',
        '2.保障用地。',
        '（二）加强队伍',
        '三、保障措施',
      ].join('\n'),
    );
    expect(shape(o.root)).toEqual([
      ['一', ['（一）']],
      ['二', [['（一）', [['1.', ['（1）', '（2）']], '2.']], '（二）']],
      '三',
    ]);
    expect(o.headings).toBe(10);
  });

  it('accepts 1、 and full-width 1．, half-width (一), 第一部分 and ① styles', () => {
    const o = outline(
      '第一部分 总体要求\n(一)目标\n1、到2020年。\n2．到2022年。\n①城区；\n②乡村。\n第二部分 措施',
    );
    expect(shape(o.root)).toEqual([['第一部分', [['(一)', ['1、', ['2．', ['①', '②']]]]]], '第二部分']);
  });

  it('makes 项目N a child of the numbered task it follows', () => {
    const o = outline(
      '一、任务\n1.推进标准化建设。\n项目1:实施消除大班额计划。各县要制定方案。\n2.加强队伍。',
    );
    expect(shape(o.root)).toEqual([['一', [['1.', ['项目1']], '2.']]]);
  });

  it('makes —— bullets children of the heading above them, and siblings of each other', () => {
    const o = outline(
      '二、发展目标\n总体目标：到2020年，基本实现均衡。\n——教育投入稳步增长。\n——布局规模更加合理。\n三、任务',
    );
    expect(shape(o.root)).toEqual([['二', ['——', '——']], '三']);
    expect(o.root.children[0].body).toEqual([1]);
  });

  it('reads a heading whose title is on the next line', () => {
    const o = outline('一、\n指导思想\n坚持优先发展。');
    expect(o.root.children[0].head).toBe('指导思想');
    expect(o.root.children[0].body).toHaveLength(1);
  });

  it('numbers a section whose opening bracket was lost (")实施消除大班额计划") from the sequence', () => {
    const o = outline(
      '三、任务\n(一)布局\n1.规划。\n(二)队伍\n1.补充。\n)实施消除大班额计划\n1.严格控制大班额。',
    );
    const third = o.root.children[0].children[2];
    expect(third.number).toBe('(三)');
    expect(third.inferred).toBeDefined();
    expect(third.children.map((c) => c.number)).toEqual(['1.']);
    expect(o.warnings.some((w) => /推断为\(三\)/.test(translate('zh-CN', w.text)))).toBe(true);
  });

  it('infers a section title that lost its whole number when the list under it restarts at 1.', () => {
    const o = outline(
      '三、任务\n(一)布局\n1.规划。\n2.用地。\n(二)队伍\n1.补充。\n2.待遇。\n做好特殊群体教育工作\n1.随迁子女。\n2.留守儿童。',
    );
    const sections = o.root.children[0].children;
    expect(sections.map((s) => s.number)).toEqual(['(一)', '(二)', '(三)']);
    expect(sections[2].head).toBe('做好特殊群体教育工作');
    expect(sections[2].children).toHaveLength(2);
  });

  it('gives a paragraph after a list of one-line clauses to the list’s parent', () => {
    const o = outline(
      '(一)资源配置。主要要求包括:\n1.生均面积达到4.5平方米以上;\n2.生均设备值达到2000元以上;\n3.每百名学生多媒体教室2.3间以上。\n每所学校至少2项指标达到上述要求。\n(二)政府保障',
    );
    const first = o.root.children[0];
    expect(first.children).toHaveLength(3);
    expect(first.body).toEqual([4]);
    expect(first.children[2].body).toEqual([]);
  });

  it('keeps a continuation paragraph with a long numbered item', () => {
    const o = outline(
      '1.提高待遇。确保教师平均工资收入水平不低于当地公务员平均工资收入水平，依法缴纳住房公积金和各项社会保险费用，并加快周转宿舍建设，改善工作生活条件。\n建立乡村教师荣誉制度。',
    );
    expect(o.root.children[0].body).toEqual([1]);
  });

  it('warns when the numbering jumps', () => {
    const o = outline('一、目标\n三、措施');
    expect(o.warnings).toHaveLength(1);
    expect(o.warnings[0].text).toMatchObject({ key: 'extraction.warning.numbering_gap' });
    expect(translate('zh-CN', o.warnings[0].text)).toMatch(/一.*三/);
  });

  it('finds nothing in a text without numbered headings', () => {
    const o = outline('这是一段没有编号的文字。\n另一段文字。');
    expect(o.headings).toBe(0);
    expect(walkOutline(o.root)).toEqual([]);
  });
});
