import { accessMessages } from './messages/access';
import { CATALOGS, type MessageKey, msg, placeholdersOf, translate } from './catalog';
import { formatDate, formatDateTime, formatMonthDayTime } from './format';
import { latinWords } from './latin-words';
import { commonMessages } from './messages/common';
import * as parts from './messages';

const keys = Object.keys(CATALOGS['zh-CN']) as MessageKey[];

describe('message catalogs', () => {
  it('has every key in every language with the same placeholders', () => {
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) {
      expect([key, placeholdersOf(CATALOGS.en[key])]).toEqual([key, placeholdersOf(CATALOGS['zh-CN'][key])]);
    }
    expect(Object.keys(CATALOGS.en).sort()).toEqual([...keys].sort());
  });

  it('defines each key in one part only, prefixed with the part it lives in', () => {
    const seen = new Map<string, string>();
    for (const [name, part] of Object.entries(parts)) {
      const prefix = name.replace(/Messages$/, '');
      for (const key of Object.keys(part['zh-CN'])) {
        expect([key, seen.get(key)]).toEqual([key, undefined]);
        seen.set(key, name);
        expect(key.startsWith(`${prefix === 'labels' ? 'label' : prefix}.`)).toBe(true);
      }
    }
    expect(seen.size).toBe(keys.length);
    expect(accessMessages['zh-CN']).toBeDefined();
  });

  it('writes Simplified Chinese without Latin words, and English without Chinese characters', () => {
    const latin = keys.flatMap((k) =>
      latinWords(CATALOGS['zh-CN'][k].replace(/\{\w+\}/g, '')).map((w) => `${k}: ${w}`),
    );
    expect(latin).toEqual([]);
    const han = keys.filter((k) => /[\u4e00-\u9fff]/.test(CATALOGS.en[k].replace(/\{\w+\}/g, '')));
    // English texts may quote an official term once, in parentheses, e.g. "acknowledge (签收)"
    expect(han.filter((k) => !/\([\u4e00-\u9fff]+\)/.test(CATALOGS.en[k]))).toEqual([]);
  });

  it('fills placeholders, translates nested messages and leaves a missing parameter visible', () => {
    expect(translate('zh-CN', msg('common.invalid_request', { summary: '日期' }))).toBe('请求数据无效：日期');
    expect(translate('en', msg('common.bad_request', { reason: msg('common.internal') }))).toBe(
      'Bad request: Internal server error',
    );
    expect(translate('zh-CN', 'common.bad_request')).toBe('请求无效：{reason}');
    expect(commonMessages.en['common.internal']).toBe('Internal server error');
  });
});

describe('dates for the reader', () => {
  it('prints calendar dates as they are and instants in Asia/Shanghai', () => {
    expect(formatDate('zh-CN', '2026-12-05')).toBe('2026年12月5日');
    expect(formatDate('en', '2026-12-05')).toBe('5 Dec 2026');
    // 23:30 UTC is already the next day in Shanghai
    expect(formatDate('zh-CN', new Date('2026-12-05T23:30:00Z'))).toBe('2026年12月6日');
    expect(formatDateTime('zh-CN', new Date('2026-12-05T07:44:29.830Z'))).toBe('2026年12月5日 15:44');
    expect(formatMonthDayTime('zh-CN', '2026-12-05T07:44:29.830Z')).toBe('12月5日 15:44');
    expect(formatDate('zh-CN', null)).toBe('—');
  });
});

describe('latin words', () => {
  it('finds raw codes and English halves, and allows URLs, files, units and indicator numbers', () => {
    expect(latinWords('学校类型 special_education · attested yes')).toEqual([
      'special_education',
      'attested',
      'yes',
    ]);
    expect(
      latinWords('见 https://duban.example/items/1 与 名单.xlsx，G5 达标，面积 12 m²，附件 3 MB'),
    ).toEqual([]);
    expect(latinWords('请联系 office@duban.example')).toEqual([]);
  });
});
