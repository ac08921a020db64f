/** The indicator engine: pure evaluation of county statistics against a rule set (no Nest, no IO). */
export * from './county-data';
export * from './evaluation.types';
export { evaluateCounty } from './evaluate-county';
export { apportionShares, weightedCv } from './resource-allocation';
export { INDICATOR_LABELS, type IndicatorLabel } from './indicator-labels';
export {
  classBand,
  classKey,
  classSizeOffenders,
  diffLedger,
  largeSchoolOffenders,
  schoolKey,
  type ClassBand,
  type LedgerDiff,
  type LedgerEntry,
  type LedgerInput,
  type LedgerKind,
} from './ledger';
export {
  parseRuleSet,
  RESOURCE_INDICATORS,
  ruleSetSchema,
  RuleSetError,
  type ResourceIndicator,
  type RuleSet,
  type TeachingPointPolicy,
  type TransitionalException,
} from './rule-set';
export { indicatorOutcome, type IndicatorOutcome, type OutcomeId } from './indicator-outcome';
export { formatNumber, formatPercent } from './verdict';
