import { appendFileSync, mkdirSync } from 'node:fs';
import { expect, test as base } from '@playwright/test';

/**
 * Every end-to-end test runs with the app's Content-Security-Policy on and fails on any violation:
 * the page's `securitypolicyviolation` events and the browser's "Refused to …" console messages
 * (workers report theirs there) are collected, written to artifacts/csp-report.jsonl, and must be 0.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ page }, use, testInfo) => {
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to (load|execute|connect|evaluate|create|apply|frame)/.test(m.text())) violations.push(m.text().slice(0, 300));
      });
      await page.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) => console.warn(`Content Security Policy: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`)),
      );
      await use(violations);
      mkdirSync('artifacts', { recursive: true });
      appendFileSync('artifacts/csp-report.jsonl', `${JSON.stringify({ test: testInfo.titlePath.join(' › '), violations })}\n`);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
