import { findExcerpt, itemSpan } from './plan-drafts.page';

describe('locating a draft item in its source text', () => {
  const source =
    '二、主要任务\n（一）建立结对关系\n1.组织结对，9月底前完成。\n责任单位：县教育局；配合单位：各乡镇\n2.交流教师。';

  it('finds an excerpt whatever the width of its punctuation', () => {
    const at = findExcerpt(source, '(一)建立结对关系');
    expect(at && source.slice(at.start, at.end)).toBe('（一）建立结对关系');
    const duty = findExcerpt(source, '责任单位:县教育局;');
    expect(duty && source.slice(duty.start, duty.end)).toBe('责任单位：县教育局；');
    expect(findExcerpt(source, '不存在的文字')).toBeNull();
  });

  it('spans an item from its heading to the end of its excerpt', () => {
    const span = itemSpan(source, '1.组织结对，9月底前完成。', '责任单位:县教育局;配合单位:各乡镇');
    expect(span && source.slice(span.start, span.end)).toBe(
      '1.组织结对，9月底前完成。\n责任单位：县教育局；配合单位：各乡镇',
    );
    const headingOnly = itemSpan(source, '2.交流教师。', '责任单位:县教育局;');
    expect(headingOnly && source.slice(headingOnly.start, headingOnly.end)).toBe('2.交流教师。');
  });
});
