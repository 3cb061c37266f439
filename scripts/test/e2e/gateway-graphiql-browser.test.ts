import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { useStory } from './story.ts';

/** GraphiQL as a person uses it: headless Chromium (Debian's, infra/chromium) driven by playwright-core. */
const story = useStory();
const screenshotDir = fileURLToPath(new URL('../../../.data/screenshots/', import.meta.url));
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: inject('chromiumPath'), args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
});
afterAll(() => browser?.close());

/** Replaces the text of the editor `editor` (operation, headers) as if typed (no auto-closing brackets). */
async function typeInto(page: Page, editor: 'operation' | 'headers', text: string): Promise<void> {
  await page.locator(`.monaco-editor[data-uri*="${editor}"]`).first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/**
 * Runs the operation in the editor and answers the response pane's text once it holds `expected`.
 * GraphiQL learns the operation's name from the editor a moment after the text changes; a click
 * before that runs the previous name ("Cannot infer operation"), so that answer means "click again".
 */
async function runAndRead(page: Page, expected: string): Promise<string> {
  const response = page.locator('.graphiql-response');
  let shown = '';
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await page.locator('.graphiql-execute-button').click();
    await expect
      .poll(async () => (shown = (await response.innerText().catch(() => '')).replace(/\u00a0/g, ' ')), { timeout: 60_000 })
      .toMatch(new RegExp(`${expected}|Cannot infer operation`));
    if (shown.includes(expected)) return shown;
    await page.waitForTimeout(500);
  }
  throw new Error(`the response pane never showed "${expected}"; it shows: ${shown}`);
}

describe('GraphiQL in a real browser', () => {
  it('signs in, runs a query spanning identity and billing, shows the result, and asks no other host for anything', async () => {
    const ada = await story().candidate('Ada Browser');
    const gateway = new URL(story().stack.gatewayUrl);
    const page = await browser.newPage();
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:' || url.protocol === 'wss:') && url.host !== gateway.host) elsewhere.push(request.url());
      else if (!['http:', 'https:', 'data:', 'blob:'].includes(url.protocol)) elsewhere.push(request.url());
    });

    await page.goto(gateway.href);
    await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor({ timeout: 60_000 });

    // Sign in from GraphiQL itself, then carry the access token in the Headers tab.
    await typeInto(page, 'operation', `mutation SignIn { signIn(input: { email: "${ada.email}", password: "a long and unusual passphrase" }) { tokens { accessToken } errors { code } } }`);
    const signedIn = await runAndRead(page, 'accessToken');
    // The pane wraps the long token over lines: whitespace is display, never part of a JWT.
    const token = /"accessToken":\s*"([^"]+)"/.exec(signedIn)?.[1]?.replace(/\s+/g, '');
    expect(token, signedIn).toMatch(/^ey/);
    await page.getByRole('button', { name: /headers/i }).first().click();
    await typeInto(page, 'headers', JSON.stringify({ Authorization: `Bearer ${token}` }));
    // Under load the headers editor can take its first keystrokes before it has focus: see the header land.
    const headersEditor = page.locator('.monaco-editor[data-uri*="headers"]').first();
    await expect.poll(() => headersEditor.innerText(), { timeout: 30_000 }).toContain('Bearer');

    await typeInto(page, 'operation', 'query Home { viewer { id displayName credits { balance } } }');
    const home = await runAndRead(page, 'balance');
    expect(home, home).toContain(ada.id);
    expect(home).toContain('Ada Browser');
    expect(home).toMatch(/"balance":\s*\d+/);

    mkdirSync(screenshotDir, { recursive: true });
    const shot = await page.screenshot({ path: `${screenshotDir}graphiql.png`, fullPage: true });
    expect(shot.byteLength).toBeGreaterThan(10_000);
    expect(elsewhere).toEqual([]);
    await page.close();
  }, 240_000);
});
