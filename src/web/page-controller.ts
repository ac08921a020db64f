import { applyDecorators, Controller, SetMetadata, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PageErrorFilter } from './page-error.filter';
import { PAGE_MOUNT } from './web-routing';

/** Marks a controller as serving pages (the access matrix reads it to expect redirects, not 401s). */
export const PAGE_CONTROLLER = 'duban:page-controller';

/**
 * A controller of pages at `path` (browser path, '' for the root): mounted under the page mount, left out of
 * the OpenAPI document, and its errors rendered as pages (sign-in redirects, 403/404 pages).
 */
export const PageController = (path = ''): ClassDecorator =>
  applyDecorators(
    Controller(path ? `${PAGE_MOUNT}/${path}` : PAGE_MOUNT),
    SetMetadata(PAGE_CONTROLLER, true),
    UseFilters(PageErrorFilter),
    ApiExcludeController(),
  );
