import { Inject, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as path from 'node:path';
import type { Env } from '../config/env.schema';
import { projectPath } from '../config/paths';
import { loadRuleSet } from './rule-set.loader';

/**
 * The rule set every evaluation of this process uses, read once at start-up from INDICATOR_RULE_SET
 * (default config/indicators/2017.yaml): a province with a stricter standard points it at its own file.
 * An invalid file stops the start with every problem listed.
 */
export const RULE_SET = Symbol('indicators:rule-set');

export const ruleSetProvider: Provider = {
  provide: RULE_SET,
  inject: [ConfigService],
  useFactory: (config: ConfigService<Env, true>) => {
    const file = config.get('INDICATOR_RULE_SET', { infer: true });
    return loadRuleSet(path.isAbsolute(file) ? file : projectPath(file));
  },
};

export const InjectRuleSet = (): ParameterDecorator => Inject(RULE_SET);
