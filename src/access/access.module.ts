import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { PlanScope } from './plan-scope';

/**
 * The scope rule for every module (global). The composition root hands in the modules that provide
 * RegionTree and DepartmentDirectory, so nothing in src/access imports a module above it.
 */
@Module({})
export class AccessModule {
  static forRoot(options: { organisation: NonNullable<ModuleMetadata['imports']> }): DynamicModule {
    return {
      global: true,
      module: AccessModule,
      imports: options.organisation,
      providers: [PlanScope],
      exports: [PlanScope],
    };
  }
}
