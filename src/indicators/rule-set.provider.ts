import { Inject, type Provider } from '@nestjs/common';
import { loadRuleSet } from './rule-set.loader';

/** The rule set every evaluation of this process uses (config/indicators/2017.yaml), read once at start-up. */
export const RULE_SET = Symbol('indicators:rule-set');

export const ruleSetProvider: Provider = { provide: RULE_SET, useFactory: () => loadRuleSet() };

export const InjectRuleSet = (): ParameterDecorator => Inject(RULE_SET);
