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
import { kindLabel, label, messageText } from '../components';
import { html, type SafeHtml } from '../html';
import { csrfField, layout } from '../layout';
import type { PageContext } from '../page-context';

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
  const body = html`<p class="sub">${ctx.msg('drafts.list_intro')}</p>
    ${view.done === 'discarded' ? html`<div class="notice ok" role="status">${ctx.msg('drafts.discarded_notice')}</div>` : ''}
    <section class="panel">
      <h2>${ctx.msg('drafts.new_draft_heading')}</h2>
      <form method="post" action="/plans/drafts" enctype="multipart/form-data" class="draft-upload">
        <label
          >${ctx.msg('drafts.plan_file_label')}
          <input type="file" name="file" accept=".txt,.docx,.htm,.html,text/plain"
        /></label>
        <label
          >${ctx.msg('drafts.paste_text_label')}
          <textarea
            name="text"
            rows="8"
            placeholder="${ctx.msg('drafts.paste_text_placeholder', { example: '一、总体要求' })}"
          ></textarea>
        </label>
        <label class="inline"
          >${ctx.msg('drafts.name_optional_label')}
          <input type="text" name="fileName" maxlength="200" style="width:260px"
        /></label>
        <button type="submit" class="primary">${ctx.msg('drafts.read_and_propose_button')}</button>
      </form>
    </section>
    <section class="panel">
      <h2>${ctx.msg('drafts.drafts_heading')} <span class="count">${view.drafts.length}</span></h2>
      ${
        view.drafts.length === 0
          ? html`<p class="empty">${ctx.msg('drafts.no_drafts')}</p>`
          : html`<table class="grid">
              <thead>
                <tr>
                  <th>${ctx.msg('drafts.plan_column')}</th>
                  <th class="w-plan">${ctx.msg('drafts.file_column')}</th>
                  <th class="w-num">${ctx.msg('drafts.items_column')}</th>
                  <th class="w-num">${ctx.msg('drafts.to_check_column')}</th>
                  <th class="w-status">${ctx.msg('drafts.status_column')}</th>
                  <th class="w-date">${ctx.msg('drafts.updated_column')}</th>
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
                        ${label(ctx, 'draft_status', d.status)}
                        ${d.publishedPlanId ? html` · <a href="/items?plan=${d.publishedPlanId}">${ctx.msg('drafts.published_items_link')}</a>` : ''}
                      </td>
                      <td>${ctx.dateTime(d.updatedAt)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
  return layout(ctx, { title: ctx.msg('drafts.list_title'), body });
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
    <h2>${ctx.msg('drafts.source_heading')}</h2>
    ${selected && !span ? html`<p class="muted">${ctx.msg('drafts.excerpt_not_found')}</p>` : ''}
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

  const notices = html`${view.done === 'saved' ? html`<div class="notice ok" role="status">${ctx.msg('drafts.saved_notice')}</div>` : ''}
  ${
    view.issues
      ? html`<div class="notice error" role="alert">
          <b>${view.errorMessage ?? ctx.msg('drafts.problems_not_saved', { count: view.issues.length })}</b>
          <ul class="issues">
            ${view.issues.map(
              (i) =>
                html`<li>
                  <code>${i.path || ctx.msg('drafts.whole_document_path')}</code
                  >${i.line ? html` <small>${ctx.msg('drafts.issue_line', { line: i.line })}</small>` : ''}:
                  ${i.message.replace(`${i.path}: `, '')}
                </li>`,
            )}
          </ul>
        </div>`
      : ''
  }
  ${!open ? html`<div class="notice info">${ctx.msg('drafts.draft_status_notice', { status: label(ctx, 'draft_status', d.status).toLowerCase() })} ${d.publishedPlanId ? html`<a href="/items?plan=${d.publishedPlanId}">${ctx.msg('drafts.see_items_link')}</a>` : ''}</div>` : ''}`;

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
            ${ctx.msg('drafts.dates_not_read_heading')} <span class="count low">${dateWarnings.length}</span>
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
            ${ctx.msg('drafts.departments_not_resolved_heading')}
            <span class="count low">${unresolved.length + leadChecks.length}</span>
          </h3>
          <ul class="first-list departments-first">
            ${unresolved.map(
              (dep) =>
                html`<li>
                  ⚠ ${dep.name ?? dep.ref}
                  <small>${ctx.msg('drafts.department_not_in_registry')}</small>
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
      ${ctx.msg('drafts.check_first_heading')}
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
          : html`<p class="empty">${ctx.msg('drafts.no_low_confidence_fields')}</p>`
    }
    ${
      otherWarnings.length
        ? html`<ul class="notes">
            ${otherWarnings.map((w) => html`<li data-code="${w.code}"><small>${label(ctx, 'extraction_warning', w.code)}${w.line ? ctx.msg('drafts.warning_line', { line: w.line }) : ''}</small> ${messageText(ctx, w.message.split('\n')[0])}</li>`)}
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
    <h2>${ctx.msg('drafts.plan_info_heading')}</h2>
    <dl class="facts">
      ${metaRow(ctx.msg('drafts.plan_title_label'), 'title', plan.title)}
      ${metaRow(ctx.msg('drafts.doc_number_label'), 'doc_number', plan.doc_number)}
      ${metaRow(ctx.msg('drafts.issuer_label'), 'issuer', plan.issuer)}
      ${metaRow(ctx.msg('drafts.issued_on_label'), 'issued_on', plan.issued_on ? ctx.date(plan.issued_on) : null)}
      ${metaRow(ctx.msg('drafts.implements_label'), 'implements', plan.implements.join('、') || null)}
      <dt>${ctx.msg('drafts.region_label')}</dt>
      <dd>${plan.region}</dd>
      <dt>${ctx.msg('drafts.plan_key_label')}</dt>
      <dd><code>${plan.key}</code></dd>
    </dl>
  </section>`;

  const deptPanel = html`<section class="panel">
    <h2>${ctx.msg('drafts.departments_heading')} <span class="count">${plan.departments.length}</span></h2>
    <div class="dept-chips">
      ${plan.departments.map((dep) => {
        const p = d.provenance.departments[dep.ref];
        return html`<span class="chip" title="${p?.excerpt ?? ''}"
          >${dep.name ?? dep.ref}${p ? html` <small>${p.status === 'known' ? ctx.msg('drafts.department_known') : ctx.msg('drafts.department_new')}</small>` : ''}</span
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
              <th class="w-status">${ctx.msg('drafts.field_column')}</th>
              <th class="w-num">${ctx.msg('drafts.confidence_column')}</th>
              <th>${ctx.msg('drafts.excerpt_column')}</th>
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
          ${label(ctx, 'assignment_role', 'lead')}: ${selected.lead.join('、') || '—'} ·
          ${label(ctx, 'assignment_role', 'cooperate')}: ${selected.cooperate.join('、') || '—'} ·
          ${ctx.msg('drafts.item_due_label')}:
          ${selected.due ? `${ctx.date(selected.due.date)}（${selected.due.text}）` : '—'}
        </p>
      </section>`
    : '';

  const itemsPanel = html`<section class="panel">
    <h2>${ctx.msg('drafts.items_heading')} <span class="count">${items.length}</span></h2>
    <ol class="draft-items">
      ${items.map(({ item, depth }) => {
        const low = lowByRef.get(item.ref) ?? [];
        return html`<li
          class="d${Math.min(depth, 4)} ${item.ref === view.selected ? 'selected' : ''} ${low.length ? 'has-low' : ''}"
        >
          <a href="${itemLink(item.ref)}"><b>${item.number}</b> ${item.title}</a>
          <small
            >${kindLabel(ctx, item.kind)}${item.lead.length ? ` · ${ctx.msg('drafts.item_list_lead')} ${item.lead.join('、')}` : ''}${item.due ? ` · ${ctx.date(item.due.date)}` : ''}</small
          >
          ${low.length ? html`<span class="conf low" title="${ctx.msg('drafts.low_confidence_fields_title')}">⚠ ${low.map((f) => (f === '—' ? f : fieldText(ctx, f))).join('、')}</span>` : ''}
        </li>`;
      })}
    </ol>
  </section>`;

  const editor = html`<section class="panel" id="editor">
    <h2>${ctx.msg('drafts.edit_yaml_heading')}</h2>
    <p class="muted">${ctx.msg('drafts.edit_yaml_help')}</p>
    <form method="post" action="/plans/drafts/${d.id}" class="draft-edit">
      ${csrfField(ctx)}
      <input type="hidden" name="version" value="${d.version}" />
      <textarea name="yaml" rows="24" spellcheck="false" ${open ? '' : 'readonly'}>${view.yaml}</textarea>
      ${open ? html`<button type="submit" class="primary">${ctx.msg('drafts.save_button')}</button>` : ''}
    </form>
    ${
      open
        ? html`<div class="draft-actions">
            <form
              method="post"
              action="/plans/drafts/${d.id}/publish"
              class="inline"
              data-confirm="${ctx.msg('drafts.publish_confirm')}"
            >
              ${csrfField(ctx)}
              <label class="inline"
                ><input type="checkbox" name="update" value="true" />
                ${ctx.msg('drafts.update_existing_plan_label')}</label
              >
              <button type="submit" class="primary">${ctx.msg('drafts.publish_button')}</button>
            </form>
            <form
              method="post"
              action="/plans/drafts/${d.id}/discard"
              class="inline"
              data-confirm="${ctx.msg('drafts.discard_confirm')}"
            >
              ${csrfField(ctx)}
              <button type="submit" class="danger">${ctx.msg('drafts.discard_button')}</button>
            </form>
          </div>`
        : ''
    }
  </section>`;

  const body = html`<p class="sub">
      ${d.fileName} · ${label(ctx, 'draft_status', d.status)} · ${ctx.msg('drafts.version_label')}
      ${d.version} ·
      <a href="/plans/drafts">${ctx.msg('drafts.all_drafts_link')}</a>
    </p>
    ${notices}
    <div class="draft-review">
      <div class="draft-left">${sourceColumn(ctx, d.sourceText, span, selected !== null)}</div>
      <div class="draft-right">${lowPanel} ${itemCard} ${metaPanel} ${deptPanel} ${itemsPanel} ${editor}</div>
    </div>`;
  return layout(ctx, {
    title: ctx.msg('drafts.review_title', { title: plan.title }),
    body,
    wide: true,
  });
}
