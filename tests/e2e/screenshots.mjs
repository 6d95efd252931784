// screenshots.mjs — logs in as a few roles and saves screenshots of the main pages.
// Usage: node screenshots.mjs BASE_URL OUT_DIR
import { chromium } from 'playwright-core';
import fs from 'node:fs';

const [base, out] = [process.argv[2] || 'http://127.0.0.1:8080', process.argv[3] || 'shots'];
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
async function as(email, pages) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
  const page = await ctx.newPage();
  await page.goto(base + '/login');
  await page.screenshot({ path: `${out}/login.png` });
  await page.fill('#f-email', email);
  await page.fill('#f-password', 'samverkan-demo-2026');
  await page.click('button[type=submit]');
  for (const [name, path] of pages) {
    await page.goto(base + path);
    await page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
  }
  await ctx.close();
}
await as('analytiker@exempel.se', [['start-analytiker', '/'], ['huvudman-lista', '/organisers?q=kommun'],
  ['huvudman-boras', '/organisers/2120001561'], ['enhet', '/units/13746989'], ['forskola', '/units/238459'],
  ['import', '/import']]);
await as('huvudman@exempel.se', [['start-huvudman', '/'], ['annan-huvudman', '/organisers/2120001439']]);
await as('admin@exempel.se', [['granskningslogg', '/admin/audit'], ['anvandare', '/admin/users']]);
await browser.close();
