/**
 * Writes an extraction result as a plan-file YAML draft: the plan in the order of config/plans/README.md,
 * preceded by a comment that says where it came from, lists the fields to check first (low confidence)
 * and the warnings. `parsePlanFile` accepts the output.
 */
import { stringify } from 'yaml';
import type { PlanFile, PlanFileDepartment, PlanFileItem } from '../plans/plan-file.schema';
import { countPlanItems } from '../plans/plan-file.schema';
import type { ExtractionResult } from './plan-extractor';

function orderedItem(item: PlanFileItem): Record<string, unknown> {
  return {
    ref: item.ref,
    number: item.number,
    kind: item.kind,
    title: item.title,
    excerpt: item.excerpt,
    ...(item.start ? { start: item.start } : {}),
    ...(item.due ? { due: item.due } : {}),
    ...(item.recurrence ? { recurrence: item.recurrence } : {}),
    ...(item.indicator ? { indicator: item.indicator } : {}),
    lead: item.lead,
    ...(item.cooperate.length ? { cooperate: item.cooperate } : {}),
    ...(item.targets.length ? { targets: item.targets } : {}),
    ...(item.children.length ? { children: item.children.map(orderedItem) } : {}),
  };
}

function orderedDepartment(d: PlanFileDepartment): Record<string, unknown> {
  return {
    ref: d.ref,
    ...(d.name ? { name: d.name } : {}),
    region: d.region,
    ...(d.expand ? { expand: d.expand } : {}),
    ...(d.aliases.length ? { aliases: d.aliases } : {}),
  };
}

function orderedPlan(plan: PlanFile): Record<string, unknown> {
  return {
    schema: plan.schema,
    key: plan.key,
    title: plan.title,
    doc_number: plan.doc_number,
    issuer: plan.issuer,
    issued_on: plan.issued_on,
    region: plan.region,
    implements: plan.implements,
    source: plan.source,
    departments: plan.departments.map(orderedDepartment),
    ...(plan.leadership_group ? { leadership_group: plan.leadership_group } : {}),
    items: plan.items.map(orderedItem),
  };
}

const comment = (text: string) =>
  text
    .split('\n')
    .map((l) => `# ${l}`.trimEnd())
    .join('\n');

/** The draft as YAML, with a header comment listing low-confidence fields and warnings. */
export function renderDraftYaml(result: ExtractionResult): string {
  const { draft, provenance, warnings } = result;
  const counts = countPlanItems(draft);
  const kinds = Object.entries(counts.byKind)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const proposed = Object.values(provenance.departments).filter((d) => d.status === 'proposed').length;
  const known = Object.values(provenance.departments).length - proposed;
  const header = [
    `DRAFT proposed by \`plans:extract\` from ${draft.source.file} (${draft.source.script}) — 草稿，请核对后再导入。`,
    `Check it against the source, fix what is wrong, then \`npm run cli -- plans:import FILE\`.`,
    `Items: ${counts.total} (${kinds}); departments: ${draft.departments.length} (${known} known, ${proposed} proposed as new).`,
    '',
    provenance.lowConfidence.length
      ? `Low-confidence fields (confidence < 0.6) — 请重点核对:\n${provenance.lowConfidence.map((f) => `  - ${f}`).join('\n')}`
      : 'Low-confidence fields: none.',
    ...(warnings.length
      ? [
          '',
          `Warnings:\n${warnings.map((w) => `  - ${w.code}${w.line ? ` (line ${w.line})` : ''}: ${w.message.split('\n')[0]}`).join('\n')}`,
        ]
      : []),
  ].join('\n');
  return `${comment(header)}\n\n${stringify(orderedPlan(draft), { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
