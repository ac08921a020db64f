import { browserPathOf, pageUrlRewrite, safeNext } from './web-routing';

describe('page routing', () => {
  it('maps browser paths onto the page mount and leaves the API and assets alone', () => {
    expect(pageUrlRewrite('/')).toBe('/_pages');
    expect(pageUrlRewrite('/?lang=en')).toBe('/_pages?lang=en');
    expect(pageUrlRewrite('/items/1?x=2')).toBe('/_pages/items/1?x=2');
    expect(pageUrlRewrite('/api/items/1')).toBe('/api/items/1');
    expect(pageUrlRewrite('/api')).toBe('/api');
    expect(pageUrlRewrite('/assets/app.css')).toBe('/assets/app.css');
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
  });
});
