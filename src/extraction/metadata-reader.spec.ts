import { stripFurniture } from './furniture-stripping';
import { docNumbersIn, readDate, readMetadata } from './metadata-reader';

const metadataOf = (text: string) => {
  const stripped = stripFurniture(text);
  return readMetadata(stripped.lines, stripped.meta);
};

describe('readDate', () => {
  it('reads Arabic, Chinese-numeral and ISO dates; rejects days that do not exist', () => {
    expect(readDate('2018年3月19日')).toBe('2018-03-19');
    expect(readDate('二〇一九年四月十六日')).toBe('2019-04-16');
    expect(readDate('2018-10-28 17:45')).toBe('2018-10-28');
    expect(readDate('2019年2月30日')).toBeNull();
  });
});

describe('docNumbersIn', () => {
  it('finds 文号 with 〔〕, [] or （） around the year, without the words before the agency', () => {
    expect(
      docNumbersIn('根据国发〔2016〕40号和(晋政发[2017]14号)、安政办（2019）46号').map((d) => d.value),
    ).toEqual(['国发〔2016〕40号', '晋政发[2017]14号', '安政办（2019）46号']);
  });
});

describe('readMetadata', () => {
  it('takes the plan’s own title, not the covering notice’s, and the signature date under the notice', () => {
    const m = metadataOf(
      [
        '安溪县人民政府办公室关于印发安溪县创建',
        '',
        '全国义务教育优质均衡发展县实施方案的通知',
        '安政办〔2019〕46号',
        '各乡镇人民政府，县直有关单位：',
        '现将《安溪县创建全国义务教育优质均衡发展县实施方案》印发给你们，请认真组织实施。',
        '安溪县人民政府办公室',
        '2019年4月16日',
        '安溪县创建全国义务教育优质均衡发展县实施方案',
        '根据教育部《关于印发<县域义务教育优质均衡发展督导评估办法>的通知》（教督〔2017〕6号）精神，制订本方案。',
        '一、指导思想',
        '坚持优先发展。',
      ].join('\n'),
    );
    expect(m).toMatchObject({
      title: '安溪县创建全国义务教育优质均衡发展县实施方案',
      docNumber: '安政办〔2019〕46号',
      issuer: '安溪县人民政府办公室',
      issuedOn: '2019-04-16',
      implements: ['教督〔2017〕6号'],
      titleLine: 8,
      bodyStart: 10,
    });
  });

  it('joins a title broken over two lines, reads the issuer from a forwarding notice, ends the body before the signature', () => {
    const m = metadataOf(
      [
        '天津市蓟州区人民政府办公室关于转发蓟州区统筹推进区内城乡义务教育一体化',
        '改革发展实施方案的通知',
        '区教育局拟定的方案已经区人民政府同意，现转发给你们，请照此执行。',
        '天津市蓟州区人民政府办公室',
        '                            2018年3月19日',
        '蓟州区统筹推进区内城乡义务教育一体化',
        '改革发展实施方案',
        '为促进我区义务教育事业持续健康发展，根据《国务院关于统筹推进县域内城乡义务教育一体化改革发展的若干意见》(国发〔2016〕40号)要求，制定如下方案。',
        '一、总体要求',
        '内容。',
      ].join('\n'),
    );
    expect(m).toMatchObject({
      title: '蓟州区统筹推进区内城乡义务教育一体化改革发展实施方案',
      docNumber: null,
      issuer: '天津市蓟州区人民政府办公室',
      issuedOn: '2018-03-19',
      implements: ['国发〔2016〕40号'],
    });
  });

  it('prefers the page’s metadata table for 文号 and issuer; the issue date from the signature at the end', () => {
    const m = metadataOf(
      [
        '索引号: 1 发布机构: 晋中市人民政府',
        '生成日期: 2017-12-02',
        '文 号: 市政发〔2017〕88号',
        '晋中市人民政府 关于统筹推进县域内城乡义务教育一体化改革发展的实施意见',
        '市政发〔2017〕88号',
        '为贯彻落实《国务院…的若干意见》(国发〔2016〕40号)精神，提出如下实施意见。',
        '一、指导思想',
        '内容。',
        '     晋中市人民政府',
        '2017年12月1日',
      ].join('\n'),
    );
    expect(m).toMatchObject({
      title: '晋中市人民政府关于统筹推进县域内城乡义务教育一体化改革发展的实施意见',
      docNumber: '市政发〔2017〕88号',
      issuer: '晋中市人民政府',
      issuedOn: '2017-12-01',
      implements: ['国发〔2016〕40号'],
      bodyEnd: 8,
    });
  });

  it('stops the body at an 附件 list', () => {
    const m = metadataOf('某县实施方案\n一、目标\n内容。\n附件：1.任务分解表\n      2.成员名单');
    expect(m.bodyEnd).toBe(3);
  });
});
