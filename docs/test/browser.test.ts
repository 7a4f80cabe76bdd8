/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate callbacks run in the page: they use the DOM.)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AUTHORIZER_SCHEME, listOperations, loadSpec, resourceServerOf } from '@org/products-contract';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_DIR, PUBLIC_SPEC } from './paths.ts';
import { serveStatic } from './static-server.ts';

// Debian's Chromium (`apt-get install chromium`; .ci/run installs it), never a downloaded one.
const CHROMIUM = '/usr/bin/chromium';
const spec = loadSpec();
const publicSpec = loadSpec(PUBLIC_SPEC);
const server = resourceServerOf(spec);
/** The tag every operation sits under, and the title the menu must show for it. */
const tag = (spec.tags as { name: string; 'x-displayName'?: string; description?: string }[])[0]!;
/** The name the public spec gives the Cognito scheme (the one Redoc shows). */
const publicScheme = Object.keys(publicSpec.components?.securitySchemes ?? {})[0]!;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Cuts a page off from everything but `origin` (and data: URIs), recording each request it tried
 * to make elsewhere and each console error or uncaught exception. The probe test runs this very
 * function on a page that misbehaves on purpose, so the page's clean record cannot be a blind spot.
 */
async function isolate(page: Page, origin: string): Promise<{ offsite: string[]; consoleErrors: string[] }> {
  const offsite: string[] = [];
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
  const isSameOrigin = (url: string) => url === origin || url.startsWith(`${origin}/`) || url.startsWith('data:');
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (isSameOrigin(url)) return route.continue();
    offsite.push(url);
    return route.abort('blockedbyclient');
  });
  return { offsite, consoleErrors };
}

describe('the docs page in headless Chromium, with the network cut off', () => {
  let browser: Browser;
  let page: Page;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  /** Every request the page tried to make outside its own origin (all of them aborted), and every console error. */
  let record: Awaited<ReturnType<typeof isolate>>;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
    site = await serveStatic(DIST_DIR);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // Fail a missing element within the test's time, not at the test timeout.
    page.setDefaultTimeout(8_000);
    record = await isolate(page, site.origin);
    await page.goto(`${site.origin}/`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: String(spec.info.title) }).first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("opens the operations' group on load, titled as the tag's display name, with every operation's summary", async () => {
    // Before any click: a newcomer sees the operations without looking for them.
    expect(tag['x-displayName'], 'openapi.yaml gives the tag a display name').toMatch(/^[A-Z]/);
    const group = page.locator('.menu-item-type-group', { has: page.locator('[data-testid="menu-item-label"]', { hasText: new RegExp(`^${escape(tag['x-displayName']!)}$`) }) });
    await expect.poll(() => group.count()).toBe(1);
    expect(await page.locator('[data-testid="menu-item-label"]', { hasText: new RegExp(`^${escape(tag.name)}$`) }).count(), 'no lowercase tag name').toBe(0);
    for (const op of listOperations(spec)) {
      const item = group.locator('.menu-item-type-operation', { hasText: String(op.raw.summary) });
      expect(await item.isVisible(), `${op.operationId} is listed open`).toBe(true);
      expect((await item.boundingBox())?.height ?? 0, `${op.operationId} has room on screen`).toBeGreaterThan(10);
    }
  });

  /** How each code of a table column is laid out: its text, its line boxes, and whether it fits its cell. */
  const codeCells = (heading: string, column: number) =>
    page.evaluate(
      ([heading, column]) => {
        const title = [...document.querySelectorAll('#api-content h1, #api-content h2, #api-content h3')].find((h) => h.textContent?.trim() === heading);
        const table = title ? (document.evaluate('following::table[1]', title, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue as HTMLTableElement | null) : null;
        if (!table) return null;
        return {
          overflow: table.scrollWidth - (table.parentElement?.clientWidth ?? table.scrollWidth),
          cells: [...table.querySelectorAll('tbody tr')].map((row) => {
            const cell = row.children[column] as HTMLElement;
            const code = cell.querySelector('code');
            return { text: code?.textContent ?? '', lines: code?.getClientRects().length ?? 0, fits: !!code && code.getBoundingClientRect().right <= cell.getBoundingClientRect().right + 0.5 };
          }),
        };
      },
      [heading, column] as const,
    );

  it.each([
    ['Error codes', 0, 'screenshot-errors.png'],
    ['Errors from the gateway', 1, 'screenshot-gateway-errors.png'],
  ] as const)('keeps every code of the "%s" table on one line, inside its cell (measured)', async (heading, column, shot) => {
    const shown = await codeCells(heading, column);
    // For a reader of the test's output: the table as Chromium laid it out.
    await page.locator('h2', { hasText: new RegExp(`^${escape(heading)}$`) }).first().evaluate((h) => h.scrollIntoView());
    await page.screenshot({ path: join(DIST_DIR, shot) });
    expect(shown, `a table under "${heading}"`).not.toBeNull();
    expect(shown!.cells.length).toBeGreaterThan(0);
    for (const cell of shown!.cells) expect(cell, cell.text).toEqual({ text: expect.stringMatching(/^[a-z_]+$/), lines: 1, fits: true });
    expect(shown!.overflow, 'the table fits its column').toBeLessThanOrEqual(0);
  });

  it('would see a code broken over two lines (the measure above can fail)', async () => {
    // Redoc's own rule for inline code (break anywhere), in a box as narrow as the old code column.
    const lines = await page.evaluate(() => {
      const box = document.createElement('div');
      box.innerHTML = '<code style="overflow-wrap:break-word;word-break:break-word">validation_error</code>';
      box.style.width = '60px';
      document.body.append(box);
      const count = box.querySelector('code')!.getClientRects().length;
      box.remove();
      return count;
    });
    expect(lines).toBeGreaterThan(1);
  });

  it('names neither the internal security scheme nor a placeholder contact URL anywhere in the page', async () => {
    // Each operation's security line is checked below, once the operation is on screen.
    expect(publicScheme).not.toBe(AUTHORIZER_SCHEME);
    const html = await page.content();
    expect(html).not.toContain(AUTHORIZER_SCHEME);
    expect(html).not.toContain('github.com/org/');
  });

  it('renders the guide: authentication with the token URL and the scope table, and the error catalogue', async () => {
    const text = await page.locator('#api-content').innerText();
    for (const heading of ['Authentication', 'Scopes per operation', 'When the API answers 401', 'Cache your tokens', 'Errors']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain(server.tokenUrl);
    for (const op of listOperations(spec)) {
      expect(text).toMatch(new RegExp(`\\(${op.operationId}\\)\\s+${op.method.toUpperCase()} ${escape(op.path)}\\s+${op.scopes.map(escape).join(' or ')}`));
    }
  });

  it.each(listOperations(spec).map((op) => [op.operationId, op] as const))(
    'renders %s with its summary, required scopes, request sample, response example and the token URL',
    async (_, op) => {
      const summary = String(op.raw.summary);
      // Click through the side menu as a reader would: open the operation's tag, then the operation.
      const item = page.locator('.menu-item-type-operation', { hasText: summary });
      if (!(await item.isVisible())) {
        await page.locator('.menu-item-type-group', { hasText: new RegExp(`^${escape(String((op.raw.tags as string[])[0]))}`) }).locator('a').first().click();
      }
      await item.click();
      const heading = page.locator('h2', { hasText: new RegExp(`^${escape(summary)}$`) });
      await heading.waitFor();
      const section = heading.locator('xpath=ancestor::*[@data-section-id][1]');
      const security = await section.getByText('Required scopes').first().locator('xpath=..').innerText();
      for (const scope of op.scopes) expect(security).toContain(scope);
      // The scheme under its public name, which says what it is.
      expect(security).toContain(publicScheme);
      expect(security).not.toContain(AUTHORIZER_SCHEME);
      // The request sample and the success response's example are on screen too.
      const shown = await section.innerText();
      expect(shown).toContain(`curl -X ${op.method.toUpperCase()} "$API_URL`);
      const success = Object.entries(op.raw.responses as Record<string, { content?: Record<string, { example?: object }> }>).find(([s]) => s.startsWith('2'))!;
      const example = success[1].content?.['application/json']?.example;
      if (example) for (const key of Object.keys(example)) expect(shown, `${success[0]} example`).toContain(`"${key}":`);
      else expect(shown).toContain('No content');

      await section.getByText('View security details').click();
      // Redoc's security dialog is a portal under <body> with no role or stable hook but its content.
      const dialog = page.locator('body > div').filter({ hasText: /Flow type/ }).last();
      try {
        await dialog.waitFor();
        const details = await dialog.innerText();
        expect(details).toContain('clientCredentials');
        expect(details).toContain(server.tokenUrl);
        // Long scope names are shortened on screen; then the full name is the label of the chip.
        const required = (await dialog.innerHTML()).split('Required scopes')[1] ?? '';
        for (const scope of op.scopes) {
          expect(required.includes(`aria-label="${scope}"`) || required.includes(`>${scope}<`), `${scope} in ${required}`).toBe(true);
        }
      } finally {
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
      }
    },
  );

  it('would see an off-origin request, a console error and an uncaught exception (the checks below can fail)', async () => {
    const probe = await browser.newPage();
    try {
      const seen = await isolate(probe, site.origin);
      // A tiny same-origin page that misbehaves (routes added later take precedence).
      await probe.route(`${site.origin}/probe`, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><title>probe</title><script src="https://cdn.example.invalid/x.js"></script><script>setTimeout(() => { throw new Error("boom") })</script>',
        }),
      );
      await probe.goto(`${site.origin}/probe`, { waitUntil: 'load' });
      await expect.poll(() => seen.consoleErrors.some((e) => e.includes('boom'))).toBe(true);
      expect(seen.offsite).toEqual(['https://cdn.example.invalid/x.js']);
      expect(seen.consoleErrors.some((e) => !e.includes('boom')), 'the blocked script logged an error').toBe(true);
    } finally {
      await probe.close();
    }
  });

  it('asked nothing of the network beyond its own origin, and logged no console error', async () => {
    await page.screenshot({ path: join(DIST_DIR, 'screenshot-operation.png') });
    await page.locator('[data-component-name="Menu/MenuItem"]', { hasText: /^Authentication$/ }).first().click();
    // A trial click waits until the menu's expand animation has settled, so the shot is clean.
    await page.locator('[data-component-name="Menu/MenuItem"]', { hasText: /^Cache your tokens$/ }).first().click({ trial: true });
    await page.screenshot({ path: join(DIST_DIR, 'screenshot.png') });
    expect(site.requests).toContain('/');
    expect(record.offsite).toEqual([]);
    expect(record.consoleErrors).toEqual([]);
  });
});
