import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { PAGE_CONTROLLER } from '../../src/web/page-controller';
import { browserPathOf } from '../../src/web/web-routing';
import type { TestApp } from './test-app';

export interface Route {
  method: string;
  path: string;
  /** a web page: errors are pages, anonymous visitors are redirected to /login */
  page: boolean;
}

/** Every controller route the application registered, read from Nest's metadata. */
export function discoverRoutes(t: TestApp): Route[] {
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      const page = Reflect.getMetadata(PAGE_CONTROLLER, type) === true;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const joined = [base, path]
          .map((p) => p.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/');
        const full = page ? browserPathOf(`/${joined}`) : `/api/${joined}`;
        routes.push({ method: RequestMethod[method], path: full, page });
      }
    }
  }
  return routes;
}
