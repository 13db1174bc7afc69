/**
 * The promise: the browser and the server give the same verdicts. The engine (with
 * the corpus generator) is bundled for the browser, run in real headless Chromium under a CSP
 * without 'unsafe-eval' (as the SPA), and compared with Node on the same random corpus.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parityRun } from './parity.test-support.ts';

const CHROMIUM = process.env.FORM_RULES_CHROMIUM ?? '/usr/bin/chromium';
const SEED = Number(process.env.FORM_RULES_SEED ?? 20250501);
const RUNS = Number(process.env.FORM_RULES_PARITY_RUNS ?? 1500);

async function bundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `export { parityRun } from './parity.test-support.ts';`,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'formRulesParity',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('browser and server parity', () => {
  if (!existsSync(CHROMIUM)) {
    // .ci/run installs Chromium before the tests, so in CI a missing browser is a failure.
    if (process.env.CI) {
      it('runs in CI, where Chromium must be installed', () => {
        expect.fail(`no Chromium at ${CHROMIUM}: .ci/run installs it before the tests`);
      });
      return;
    }
    console.warn(`form-rules parity: SKIPPED, no Chromium at ${CHROMIUM}`);
    it.skip(`skipped: no Chromium at ${CHROMIUM} (apt-get install chromium) to run the engine in`, () => {});
    return;
  }

  it(`gives identical results in Chromium and Node for ${RUNS} random forms and inputs`, async () => {
    const script = await bundle();
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      // The engine runs in the document's own inline scripts, under a CSP header like the
      // SPA's (no 'unsafe-eval'); Playwright's evaluate and addScriptTag would bypass it.
      const run = `
        try { window.parity = formRulesParity.parityRun(${SEED}, ${RUNS}); }
        catch (error) { window.parityError = String((error && error.stack) || error); }
        try { new Function('return 1')(); window.evalAllowed = true; }
        catch { window.evalAllowed = false; }`;
      await page.route('http://parity.test/', (route) =>
        route.fulfill({
          contentType: 'text/html',
          headers: { 'content-security-policy': "default-src 'none'; script-src 'unsafe-inline'" },
          body: `<!doctype html><title>form-rules parity</title><script>${script.replaceAll('</script', '<\\/script')}</script><script>${run}</script>`,
        }),
      );
      await page.goto('http://parity.test/');
      const inBrowser = await page.evaluate(() => {
        const page = globalThis as unknown as {
          parity?: ReturnType<typeof parityRun>;
          parityError?: string;
          evalAllowed: boolean;
        };
        return { ...page.parity, error: page.parityError, evalAllowed: page.evalAllowed };
      });
      const inNode = parityRun(SEED, RUNS);

      expect(errors).toEqual([]);
      expect(inBrowser.error).toBeUndefined();
      expect(browser.version()).toMatch(/^\d+\./);
      expect(inBrowser.evalAllowed).toBe(false); // the engine ran without eval, as under the SPA's CSP
      expect(inBrowser.corpus).toBe(inNode.corpus);
      const verdicts = inBrowser.verdicts ?? [];
      expect(verdicts).toHaveLength(RUNS);
      const differing = inNode.verdicts.findIndex((v, i) => v !== verdicts[i]);
      expect(
        differing === -1
          ? null
          : {
              case: differing,
              node: inNode.verdicts[differing],
              browser: verdicts[differing],
            },
      ).toBeNull();
      // Not a vacuous corpus: rules fail, values are refused, definitions are sound.
      const all = inNode.verdicts.join('\n');
      for (const kind of [
        '"rule"',
        '"required"',
        '"type"',
        '"decimals"',
        '"min"',
        '"max"',
        '"choice"',
        '"unknown"',
        '"ruleError"',
      ]) {
        expect(all).toContain(`"kind":${kind}`);
      }
    } finally {
      await browser.close();
    }
  }, 60_000);
});
