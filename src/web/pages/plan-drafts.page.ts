/**
 * Plan import from the official document: the list of drafts with the upload/paste form (`/plans/drafts`),
 * and the review page (`/plans/drafts/:id`) — the source text on the left with the selected item's excerpt
 * highlighted, the draft on the right (metadata, departments, items with confidence badges, the whole draft
 * as YAML to edit), 保存 / 发布 / 放弃.
 */
import type { ExtractionProvenance, FieldProvenance } from '../../extraction/extraction.types';
import { LOW_CONFIDENCE } from '../../extraction/extraction.types';
import type { PlanDraftDetail, PlanDraftSummary } from '../../extraction/plan-drafts.service';
import type { PlanFileItem } from '../../plans/plan-file.schema';
import { formatPercent } from '../../common/i18n/format';
import { labelOf } from '../../common/i18n/labels';
import { kindLabel, label, messageText } from '../components';
import { html, type SafeHtml } from '../html';
import { csrfField, layout } from '../layout';
import type { PageContext } from '../page-context';

const STATUS = (status: PlanDraftSummary['status']): [string, string] => [
  labelOf('zh-CN', 'draft_status', status),
  labelOf('en', 'draft_status', status),
];

/** `items[三.(五)].lead` → `三.(五) 牵头单位`; `doc_number` → `文号`: a path as the reader says it. */
function pathText(ctx: PageContext, path: string): string {
  const m = /^items\[([^\]]+)\]\.?(.*)$/.exec(path);
  if (!m) return fieldText(ctx, path);
  return m[2] ? `${m[1]} ${fieldText(ctx, m[2])}` : m[1];
}

/** A draft field (`lead`, `due.date`, `targets[0]`) by its label. */
const fieldText = (ctx: PageContext, field: string): string =>
  label(ctx, 'draft_field', field.replace(/[.[].*$/, '') || field);

export interface DraftListView {
  drafts: PlanDraftSummary[];
  done: string | null;
}

export function draftListPage(ctx: PageContext, view: DraftListView): SafeHtml {
  const body = html`<p class="sub">
      ${ctx.t(
        '上传实施方案原文（.txt / .docx）或粘贴文字，系统先生成草稿；核对、修改后发布，发布前不会创建任何任务。',
        'Upload the plan document (.txt / .docx) or paste its text: a draft is proposed; check it, edit it and publish it. Nothing is created before it is published.',
      )}
    </p>
    ${view.done === 'discarded' ? html`<div class="notice ok" role="status">${ctx.t('草稿已放弃。', 'The draft was discarded.')}</div>` : ''}
    <section class="panel">
      <h2>${ctx.t('新建草稿', 'New draft')}</h2>
      <form method="post" action="/plans/drafts" enctype="multipart/form-data" class="draft-upload">
        <label
          >${ctx.t('方案文件（.txt、.docx，20 MB 以内）', 'Plan file (.txt, .docx, up to 20 MB)')}
          <input type="file" name="file" accept=".txt,.docx,.htm,.html,text/plain"
        /></label>
        <label
          >${ctx.t('或粘贴方案全文', 'or paste the full text')}
          <textarea name="text" rows="8" placeholder="${ctx.t('一、总体要求……', '一、总体要求…')}"></textarea>
        </label>
        <label class="inline"
          >${ctx.t('名称（可选）', 'Name (optional)')}
          <input type="text" name="fileName" maxlength="200" style="width:260px"
        /></label>
        <button type="submit" class="primary">${ctx.t('识别并生成草稿', 'Read and propose a draft')}</button>
      </form>
    </section>
    <section class="panel">
      <h2>${ctx.t('草稿', 'Drafts')} <span class="count">${view.drafts.length}</span></h2>
      ${
        view.drafts.length === 0
          ? html`<p class="empty">${ctx.t('还没有草稿。', 'No drafts yet.')}</p>`
          : html`<table class="grid">
              <thead>
                <tr>
                  <th>${ctx.t('方案', 'Plan')}</th>
                  <th class="w-plan">${ctx.t('文件', 'File')}</th>
                  <th class="w-num">${ctx.t('条目', 'Items')}</th>
                  <th class="w-num">${ctx.t('待核对', 'To check')}</th>
                  <th class="w-status">${ctx.t('状态', 'Status')}</th>
                  <th class="w-date">${ctx.t('更新', 'Updated')}</th>
                </tr>
              </thead>
              <tbody>
                ${view.drafts.map(
                  (d) =>
                    html`<tr>
                      <td class="ellipsis"><a href="/plans/drafts/${d.id}">${d.title}</a></td>
                      <td class="ellipsis">${d.fileName}</td>
                      <td>${d.items}</td>
                      <td>
                        ${d.lowConfidence ? html`<span class="conf low">${d.lowConfidence}</span>` : '0'}
                      </td>
                      <td>
                        ${ctx.t(...STATUS(d.status))}
                        ${d.publishedPlanId ? html` · <a href="/items?plan=${d.publishedPlanId}">${ctx.t('任务', 'items')}</a>` : ''}
                      </td>
                      <td>${ctx.dateTime(d.updatedAt)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
  return layout(ctx, { title: ctx.t('方案导入', 'Plan import'), body });
}

export interface DraftReviewView {
  draft: PlanDraftDetail;
  /** the selected item's ref (`?item=`) */
  selected: string | null;
  /** the YAML in the editor: the stored draft, or what the user sent when it was refused */
  yaml: string;
  issues?: Array<{ path: string; message: string; line?: number }>;
  errorMessage?: string;
  done: string | null;
}

/** Full-width ASCII forms and the ideographic space folded to ASCII, one UTF-16 unit for one (same length). */
const fold = (text: string): string =>
  text.replace(/[\uff01-\uff5e\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );

/**
 * Where an excerpt is in the source text: exact up to full-width/half-width punctuation (the extractor
 * normalises （）：；), else where its first 40/20/10 characters are.
 */
export function findExcerpt(
  source: string,
  excerpt: string,
  from = 0,
): { start: number; end: number } | null {
  const wanted = fold(excerpt.trim());
  if (!wanted) return null;
  const folded = fold(source);
  for (const length of [wanted.length, 40, 20, 10]) {
    if (length > wanted.length) continue;
    const at = folded.indexOf(wanted.slice(0, length), from);
    if (at >= 0) return { start: at, end: at + length };
  }
  return null;
}

/**
 * The span of an item in the source: from its heading to the end of its excerpt when that follows closely
 * (an item's excerpt may be its body or its duty line), else the heading, else the excerpt alone.
 */
export function itemSpan(
  source: string,
  heading: string | undefined,
  excerpt: string | undefined,
): { start: number; end: number } | null {
  const head = heading ? findExcerpt(source, heading) : null;
  if (!head) return excerpt ? findExcerpt(source, excerpt) : null;
  const body = excerpt ? findExcerpt(source, excerpt, head.start) : null;
  if (body && body.start - head.end < 1500) return { start: head.start, end: Math.max(head.end, body.end) };
  return head;
}

interface FlatItem {
  item: PlanFileItem;
  depth: number;
}

function flatten(items: PlanFileItem[], depth = 0, out: FlatItem[] = []): FlatItem[] {
  for (const item of items) {
    out.push({ item, depth });
    flatten(item.children, depth + 1, out);
  }
  return out;
}

/** `items[三.(五)].lead` → ref `三.(五)`, field `lead`. */
function lowConfidenceByItem(provenance: ExtractionProvenance): Map<string, string[]> {
  const byRef = new Map<string, string[]>();
  for (const path of provenance.lowConfidence) {
    const m = /^items\[([^\]]+)\]\.?(.*)$/.exec(path);
    if (!m) continue;
    const list = byRef.get(m[1]) ?? [];
    list.push(m[2] || '—');
    byRef.set(m[1], list);
  }
  return byRef;
}

/** The confidence of a read value as a percentage (0.2 → 20%), the source words in its title. */
const confBadge = (field: string, p: FieldProvenance): SafeHtml =>
  html`<span class="conf ${p.confidence < LOW_CONFIDENCE ? 'low' : 'ok'}" title="${p.excerpt}"
    >${field ? `${field} ` : ''}${formatPercent(p.confidence)}</span
  >`;

function sourceColumn(
  ctx: PageContext,
  source: string,
  span: { start: number; end: number } | null,
  selected: boolean,
): SafeHtml {
  const text = span
    ? html`${source.slice(0, span.start)}<mark id="hl">${source.slice(span.start, span.end)}</mark
        >${source.slice(span.end)}`
    : html`${source}`;
  return html`<section class="panel draft-source">
    <h2>${ctx.t('原文', 'Source text')}</h2>
    ${selected && !span ? html`<p class="muted">${ctx.t('未在原文中定位到该条目的摘录。', 'The excerpt of this item was not found in the source.')}</p>` : ''}
    <pre class="source-text" id="src">${text}</pre>
  </section>`;
}

export function draftReviewPage(ctx: PageContext, view: DraftReviewView): SafeHtml {
  const d = view.draft;
  const plan = d.draft;
  const open = d.status === 'draft';
  const items = flatten(plan.items);
  const provByRef = new Map(d.provenance.items.map((p) => [p.ref, p]));
  const lowByRef = lowConfidenceByItem(d.provenance);
  const selected = items.find((f) => f.item.ref === view.selected)?.item ?? null;
  const selectedProv = selected ? provByRef.get(selected.ref) : undefined;
  const selectedExcerpt = selected ? selected.excerpt || selectedProv?.fields.title?.excerpt || null : null;
  const span = selected
    ? itemSpan(
        d.sourceText,
        selectedProv?.fields.number?.excerpt ?? selectedProv?.fields.title?.excerpt,
        selected.excerpt,
      )
    : null;
  const planLow = d.provenance.lowConfidence.filter((p) => !p.startsWith('items['));
  const itemLink = (ref: string) => `/plans/drafts/${d.id}?item=${encodeURIComponent(ref)}`;

  const notices = html`${view.done === 'saved' ? html`<div class="notice ok" role="status">${ctx.t('草稿已保存，校验通过。', 'Draft saved; it is a valid plan file.')}</div>` : ''}
  ${
    view.issues
      ? html`<div class="notice error" role="alert">
          <b
            >${view.errorMessage ?? ctx.t(`发现 ${view.issues.length} 处问题，未保存。`, `${view.issues.length} problem(s); nothing was saved.`)}</b
          >
          <ul class="issues">
            ${view.issues.map(
              (i) =>
                html`<li>
                  <code>${i.path || ctx.t('（整个文件）', '(document)')}</code
                  >${i.line ? html` <small>${ctx.t(`第 ${i.line} 行`, `line ${i.line}`)}</small>` : ''}:
                  ${i.message.replace(`${i.path}: `, '')}
                </li>`,
            )}
          </ul>
        </div>`
      : ''
  }
  ${!open ? html`<div class="notice info">${ctx.t(`此草稿${STATUS(d.status)[0]}。`, `This draft is ${STATUS(d.status)[1].toLowerCase()}.`)} ${d.publishedPlanId ? html`<a href="/items?plan=${d.publishedPlanId}">${ctx.t('查看任务清单', 'See the items')}</a>` : ''}</div>` : ''}`;

  // first of all: dates the rules could not read (or that fall before the issue date) and departments that
  // match nobody in the registry — the two things a published plan cannot be right without
  const DATE_CODES = new Set(['DATE_UNREAD', 'DEADLINE_BEFORE_ISSUE']);
  const dateWarnings = d.warnings.filter((w) => DATE_CODES.has(w.code));
  const otherWarnings = d.warnings.filter((w) => !DATE_CODES.has(w.code));
  const refAtLine = (line?: number) =>
    line ? d.provenance.items.find((p) => p.line === line)?.ref : undefined;
  const unresolved = plan.departments.filter((dep) => d.provenance.departments[dep.ref]?.status !== 'known');
  const leadChecks = d.provenance.lowConfidence.filter((p) => /\.(?:lead|cooperate)$/.test(p));
  const otherLow = d.provenance.lowConfidence.filter((p) => !leadChecks.includes(p));
  const firstChecks = html`${
    dateWarnings.length
      ? html`<h3 class="first-check">
            ${ctx.t('未能识别的期限', 'Dates not read')} <span class="count low">${dateWarnings.length}</span>
          </h3>
          <ul class="first-list dates-first">
            ${dateWarnings.map((w) => {
              const ref = refAtLine(w.line);
              const text = messageText(ctx, w.message);
              return html`<li>⚠ ${ref ? html`<a href="${itemLink(ref)}">${text}</a>` : text}</li>`;
            })}
          </ul>`
      : ''
  }
  ${
    unresolved.length || leadChecks.length
      ? html`<h3 class="first-check">
            ${ctx.t('未落实的责任单位', 'Departments not resolved')}
            <span class="count low">${unresolved.length + leadChecks.length}</span>
          </h3>
          <ul class="first-list departments-first">
            ${unresolved.map(
              (dep) =>
                html`<li>
                  ⚠ ${dep.name ?? dep.ref}
                  <small
                    >${ctx.t('系统中没有此单位，发布时将新建', 'not in the registry; created on publishing')}</small
                  >
                </li>`,
            )}
            ${leadChecks.map((p) => {
              const m = /^items\[([^\]]+)\]/.exec(p);
              return html`<li>
                ⚠ ${m ? html`<a href="${itemLink(m[1])}">${pathText(ctx, p)}</a>` : pathText(ctx, p)}
              </li>`;
            })}
          </ul>`
      : ''
  }`;

  const lowPanel = html`<section class="panel">
    <h2>
      ${ctx.t('待重点核对', 'Check first')}
      <span class="count ${d.provenance.lowConfidence.length || dateWarnings.length ? 'low' : ''}"
        >${d.provenance.lowConfidence.length + dateWarnings.length + unresolved.length}</span
      >
    </h2>
    ${firstChecks}
    ${
      otherLow.length
        ? html`<ul class="low-list">
            ${otherLow.map((p) => {
              const m = /^items\[([^\]]+)\]/.exec(p);
              return html`<li>
                ⚠ ${m ? html`<a href="${itemLink(m[1])}">${pathText(ctx, p)}</a>` : pathText(ctx, p)}
              </li>`;
            })}
          </ul>`
        : dateWarnings.length || unresolved.length || leadChecks.length
          ? ''
          : html`<p class="empty">${ctx.t('没有低置信度字段。', 'No low-confidence fields.')}</p>`
    }
    ${
      otherWarnings.length
        ? html`<ul class="notes">
            ${otherWarnings.map((w) => html`<li data-code="${w.code}"><small>${label(ctx, 'extraction_warning', w.code)}${w.line ? ctx.t(`（第 ${w.line} 行）`, ` (line ${w.line})`) : ''}</small> ${messageText(ctx, w.message.split('\n')[0])}</li>`)}
          </ul>`
        : ''
    }
  </section>`;

  const metaRow = (label: string, field: string, value: string | null) => {
    const p = d.provenance.plan[field];
    return html`<dt>${label}</dt>
      <dd>
        ${value ?? '—'} ${p ? confBadge('', p) : ''}
        ${planLow.includes(field) ? html`<b class="warn-text">⚠</b>` : ''}
      </dd>`;
  };
  const metaPanel = html`<section class="panel">
    <h2>${ctx.t('方案信息', 'Plan')}</h2>
    <dl class="facts">
      ${metaRow(ctx.t('标题', 'Title'), 'title', plan.title)}
      ${metaRow(ctx.t('文号', 'Doc. no.'), 'doc_number', plan.doc_number)}
      ${metaRow(ctx.t('发文机关', 'Issuer'), 'issuer', plan.issuer)}
      ${metaRow(ctx.t('印发日期', 'Issued'), 'issued_on', plan.issued_on ? ctx.date(plan.issued_on) : null)}
      ${metaRow(ctx.t('依据文件', 'Implements'), 'implements', plan.implements.join('、') || null)}
      <dt>${ctx.t('地区', 'Region')}</dt>
      <dd>${plan.region}</dd>
      <dt>${ctx.t('标识', 'Key')}</dt>
      <dd><code>${plan.key}</code></dd>
    </dl>
  </section>`;

  const deptPanel = html`<section class="panel">
    <h2>${ctx.t('责任单位', 'Departments')} <span class="count">${plan.departments.length}</span></h2>
    <div class="dept-chips">
      ${plan.departments.map((dep) => {
        const p = d.provenance.departments[dep.ref];
        return html`<span class="chip" title="${p?.excerpt ?? ''}"
          >${dep.name ?? dep.ref}${p ? html` <small>${p.status === 'known' ? ctx.t('已有', 'known') : ctx.t('新建', 'new')}</small>` : ''}</span
        >`;
      })}
    </div>
  </section>`;

  const itemCard = selected
    ? html`<section class="panel item-card" id="item-card">
        <h2>
          ${selected.number} ${selected.title}
          <small>${kindLabel(ctx, selected.kind)} · ${selected.ref}</small>
        </h2>
        <blockquote class="excerpt">${selectedExcerpt ?? ''}</blockquote>
        <table class="grid prov">
          <thead>
            <tr>
              <th class="w-status">${ctx.t('字段', 'Field')}</th>
              <th class="w-num">${ctx.t('置信度', 'Conf.')}</th>
              <th>${ctx.t('摘录', 'Excerpt')}</th>
            </tr>
          </thead>
          <tbody>
            ${Object.entries(selectedProv?.fields ?? {}).map(
              ([field, p]) =>
                html`<tr class="${p.confidence < LOW_CONFIDENCE ? 'low-row' : ''}">
                  <td>${fieldText(ctx, field)}</td>
                  <td>${confBadge('', p)}</td>
                  <td class="ellipsis" title="${p.excerpt}">${p.excerpt}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        <p>
          ${ctx.t('牵头', 'Lead')}: ${selected.lead.join('、') || '—'} · ${ctx.t('配合', 'Cooperating')}:
          ${selected.cooperate.join('、') || '—'} · ${ctx.t('期限', 'Due')}:
          ${selected.due ? `${ctx.date(selected.due.date)}（${selected.due.text}）` : '—'}
        </p>
      </section>`
    : '';

  const itemsPanel = html`<section class="panel">
    <h2>${ctx.t('条目', 'Items')} <span class="count">${items.length}</span></h2>
    <ol class="draft-items">
      ${items.map(({ item, depth }) => {
        const low = lowByRef.get(item.ref) ?? [];
        return html`<li
          class="d${Math.min(depth, 4)} ${item.ref === view.selected ? 'selected' : ''} ${low.length ? 'has-low' : ''}"
        >
          <a href="${itemLink(item.ref)}"><b>${item.number}</b> ${item.title}</a>
          <small
            >${kindLabel(ctx, item.kind)}${item.lead.length ? ` · ${ctx.t('牵头', 'lead')} ${item.lead.join('、')}` : ''}${item.due ? ` · ${ctx.date(item.due.date)}` : ''}</small
          >
          ${low.length ? html`<span class="conf low" title="${ctx.t('低置信度字段', 'low-confidence fields')}">⚠ ${low.map((f) => (f === '—' ? f : fieldText(ctx, f))).join('、')}</span>` : ''}
        </li>`;
      })}
    </ol>
  </section>`;

  const editor = html`<section class="panel" id="editor">
    <h2>${ctx.t('编辑草稿（YAML）', 'Edit the draft (YAML)')}</h2>
    <p class="muted">
      ${ctx.t(
        '整份草稿为 YAML；以 # 开头的说明行不会保存。保存时按方案文件格式校验，问题会连同位置一起列出。',
        'The whole draft as YAML; comment lines (#) are not kept. Saving validates it as a plan file and lists every problem with its path.',
      )}
    </p>
    <form method="post" action="/plans/drafts/${d.id}" class="draft-edit">
      ${csrfField(ctx)}
      <input type="hidden" name="version" value="${d.version}" />
      <textarea name="yaml" rows="24" spellcheck="false" ${open ? '' : 'readonly'}>${view.yaml}</textarea>
      ${open ? html`<button type="submit" class="primary">${ctx.t('保存', 'Save')}</button>` : ''}
    </form>
    ${
      open
        ? html`<div class="draft-actions">
            <form
              method="post"
              action="/plans/drafts/${d.id}/publish"
              class="inline"
              data-confirm="${ctx.t('发布后将按此草稿创建方案和任务，确定发布？', 'Publishing creates the plan and its items from this draft. Publish?')}"
            >
              ${csrfField(ctx)}
              <label class="inline"
                ><input type="checkbox" name="update" value="true" />
                ${ctx.t('如方案已存在则更新', 'update the plan if it exists')}</label
              >
              <button type="submit" class="primary">${ctx.t('发布', 'Publish')}</button>
            </form>
            <form
              method="post"
              action="/plans/drafts/${d.id}/discard"
              class="inline"
              data-confirm="${ctx.t('确定放弃此草稿？', 'Discard this draft?')}"
            >
              ${csrfField(ctx)}
              <button type="submit" class="danger">${ctx.t('放弃', 'Discard')}</button>
            </form>
          </div>`
        : ''
    }
  </section>`;

  const body = html`<p class="sub">
      ${d.fileName} · ${ctx.t(...STATUS(d.status))} · ${ctx.t('版本', 'version')} ${d.version} ·
      <a href="/plans/drafts">${ctx.t('返回草稿列表', 'All drafts')}</a>
    </p>
    ${notices}
    <div class="draft-review">
      <div class="draft-left">${sourceColumn(ctx, d.sourceText, span, selected !== null)}</div>
      <div class="draft-right">${lowPanel} ${itemCard} ${metaPanel} ${deptPanel} ${itemsPanel} ${editor}</div>
    </div>`;
  return layout(ctx, {
    title: ctx.t(`核对草稿：${plan.title}`, `Review draft: ${plan.title}`),
    body,
    wide: true,
  });
}
