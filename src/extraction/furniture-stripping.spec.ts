import { stripFurniture } from './furniture-stripping';

const keep = (text: string) =>
  stripFurniture(text)
    .lines.map((l) => l.trim())
    .filter(Boolean);

describe('stripFurniture', () => {
  it('removes a breadcrumb line (您的位置 / 当前位置 / 首页 > …)', () => {
    expect(keep('您的位置:首页 >政务公开 >政府文件\n一、指导思想')).toEqual(['一、指导思想']);
    expect(keep('当前位置：首页 > 信息公开 > 正文\n一、总体要求')).toEqual(['一、总体要求']);
    expect(keep('首页 > 教育局 > 通知公告\n一、目标')).toEqual(['一、目标']);
  });

  it('removes a numbered breadcrumb list but keeps numbered items of the plan', () => {
    const text =
      '1. 当前位置:\n  2. 首页\n  3. 政务公开\n  4. 正文\n\n一、工作任务\n1.完善投入机制。各县要加大投入。';
    expect(keep(text)).toEqual(['一、工作任务', '1.完善投入机制。各县要加大投入。']);
  });

  it('removes share / print / close links and the encyclopedia footer', () => {
    const text = [
      '一、工作目标',
      '全面提高质量。',
      '二、工作要求',
      '加强领导。',
      '分享到',
      ' 打印本页  关闭窗口',
      '相關詞條',
      '熱門詞條',
      '聯絡我們',
    ].join('\n');
    expect(keep(text)).toEqual(['一、工作目标', '全面提高质量。', '二、工作要求', '加强领导。']);
  });

  it('removes 【字体：大 中 小】, page numbers and (此件主动公开)', () => {
    expect(keep('一、目标\n— 3 —\n加强领导。\n（此件主动公开）\n【字体：大 中 小】')).toEqual([
      '一、目标',
      '加强领导。',
    ]);
  });

  it('reads 文号, 发布机构 and the dates from the metadata block before removing it', () => {
    const text = [
      '索引号: 000000000-2017-00612 发布机构: 晋中市人民政府',
      '生成日期: 2017-12-01 废止日期:',
      '文 号: 市政发〔2017〕88号 主题分类: 政府文件',
      '关键词:',
      '一、指导思想',
    ].join('\n');
    const result = stripFurniture(text);
    expect(result.meta.docNumber).toBe('市政发〔2017〕88号');
    expect(result.meta.issuer).toBe('晋中市人民政府');
    expect(result.meta.date).toBe('2017-12-01');
    expect(result.lines.filter(Boolean)).toEqual(['一、指导思想']);
  });

  it('reads labels spread out with spaces and without colons (索  引  号 … 文        号 …)', () => {
    const text =
      '文        号 克政办发〔2018〕59号 发布日期 2018-10-28 17:45\n发文单位 克州人民政府办公室 发布机构 克州人民政府办公室';
    const { meta } = stripFurniture(text);
    expect(meta.docNumber).toBe('克政办发〔2018〕59号');
    expect(meta.issuer).toBe('克州人民政府办公室');
    expect(meta.date).toBe('2018-10-28 17:45');
  });

  it('reads an encyclopedia info box in Traditional script (中文名 / 頒布時間 / 發布單位)', () => {
    const { meta, lines } = stripFurniture(
      '基本介紹\n  • 中文名:某市工作方案\n  • 頒布時間:2021年11月24日\n  • 發布單位:某市人民政府辦公室\n全文\n一、目標',
    );
    expect(meta).toMatchObject({
      title: '某市工作方案',
      date: '2021年11月24日',
      issuer: '某市人民政府辦公室',
    });
    expect(lines.filter(Boolean)).toEqual(['一、目標']);
  });

  it('keeps line numbers: removed lines become empty strings', () => {
    const result = stripFurniture('分享到\n一、目标\n内容。');
    expect(result.lines).toHaveLength(3);
    expect(result.lines[1]).toBe('一、目标');
  });

  it('does not treat an early share link as the start of the footer', () => {
    expect(keep('分享到\n一、目标\n内容。\n二、任务\n内容。\n三、措施\n内容。')).toHaveLength(6);
  });
});
