// The web UI in a real browser (Debian's Chromium driven by playwright-core) against a running
// catalogd: an admin builds and publishes an offering and watches every saga step finish; a
// customer finds it by text, by a facet and by a characteristic comparison and opens it; a
// publication whose price another saga holds shows its undone steps and the offering back in
// DRAFT; a USER, signed in by keyboard, sees no admin action; the store fits a phone's screen.
// Each scenario saves a screenshot.
//
//   node e2e/scenarios.mjs   with CATALOG_URL (http://127.0.0.1:PORT), ADMIN_PASSWORD,
//                            SCREENSHOTS (a directory), CHROMIUM (default /usr/bin/chromium)
// Prints one line per scenario ("ok <name>" or "FAILED <name>: <why>"); exits 1 if any failed.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

const base = process.env.CATALOG_URL;
const adminPassword = process.env.ADMIN_PASSWORD;
const screenshots = process.env.SCREENSHOTS;
const run = randomUUID().slice(0, 6).replace(/[^a-z]/g, 'x');
const name = (what) => `${what} ${run}`;

async function api(method, path, token, body) {
  const response = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function signIn(page, username, password) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

// Picks options of a multi-select by their text.
async function choose(page, label, texts) {
  await page.getByLabel(label).selectOption(texts.map((text) => ({ label: text })));
}

async function createThrough(page, path, fill) {
  await page.goto(`${base}${path}/new`);
  await fill();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/new'));
}

// Publishes the draft whose price another saga holds, and checks the saga undid what it did.
async function publishHeld(page, id) {
  await signIn(page, 'admin', adminPassword);
  await page.goto(`${base}/admin/offerings/${id}`);
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('The publication was undone').first().waitFor({ timeout: 20000 });
  await page.locator('h1', { hasText: 'DRAFT' }).waitFor();
  const steps = await page.locator('ol.steps li').allInnerTexts();
  assert.ok(steps.some((step) => /Lock the prices: failed/.test(step)), `steps: ${steps}`);
  assert.ok(steps.some((step) => /Revert the offering to draft \(undo\): done/.test(step)), `steps: ${steps}`);
  await page.locator('.djs-element.step-failed').first().waitFor();
}

const offering = name('Fibre Home');
const speed = name('Speed');
const state = {};

const scenarios = {
  async 'admin builds and publishes an offering'(page) {
    await signIn(page, 'admin', adminPassword);
    await createThrough(page, '/admin/characteristics', async () => {
      await page.getByLabel('Name').fill(speed);
      await page.getByLabel('Value').fill('100');
      await page.getByLabel('Unit').selectOption('Mbps');
    });
    await createThrough(page, '/admin/specifications', async () => {
      await page.getByLabel('Name').fill(name('Fibre Spec'));
      await choose(page, 'Characteristics', [`${speed} (100 Mbps)`]);
    });
    await createThrough(page, '/admin/prices', async () => {
      await page.getByLabel('Name').fill(name('Monthly'));
      await page.getByLabel('Amount').fill('49.90');
      await page.getByLabel('Per').fill('per month');
      await page.getByLabel('Currency').selectOption('EUR');
    });
    await createThrough(page, '/admin/offerings', async () => {
      await page.getByLabel('Name').fill(offering);
      await choose(page, 'Specifications', [name('Fibre Spec')]);
      await choose(page, 'Prices', [`${name('Monthly')} (49.90 EUR per month)`]);
      await page.getByLabel('Sales channels').fill('online');
    });
    state.offeringUrl = page.url();
    await page.getByRole('button', { name: 'Publish' }).click();
    const steps = page.locator('ol.steps li');
    await page.getByRole('heading', { name: 'Publication: published' }).waitFor({ timeout: 20000 });
    await steps.filter({ hasText: 'Release the prices: done' }).waitFor();
    const done = await steps.filter({ hasText: ': done' }).count();
    assert.equal(done, 5, `steps: ${await steps.allInnerTexts()}`);
    await page.locator('.djs-element.step-done').first().waitFor();
    assert.match(await page.locator('h1').innerText(), /PUBLISHED/);
    assert.match(await page.locator('.specification').innerText(), new RegExp(`${speed}: 100 Mbps`));
  },

  async 'customer finds the offering by text, facet and comparison'(page) {
    await page.goto(`${base}/`);
    await page.getByLabel('Search offerings').fill(run);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: offering }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('q'), run);

    await page.getByRole('button', { name: '100 Mbps' }).click();
    // The filter's own control shows once the filtered answer is on screen.
    await page.getByRole('button', { name: `Remove the filter ${speed}:=100Mbps` }).waitFor();
    await page.getByRole('link', { name: offering }).waitFor();
    assert.deepEqual(new URL(page.url()).searchParams.getAll('characteristic'), [`${speed}:=100Mbps`]);

    await page.goto(`${base}/store?q=${run}`);
    await page.getByLabel('Characteristic', { exact: true }).fill(speed);
    await page.getByLabel('Comparison').selectOption('>');
    await page.getByLabel('Value').fill('50');
    await page.getByLabel('Unit').fill('Mbps');
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('button', { name: `Remove the filter ${speed}:>50Mbps` }).waitFor();
    await page.getByRole('link', { name: offering }).waitFor();
    assert.deepEqual(new URL(page.url()).searchParams.getAll('characteristic'), [`${speed}:>50Mbps`]);
    await page.goBack();
    await page.getByRole('button', { name: 'Add filter' }).waitFor();
    assert.deepEqual(new URL(page.url()).searchParams.getAll('characteristic'), []);

    await page.goForward();
    await page.getByRole('link', { name: offering }).click();
    await page.getByRole('heading', { name: offering }).waitFor();
    // The new page is announced: focus on its content, its name in the title.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    assert.equal(await page.title(), `${offering} · Catalog`);
    const row = page.getByRole('row', { name: new RegExp(speed) });
    assert.match(await row.innerText(), /100\s+Mbps/);
    assert.match(await page.locator('.prices').innerText(), /49\.90 EUR/);
  },

  async 'a publication whose price is held is undone'(page) {
    const login = await api('POST', '/api/v1/auth/login', null, { username: 'admin', password: adminPassword });
    const token = login.access_token;
    const characteristic = await api('POST', '/api/v1/characteristics', token, {
      name: name('Latency'), value: '5', unit_of_measure: 'Seconds',
    });
    const specification = await api('POST', '/api/v1/specifications', token, {
      name: name('Held Spec'), characteristic_ids: [characteristic.id],
    });
    const price = await api('POST', '/api/v1/prices', token, {
      name: name('Held Price'), value: '10', unit: 'per month', currency: 'USD',
    });
    const draft = await api('POST', '/api/v1/offerings', token, {
      name: name('Held Offer'), specification_ids: [specification.id], pricing_ids: [price.id],
      sales_channels: ['online'],
    });
    await api('POST', '/api/v1/prices/locks', token, { saga_id: `other-${run}`, price_ids: [price.id] });
    try {
      await publishHeld(page, draft.id);
    } finally {
      await api('DELETE', `/api/v1/prices/locks/other-${run}`, token);
    }
  },

  async 'a USER sees no admin action'(page) {
    const login = await api('POST', '/api/v1/auth/login', null, { username: 'admin', password: adminPassword });
    const password = `user-${randomUUID()}`;
    await api('POST', '/api/v1/auth/users', login.access_token, {
      username: `viewer${run}`, password, role: 'USER',
    });
    // By keyboard alone: Tab from the username to the password, Enter to sign in.
    await page.goto(`${base}/login`);
    await page.getByLabel('Username').focus();
    await page.keyboard.type(`viewer${run}`);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // Newest first, so that this run's characteristic is on the first page.
    await page.goto(`${base}/admin/characteristics?sort=updated_at&order=desc`);
    await page.getByRole('heading', { name: 'Characteristics' }).waitFor();
    await page.getByRole('cell', { name: speed }).waitFor();
    assert.equal(await page.getByRole('link', { name: /New characteristic/ }).count(), 0);
    await page.goto(state.offeringUrl);
    await page.getByRole('heading', { name: offering }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Retire' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Publish' }).count(), 0);
  },

  async 'the store on a phone'(page) {
    await page.setViewportSize({ width: 390, height: 844 });
    const sideways = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.goto(`${base}/store?q=${run}`);
    await page.getByRole('link', { name: offering }).waitFor();
    assert.ok((await sideways()) <= 0, `the store scrolls sideways by ${await sideways()} px`);
    await page.getByRole('link', { name: offering }).click();
    await page.getByRole('heading', { name: offering }).waitFor();
    assert.ok((await sideways()) <= 0, `the offering scrolls sideways by ${await sideways()} px`);
  },
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
let failed = 0;
for (const [title, scenario] of Object.entries(scenarios)) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  try {
    await scenario(page);
    console.log(`ok ${title}`);
  } catch (error) {
    failed += 1;
    console.log(`FAILED ${title}: ${error.message}`);
  } finally {
    await page.screenshot({ path: `${screenshots}/${title.replace(/[^a-z]+/gi, '-')}.png`, fullPage: true });
    await context.close();
  }
}
await browser.close();
process.exit(failed ? 1 : 0);
