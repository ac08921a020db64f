import { browserPathOf, pageUrlRewrite, safeNext } from './web-routing';

describe('page routing', () => {
  it('maps browser paths onto the page mount and leaves the API and assets alone', () => {
    expect(pageUrlRewrite('/')).toBe('/_pages');
    expect(pageUrlRewrite('/?lang=en')).toBe('/_pages?lang=en');
    expect(pageUrlRewrite('/items/1?x=2')).toBe('/_pages/items/1?x=2');
    expect(pageUrlRewrite('/api/items/1')).toBe('/api/items/1');
    expect(pageUrlRewrite('/api')).toBe('/api');
    expect(pageUrlRewrite('/assets/app.css')).toBe('/assets/app.css');
    expect(pageUrlRewrite('/favicon.ico')).toBe('/favicon.ico');
    expect(pageUrlRewrite('/apis')).toBe('/_pages/apis');
    // the mount itself is not reachable directly
    expect(pageUrlRewrite('/_pages/items')).toBe('/_pages/_pages/items');
  });

  it('names page routes by their browser path', () => {
    expect(browserPathOf('/_pages')).toBe('/');
    expect(browserPathOf('/_pages/items/:id')).toBe('/items/:id');
  });

  it('follows only local next= targets', () => {
    expect(safeNext('/items/1?x=1')).toBe('/items/1?x=1');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/login?next=/x')).toBe('/');
    expect(safeNext(undefined)).toBe('/');
    // Read as a browser reads a Location: tab and newline are dropped, `\` is `/`.
    expect(safeNext('/\t/evil.example')).toBe('/');
    expect(safeNext('/\n/evil.example')).toBe('/');
    expect(safeNext('/\\/evil.example')).toBe('/');
    expect(safeNext('/%09/evil.example')).toBe('/%09/evil.example'); // a path segment on this site, not a host
    // Never a raw non-ASCII or CR/LF byte in the header.
    expect(safeNext('/items?q=大班额')).toBe('/items?q=%E5%A4%A7%E7%8F%AD%E9%A2%9D');
    expect(safeNext('/items\r\nSet-Cookie: x=1')).toBe('/itemsSet-Cookie:%20x=1');
  });
});
