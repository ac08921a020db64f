/**
 * Removes the furniture a plan copied from a government web site (or an encyclopedia page) carries around
 * the text: breadcrumbs (您的位置 / 当前位置 / 首页 > …, also as a numbered list), share and print links,
 * "related entries" footers, page numbers, and the 索引号 / 主题分类 metadata table — after reading 文号,
 * 发布机构 and the dates out of that table. Lines are blanked, not deleted, so line numbers stay those of
 * the source.
 */
import { comparable } from './source-text';

export interface PageMetadata {
  /** 文号 / 发文字号 as written */
  docNumber?: string;
  /** 发文单位 / 发文机关 / 发布机构 as written */
  issuer?: string;
  /** 成文日期 / 生成日期 / 发布日期 … as written */
  date?: string;
  /** 名称 / 标题 / 中文名 as written */
  title?: string;
  /** every label found, label (Simplified, no spaces) → value as written */
  fields: Record<string, string>;
}

export interface RemovedLine {
  line: number;
  text: string;
  reason: 'breadcrumb' | 'metadata' | 'page-furniture' | 'footer';
}

export interface StrippedDocument {
  /** the source lines; removed ones are empty strings */
  lines: string[];
  removed: RemovedLine[];
  meta: PageMetadata;
}

const METADATA_LABELS = [
  '索引号',
  '主题分类',
  '体裁分类',
  '组配分类',
  '服务对象',
  '发布机构',
  '发布部门',
  '发文部门',
  '制定机关',
  '发文机关',
  '发文单位',
  '发布单位',
  '所属机构',
  '成文日期',
  '发文日期',
  '印发日期',
  '生成日期',
  '发布日期',
  '发布时间',
  '公开日期',
  '颁布时间',
  '发文时间',
  '公布日期',
  '时间',
  '点击',
  '废止日期',
  '有效性',
  '时效',
  '公文种类',
  '发文字号',
  '发布文号',
  '发文文号',
  '文件编号',
  '文号',
  '名称',
  '标题',
  '发文标题',
  '中文名',
  '外文名',
  '主题词',
  '关键词',
  '内容概述',
  '信息来源',
  '来源',
  '浏览次数',
  '访问次数',
];
// Longest first, so 发文字号 wins over 文号; letters may be spread out with spaces (索  引  号, 文 号).
const LABEL_SOURCE = [...METADATA_LABELS]
  .sort((a, b) => b.length - a.length)
  .map((l) => Array.from(l).join('\\s*'))
  .join('|');
const LABEL_AT_START = new RegExp(`^[\\s•·●◆▪\\-]*(?:${LABEL_SOURCE})\\s*(?:[:：]|\\s|$)`);
const LABEL_ANYWHERE = new RegExp(`(?<=^|[\\s•·●◆▪])(${LABEL_SOURCE})\\s*(?:[:：]\\s*|\\s+|$)`, 'g');

const PRIORITY = {
  docNumber: ['发文字号', '发文文号', '发布文号', '文号', '文件编号'],
  issuer: ['发文机关', '发文单位', '发布单位', '发布机构', '发文部门', '发布部门', '制定机关', '所属机构'],
  date: [
    '成文日期',
    '发文日期',
    '发文时间',
    '印发日期',
    '生成日期',
    '颁布时间',
    '公布日期',
    '发布日期',
    '发布时间',
    '公开日期',
    '时间',
  ],
  title: ['发文标题', '标题', '名称', '中文名'],
} as const;

const BREADCRUMB_START = /^(?:您的位置|您现在的位置|您当前的位置|当前位置|当前的位置|所在位置|位置)\s*[:：>]/;
const BREADCRUMB_TRAIL = /首页\s*[>»›→＞]|[>»›＞]\s*正文\s*$/;

const FURNITURE_WORDS = [
  '分享到',
  '分享',
  '打印本页',
  '打印',
  '关闭窗口',
  '关闭本页',
  '关闭',
  '收藏',
  '加入收藏',
  '相关词条',
  '热门词条',
  '相关阅读',
  '相关链接',
  '相关新闻',
  '相关文件',
  '联络我们',
  '联系我们',
  '基本介绍',
  '全文',
  '扫一扫',
  '返回顶部',
  '上一篇',
  '下一篇',
  '字体',
  '字号',
  '责任编辑',
  '网站地图',
  '版权所有',
  '主办单位',
  '承办单位',
  '技术支持',
  '政府网站标识码',
  '此件主动公开',
  '此件公开发布',
  '保存本页',
  '微信',
  '微博',
  '大',
  '中',
  '小',
];
const FURNITURE_LINE = new RegExp(
  `^(?:[\\[【(]?\\s*(?:${FURNITURE_WORDS.join('|')})\\s*[:：]?\\s*[\\]】)]?\\s*[|｜/]?\\s*)+$`,
);
/** Lines that only start with a furniture word (上一篇：…, 责任编辑：…, 【字体：大 中 小】). */
const FURNITURE_PREFIX =
  /^[[【]?\s*(?:上一篇|下一篇|责任编辑|版权所有|主办单位|承办单位|技术支持|字体|ICP备|[京沪津渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川贵云藏陕甘青宁新]ICP)/;
/** After one of these, the rest of a page is footer: short lines are dropped. */
const FOOTER_MARKER =
  /^[[【]?\s*(?:相关词条|热门词条|相关阅读|相关链接|相关新闻|相关文件|分享到|打印本页|关闭窗口|上一篇|下一篇|联络我们|联系我们|版权所有|字体)/;
const PAGE_NUMBER = /^(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?)$/;
/** A breadcrumb list item: "1. 当前位置:", "2. 首页", "3. 政务公开". */
const NUMBERED_CRUMB = /^\d{1,2}\s*[.、]\s*\S.{0,18}$/;
const CRUMB_WORD = /当前位置|您的位置|首页|正文|政务公开|信息公开/;

function readMetadataLine(line: string, fields: Record<string, string>): void {
  const c = comparable(line);
  const labels: { label: string; start: number; valueStart: number }[] = [];
  LABEL_ANYWHERE.lastIndex = 0;
  for (let m = LABEL_ANYWHERE.exec(c); m; m = LABEL_ANYWHERE.exec(c)) {
    labels.push({ label: m[1].replace(/\s+/g, ''), start: m.index, valueStart: m.index + m[0].length });
  }
  labels.forEach((l, i) => {
    const end = i + 1 < labels.length ? labels[i + 1].start : line.length;
    const value = line.slice(l.valueStart, end).trim();
    if (value && !(l.label in fields)) fields[l.label] = value;
  });
}

function pick(fields: Record<string, string>, labels: readonly string[]): string | undefined {
  for (const l of labels) if (fields[l]) return fields[l];
  return undefined;
}

/** Strips page furniture; see the module comment. */
export function stripFurniture(text: string): StrippedDocument {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const removed: RemovedLine[] = [];
  const fields: Record<string, string> = {};
  const remove = (i: number, reason: RemovedLine['reason']) => {
    if (lines[i] === '') return;
    removed.push({ line: i, text: lines[i], reason });
    lines[i] = '';
  };
  const trimmed = (i: number) => comparable(lines[i]).trim();

  // A numbered breadcrumb list near the top: a run of at least three short numbered lines naming 首页 etc.
  for (let i = 0; i < Math.min(lines.length, 40); i++) {
    if (!NUMBERED_CRUMB.test(trimmed(i))) continue;
    let j = i;
    const run: number[] = [];
    while (j < lines.length && (NUMBERED_CRUMB.test(trimmed(j)) || trimmed(j) === '')) {
      if (trimmed(j) !== '') run.push(j);
      j++;
    }
    if (run.length >= 3 && run.some((k) => CRUMB_WORD.test(trimmed(k))))
      run.forEach((k) => remove(k, 'breadcrumb'));
    i = j;
  }

  // A footer marker only starts the footer in the last part of the page (some sites put 分享到 on top too).
  const contentLines = lines.map((_, i) => i).filter((i) => trimmed(i) !== '');
  const footerFrom = contentLines[Math.floor(contentLines.length * 0.6)] ?? 0;
  let footer = false;
  for (let i = 0; i < lines.length; i++) {
    const t = trimmed(i);
    if (t === '') continue;
    const startsFooter = FOOTER_MARKER.test(t) && i >= footerFrom;
    if (footer && t.length <= 40) {
      remove(i, 'footer');
      continue;
    }
    if (BREADCRUMB_START.test(t) || (t.length <= 80 && BREADCRUMB_TRAIL.test(t))) {
      remove(i, 'breadcrumb');
    } else if (t.length <= 200 && LABEL_AT_START.test(t)) {
      readMetadataLine(lines[i], fields);
      remove(i, 'metadata');
    } else if (
      t.length <= 40 &&
      (FURNITURE_LINE.test(t) || FURNITURE_PREFIX.test(t) || PAGE_NUMBER.test(t))
    ) {
      if (startsFooter) footer = true;
      remove(i, 'page-furniture');
    } else if (t.length <= 40 && startsFooter) {
      footer = true;
      remove(i, 'footer');
    }
  }

  return {
    lines,
    removed,
    meta: {
      docNumber: pick(fields, PRIORITY.docNumber),
      issuer: pick(fields, PRIORITY.issuer),
      date: pick(fields, PRIORITY.date),
      title: pick(fields, PRIORITY.title),
      fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [comparable(k), v])),
    },
  };
}
