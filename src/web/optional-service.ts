import type { Type } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';

/**
 * A provider of another feature module when that module is part of the application, else null. The web
 * module reads the indicators module's services this way instead of importing the module (it is a dynamic
 * module registered once with the process role; importing it again would create a second instance).
 */
export function optionalService<T>(moduleRef: ModuleRef, token: Type<T> | symbol): T | null {
  try {
    return moduleRef.get<T>(token, { strict: false });
  } catch {
    return null;
  }
}
