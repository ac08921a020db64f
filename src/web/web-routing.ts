/**
 * Pages live outside `/api`, but several share their path with an API route (`/items/:id` and
 * `/api/items/:id`, `/counties/:code/evaluations/:year` …). Excluding such paths from the global prefix
 * would move the API route too, so page controllers are mounted under one internal prefix that the global
 * prefix excludes (`/_pages/…`), and Fastify's `rewriteUrl` maps every browser path outside `/api` and
 * `/assets` onto it before routing. `request.originalUrl` keeps the address the browser asked for.
 */
export const PAGE_MOUNT = '_pages';

/** Global-prefix exclusions for the page mount (see app.factory.ts). */
export const PAGE_PREFIX_EXCLUDE = [PAGE_MOUNT, `${PAGE_MOUNT}/{*rest}`];

// `/favicon.ico`: browsers ask for it on their own (a PDF tab, the API docs), outside any page's <link rel=icon>.
const PASS_THROUGH = /^\/(?:api|assets|favicon\.ico)(?:[/?#]|$)/;

/** Browser URL → routed URL: `/` → `/_pages`, `/items?x=1` → `/_pages/items?x=1`; `/api/…`, `/assets/…` unchanged. */
export function pageUrlRewrite(url: string): string {
  if (PASS_THROUGH.test(url)) return url;
  if (url === '/' || url.startsWith('/?')) return `/${PAGE_MOUNT}${url.slice(1)}`;
  return `/${PAGE_MOUNT}${url.startsWith('/') ? '' : '/'}${url}`;
}

const BROWSER_URL = Symbol('duban:browser-url');

/** Fastify's `rewriteUrl`: remembers the browser URL on the raw request (see browserUrlOf), returns the routed one. */
export function rewritePageRequest(req: { url?: string }): string {
  const url = req.url ?? '/';
  (req as { [BROWSER_URL]?: string })[BROWSER_URL] = url;
  return pageUrlRewrite(url);
}

/** The address the browser asked for (before the page mount was prefixed). */
export const browserUrlOf = (raw: object, fallback: string): string =>
  (raw as { [BROWSER_URL]?: string })[BROWSER_URL] ?? fallback;

/** The browser path of a page route path as Nest registers it (`/_pages/items/:id` → `/items/:id`). */
export function browserPathOf(routePath: string): string {
  const stripped = routePath.replace(new RegExp(`^/?${PAGE_MOUNT}`), '');
  return stripped === '' ? '/' : stripped;
}

const SITE = 'http://duban.invalid';

/**
 * A `next=` target is followed only when it is a path on this site. It is read the way a browser reads a
 * Location (WHATWG URL: tabs and newlines dropped, `\` as `/`), so `/\t/evil.example` is `//evil.example` — another
 * host — and refused; what is followed is the parsed path, percent-encoded, so no header gets raw non-ASCII
 * or CR/LF. Sign-in and API paths are refused too (no loop back to the form, no JSON as a page).
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2000) return '/';
  let url: URL;
  try {
    url = new URL(next, SITE);
  } catch {
    return '/';
  }
  if (url.origin !== SITE || url.username || url.password) return '/';
  const target = `${url.pathname}${url.search}${url.hash}`;
  if (!target.startsWith('/') || target.startsWith('//')) return '/';
  if (/^\/(?:api|login)(?:[/?#]|$)/.test(target)) return '/';
  return target;
}
