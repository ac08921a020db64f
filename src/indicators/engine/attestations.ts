/** Yes/no statements of the `attestations` table, indexed once per county. */
import { msg } from '../../common/i18n/catalog';
import type { AttestationRow, AttestedItem } from './county-data';
import type { AttestationEvidence, IndicatorResult, Verdict } from './evaluation.types';

export type AttestationIndex = ReadonlyMap<AttestedItem, readonly AttestationRow[]>;

export function indexAttestations(rows: readonly AttestationRow[]): AttestationIndex {
  const index = new Map<AttestedItem, AttestationRow[]>();
  for (const row of rows) {
    const list = index.get(row.indicator);
    if (list) list.push(row);
    else index.set(row.indicator, [row]);
  }
  return index;
}

export function evidenceOf(rows: readonly AttestationRow[]): AttestationEvidence[] {
  return rows.map((r) => ({
    item: r.indicator,
    value: r.value,
    evidence: r.evidence,
    attested_by: r.attested_by,
    attested_on: r.attested_on,
  }));
}

/**
 * A requirement stated by attestation: met when every statement says yes (several rows may cite several
 * documents), failed when any says no, undecided when none was made.
 */
export function attestedVerdict(index: AttestationIndex, item: AttestedItem): Verdict {
  const rows = index.get(item);
  if (!rows || rows.length === 0) return null;
  return rows.every((r) => r.value);
}

export function attestedIndicator(index: AttestationIndex, item: AttestedItem): IndicatorResult {
  const rows = index.get(item) ?? [];
  const passed = attestedVerdict(index, item);
  return {
    passed,
    value: passed,
    detail:
      passed === null
        ? `not attested (${item})`
        : `attested ${passed ? 'yes' : 'no'} (${rows.length} statement${rows.length > 1 ? 's' : ''})`,
    note:
      passed === null
        ? msg('indicators.note.not_attested')
        : msg(passed ? 'indicators.note.attested_yes' : 'indicators.note.attested_no', {
            count: rows.length,
          }),
    evidence: evidenceOf(rows),
  };
}
