// Swagger UI in a real browser (Debian's Chromium, driven by playwright-core) against a running
// server: every surface's page renders with no console error and no request to another host,
// Authorize takes the demo key, and "Try it out" on createSession with the spec's own example
// answers 200. Usage: node swagger.mjs http://127.0.0.1:PORT [screenshot-dir]

import { launch } from './chromium.mjs';

const base = process.argv[2];
const shots = process.argv[3];
if (!base) {
  console.error('usage: node swagger.mjs <server base URL> [screenshot dir]');
  process.exit(2);
}
const host = new URL(base).host;
const DEMO_KEY = 'hck_test_demo_Jm9yLWRlbW9zLW9ubHktbmV2ZXItaW4tcHJvZHVjdGlvbg';
const SURFACES = [
  ['headless', 'Headless Checkout API'],
  ['cos', 'COS API'],
  ['siw', 'SIW API'],
  ['delivery-checkout', 'Delivery Checkout API'],
];

const browser = await launch();
const failures = [];
const fail = (what) => {
  failures.push(what);
  console.error(`FAIL ${what}`);
};

/// A page that records console errors, uncaught exceptions and requests to other hosts.
async function watchedPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && url.host !== host) {
      problems.push(`request off the machine: ${r.url()}`);
    }
  });
  return { page, problems };
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  for (const [name, title] of SURFACES) {
    const { page, problems } = await watchedPage(context);
    await page.goto(`${base}/docs?api=${name}`);
    const shown = await page
      .locator('.swagger-ui .info .title')
      .first()
      .textContent({ timeout: 20000 })
      .catch(() => '');
    if (!shown.includes(title)) fail(`${name}: the page shows no "${title}" title (got "${shown}")`);
    const operations = await page.locator('.opblock').count();
    if (operations === 0) fail(`${name}: no operation rendered`);
    if (shots) await page.screenshot({ path: `${shots}/swagger-${name}.png`, fullPage: false });
    for (const p of problems) fail(`${name}: ${p}`);
    console.log(`${name}: "${shown.trim()}" with ${operations} operations`);
    await page.close();
  }

  // Authorize with the demo key, then try createSession with the spec's own example.
  const { page, problems } = await watchedPage(context);
  await page.goto(`${base}/docs?api=headless`);
  await page.locator('.swagger-ui .info .title').first().waitFor({ timeout: 20000 });
  await page.locator('button.authorize').first().click();
  const dialog = page.locator('.dialog-ux');
  if (!(await dialog.textContent()).includes('hck_test_demo_')) {
    fail('the Authorize dialog does not say where the demo key is');
  }
  await dialog.locator('input').first().fill(DEMO_KEY);
  await dialog.locator('button.authorize').first().click();
  await dialog.locator('button.btn-done, button.close-modal').first().click();
  const operation = page.locator('#operations-Sessions-createSession');
  await operation.locator('.opblock-summary').first().click();
  await operation.locator('button.try-out__btn').click();
  await operation.locator('button.execute').click();
  const status = await operation
    .locator('.live-responses-table tbody .response-col_status')
    .first()
    .textContent({ timeout: 20000 })
    .catch(() => '');
  if (status.trim() !== '200') {
    const body = await operation
      .locator('.live-responses-table pre')
      .first()
      .textContent()
      .catch(() => '');
    fail(`createSession with its example answered "${status.trim()}": ${body}`);
  } else {
    console.log('createSession: Try it out with the example answered 200');
  }
  if (shots) await page.screenshot({ path: `${shots}/swagger-try-it-out.png`, fullPage: false });
  for (const p of problems) fail(`try it out: ${p}`);
} finally {
  await browser.close();
}

if (failures.length > 0) {
  console.error(`${failures.length} failure(s)`);
  process.exit(1);
}
console.log('swagger: every check passed');
