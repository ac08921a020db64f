/** Veto items (一票否决), indicators.md §6: any one attested "yes" blocks certification. */
import { evidenceOf, type AttestationIndex } from './attestations';
import { VETO_ITEMS, type VetoItem, type VetoItemResult, type VetoResult } from './evaluation.types';
import { INDICATOR_LABELS } from './indicator-labels';
import { allPass } from './verdict';

export function evaluateVeto(attestations: AttestationIndex): VetoResult {
  const items = {} as Record<VetoItem, VetoItemResult>;
  const triggered: VetoItem[] = [];
  for (const id of VETO_ITEMS) {
    const rows = attestations.get(id) ?? [];
    // The statement is "this happened": one yes among several statements is enough.
    const hit = rows.length === 0 ? null : rows.some((r) => r.value);
    if (hit) triggered.push(id);
    items[id] = { triggered: hit, label_zh: INDICATOR_LABELS[id].zh, evidence: evidenceOf(rows) };
  }
  return {
    triggered,
    items,
    passed: allPass(VETO_ITEMS.map((id) => (items[id].triggered === null ? null : !items[id].triggered))),
  };
}
