import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { systemActor } from '../../src/audit/audit.service';
import { PlanImportService, PLANS_DIR } from '../../src/plans/plan-import.service';
import { TEST_PASSWORD, type TestApp } from '../support/test-app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS_DIR = join(__dirname, '..', '..', 'test-results');
export const VIEWPORT = { width: 1366, height: 768 };

/** Debian's Chromium, headless, without any network of its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function newPage(
  browser: Browser,
  baseURL: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: VIEWPORT, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

export async function signIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.click('button[type=submit]')]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) });
}

/** The XSS probe: an item title containing a script element. */
export const SCRIPT_TITLE = '灵武市2023年创建<script>window.__xss=1</script>优质均衡县';

/**
 * Imports seed 002 (银川) through PlanImportService, with the 灵武市 milestone's title replaced by
 * SCRIPT_TITLE so every page that shows it proves the escaping.
 */
export async function importYinchuanWithScriptTitle(t: TestApp): Promise<void> {
  const text = readFileSync(join(PLANS_DIR, 'yinchuan-2021.yaml'), 'utf8').replace(
    'title: 灵武市2023年创建义务教育优质均衡发展县',
    `title: "${SCRIPT_TITLE}"`,
  );
  const dir = join(tmpdir(), `duban-browser-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'yinchuan-2021.yaml');
  writeFileSync(file, text);
  await t.app.get(PlanImportService).importFile(file, { actor: systemActor('test:browser') });
}
