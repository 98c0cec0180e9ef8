import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, DEMO_PASSWORD, eventually, issueBody, StandalonePlatform, startStandalone } from '../support/harness';

/**
 * The web console in a real browser (Debian's Chromium driven by playwright-core), against
 * the standalone platform booted in this process: it serves the built console (dist/console,
 * from `npm run build`) at `/` and the API beside it. Each person signs in in a browser
 * context of their own, as they would at their own desk.
 */

const CHROMIUM = process.env.KP_CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
const CONSOLE_BUILD = join(__dirname, '..', '..', 'dist', 'console', 'index.html');
const WAIT = { timeout: 10_000 };

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(
    `\n*** The console's browser tests are SKIPPED: no Chromium at ${CHROMIUM}. ` +
      'Install Debian\'s chromium (apt-get install -y chromium; .ci/run does) to run them. ***\n',
  );
}

(haveChromium ? describe : describe.skip)('web console (Chromium)', () => {
  let platform: StandalonePlatform;
  let browser: Browser;
  let baseUrl: string;
  const contexts: BrowserContext[] = [];
  let certificateNumber: string;
  let customs: Page;
  let secretariat: Page;

  beforeAll(async () => {
    if (!existsSync(CONSOLE_BUILD)) throw new Error(`${CONSOLE_BUILD} is missing: run npm run build (it builds the console) first`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    platform = await startStandalone();
    const address = platform.app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await platform?.close();
  }, 60_000);

  async function newPage(name: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[browser ${name}] ${error.message}`));
    return page;
  }

  async function signIn(username: string, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await newPage(username, viewport);
    await page.goto(`${baseUrl}/`);
    await page.waitForSelector('[data-testid="signin-form"]', WAIT);
    await page.fill('[data-testid="signin-username"]', username);
    await page.fill('[data-testid="signin-password"]', DEMO_PASSWORD);
    await page.click('[data-testid="signin-submit"]');
    await page.waitForSelector('[data-testid="user"]', WAIT);
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  /** Verifies by number, asking again while the border's read model catches up (it has 2 s by contract). */
  async function verify(page: Page, number: string, expected: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    let seen = '';
    do {
      await page.fill('[data-testid="verify-number"]', number);
      await page.click('[data-testid="verify-submit"]');
      const verdict = await page.waitForSelector('[data-testid="verdict"]', WAIT);
      seen = (await verdict.getAttribute('data-verdict')) ?? '';
      if (seen === expected) return;
      await page.waitForTimeout(250);
    } while (Date.now() < deadline);
    throw new Error(`verdict for ${number}: expected ${expected}, still ${seen}`);
  }

  it('serves the console at / beside the API', async () => {
    const home = await fetch(`${baseUrl}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(await home.text()).toContain('<div id="root">');
    expect((await platform.api.get('/api/v1/participants')).status).toBe(200);
    expect((await platform.api.get('/health')).status).toBe(200);
    expect((await platform.api.get('/api/v1/no-such-thing')).status).toBe(404);

    const page = await newPage('visitor', { width: 1280, height: 800 });
    await page.goto(`${baseUrl}/`);
    await page.waitForSelector('[data-testid="signin-form"]', WAIT);
    await page.fill('[data-testid="signin-username"]', 'bw.issuer');
    await page.fill('[data-testid="signin-password"]', 'not-the-password');
    await page.click('[data-testid="signin-submit"]');
    await page.waitForSelector('[data-testid="problem"]', WAIT);
    expect(await page.textContent('[data-testid="problem-detail"]')).toMatch(/wrong username or password/i);
    await shot(page, '01-sign-in');
  });

  it('an export officer issues a certificate through the form, checked first in the browser', async () => {
    const page = await signIn('bw.issuer');
    await page.waitForSelector('[data-testid="issue-form"]', WAIT);
    expect(page.url()).toContain('#/issue');

    // Nothing filled in: every required field is named before anything is sent.
    await page.click('[data-testid="issue-submit"]');
    await page.waitForSelector('[data-testid="issue-invalid"]', WAIT);
    expect(await page.locator('[data-testid="issue-form"] [aria-invalid="true"]').count()).toBeGreaterThanOrEqual(8);
    await page.fill('[data-testid="issue-carats"]', '12.345');
    await page.fill('[data-testid="issue-originCountries"]', 'BW, EU');
    await page.click('[data-testid="issue-submit"]');
    expect(await page.textContent('[data-testid="issue-form"]')).toContain('at most two decimals');
    expect(await page.textContent('[data-testid="issue-form"]')).toContain('EU is not a country of origin');
    await shot(page, '02-issue-validation');

    await page.waitForSelector('[data-testid="issue-importingParticipant"] option[value="AE"]', { ...WAIT, state: 'attached' });
    await page.selectOption('[data-testid="issue-importingParticipant"]', 'AE');
    await page.fill('[data-testid="issue-exporterName"]', 'Okavango Diamond Company');
    await page.fill('[data-testid="issue-exporterAddress"]', 'Plot 63, Gaborone, Botswana');
    await page.fill('[data-testid="issue-importerName"]', 'Dubai Rough Trading DMCC');
    await page.fill('[data-testid="issue-importerAddress"]', 'Almas Tower, Dubai');
    await page.fill('[data-testid="issue-originCountries"]', 'cf');
    await page.fill('[data-testid="issue-originZones"]', 'Berberati');
    await page.selectOption('[data-testid="issue-hsCode"]', '7102.31');
    await page.fill('[data-testid="issue-carats"]', '1250.5');
    await page.fill('[data-testid="issue-valueUsd"]', '187500');
    await page.fill('[data-testid="issue-parcels"]', '3');

    // Two letters pass the browser's check, but XX is no country: the API's 400 names the field.
    await page.fill('[data-testid="issue-originCountries"]', 'XX');
    await page.click('[data-testid="issue-submit"]');
    await page.waitForSelector('[data-testid="problem"]', WAIT);
    expect(await page.textContent('[data-testid="problem"]')).toMatch(/Countries of origin.*ISO 3166-1/);
    expect(await page.getAttribute('[data-testid="issue-originCountries"]', 'aria-invalid')).toBe('true');

    await page.fill('[data-testid="issue-originCountries"]', 'cf');
    await page.click('[data-testid="issue-submit"]');

    const number = await page.waitForSelector('[data-testid="issued-number"]', WAIT);
    certificateNumber = (await number.textContent())!.trim();
    expect(certificateNumber).toMatch(/^BW-\d{4}-\d{6}$/);
    await page.waitForSelector('[data-testid="qr-image"]', WAIT);
    expect(await page.getAttribute('[data-testid="pdf-link"]', 'href')).toBe(`/api/v1/certificates/${certificateNumber}/pdf`);
    await shot(page, '03-issue-certificate');

    // The register lists it, issued.
    await page.click('[data-testid="nav-certificates"]');
    const row = page.locator(`[data-testid="certificate-row"][data-number="${certificateNumber}"]`);
    await row.waitFor(WAIT);
    expect(await row.locator('[data-testid="certificate-status"]').textContent()).toMatch(/issued/i);
    await shot(page, '04-certificates');
  });

  it('a customs officer verifies it: VALID', async () => {
    expect(certificateNumber).toBeDefined();
    customs = await signIn('ae.customs');
    await customs.waitForSelector('[data-testid="verify-form"]', WAIT);
    expect(customs.url()).toContain('#/verify');
    await verify(customs, certificateNumber, 'VALID');
    expect(await customs.textContent('[data-testid="verdict"]')).toContain('VALID');
    expect(await customs.textContent('[data-testid="certificate-summary"]')).toContain('Okavango Diamond Company');
    await shot(customs, '05-verify-valid');

    // An unknown number is UNKNOWN, said plainly.
    await verify(customs, 'BW-2026-999999', 'UNKNOWN');
    expect(await customs.textContent('[data-testid="reasons"]')).toMatch(/no certificate with this number/i);
  });

  it('the Secretariat imposes an embargo on the origin (CF) through the console; the customs officer then sees EMBARGOED with the reason', async () => {
    secretariat = await signIn('secretariat');
    await secretariat.waitForSelector('[data-testid="registry"]', WAIT);
    expect(secretariat.url()).toContain('#/monitor/registry');
    await secretariat.click('[data-testid="participant-CF"]');
    await secretariat.waitForSelector('[data-testid="impose-form"]', WAIT);

    // The legal basis is required: the form says so before the API would.
    await secretariat.click('[data-testid="impose-submit"]');
    expect(await secretariat.textContent('[data-testid="impose-form"]')).toContain('Give the legal basis');

    await secretariat.selectOption('[data-testid="impose-kind"]', 'EMBARGO');
    await secretariat.selectOption('[data-testid="impose-scope"]', 'ALL');
    await secretariat.fill('[data-testid="impose-legalBasis"]', 'Administrative Decision KP/2026/AD-7: embargo on rough diamonds of Central African origin');
    await secretariat.click('[data-testid="impose-submit"]');
    await secretariat.waitForSelector('[data-testid="measure-notice"]', WAIT);
    await secretariat.waitForSelector('[data-testid="measure"] >> text=KP/2026/AD-7', WAIT);
    await shot(secretariat, '06-registry-embargo');

    await customs.fill('[data-testid="verify-number"]', '');
    await verify(customs, certificateNumber, 'EMBARGOED');
    const reason = customs.locator('[data-testid="reason"][data-code="ORIGIN_EMBARGOED"]');
    await reason.waitFor(WAIT);
    expect(await reason.textContent()).toContain('KP/2026/AD-7');
    expect(await reason.textContent()).toMatch(/origin are under embargo/i);
    await shot(customs, '07-verify-embargoed');

    // The same answer on a phone-sized screen.
    const phone = await signIn('ae.customs', { width: 390, height: 844 });
    await phone.waitForSelector('[data-testid="verify-form"]', WAIT);
    await verify(phone, certificateNumber, 'EMBARGOED');
    await shot(phone, '08-verify-embargoed-phone');
  });

  it('a customs officer records a broken seal through the console: FLAGGED at the border, and the Secretariat clears the red flag', async () => {
    const api = platform.api;
    const bw = await api.login('bw.issuer');
    const issued = await api.post('/api/v1/certificates', issueBody(), bw);
    expect(issued.status).toBe(201);
    const number = issued.body.certificateNumber as string;
    // Shipments learns of the certificate from its event, within the contract's 2 seconds.
    const { value: shipment } = await eventually(async () => {
      const r = await api.post('/api/v1/shipments', { certificateNumber: number, seals: ['BW-SEAL-0101', 'BW-SEAL-0102'] }, bw);
      expect(r.status).toBe(201);
      return r.body;
    });

    await customs.fill('[data-testid="event-shipment"]', shipment.id);
    await customs.selectOption('[data-testid="event-type"]', 'INSPECTED');
    await customs.selectOption('[data-testid="event-seal"]', 'broken');
    await customs.fill('[data-testid="event-remarks"]', 'Seal BW-SEAL-0102 cut');
    await customs.click('[data-testid="event-submit"]');
    await customs.waitForSelector('[data-testid="border-event-findings"]', WAIT);
    expect(await customs.textContent('[data-testid="border-event-findings"]')).toMatch(/seal was found broken/i);

    await verify(customs, number, 'FLAGGED');
    expect(await customs.getAttribute('[data-testid="reason"]', 'data-code')).toBe('SEAL_BROKEN');
    await shot(customs, '09-border-event-flagged');

    await secretariat.click('[data-testid="nav-monitor-flags"]');
    const flag = secretariat.locator(`[data-testid="flag-row"][data-number="${number}"]`);
    await flag.waitFor(WAIT);
    expect(await flag.getAttribute('data-code')).toBe('SEAL_BROKEN');
    await shot(secretariat, '10-flags');
    await flag.locator('[data-testid="flag-clear"]').click();
    await secretariat.fill('[data-testid="flag-justification"]', 'Seal replaced under customs supervision; contents verified');
    await secretariat.click('[data-testid="flag-clear-submit"]');
    await secretariat.waitForSelector('[data-testid="flag-notice"]', WAIT);
    await flag.waitFor({ ...WAIT, state: 'detached' });
  });

  it('the chair adopts a decision in the console: refused with the objectors named, then adopted once none objects', async () => {
    const api = platform.api;
    const [za, ru] = await Promise.all([api.login('za.delegate'), api.login('ru.delegate')]);
    const proposal = await api.post(
      '/api/v1/reform/proposals',
      {
        title: 'Peer review visits every three years',
        kind: 'ADMINISTRATIVE_DECISION',
        rationale: 'Review visits keep national systems of internal controls honest; every participant should receive one at least every three years.',
      },
      za,
    );
    expect(proposal.status).toBe(201);
    const id = proposal.body.id as string;
    expect((await api.post(`/api/v1/reform/proposals/${id}/positions`, { position: 'SUPPORT', statement: 'South Africa supports.' }, za)).status).toBe(201);
    expect((await api.post(`/api/v1/reform/proposals/${id}/positions`, { position: 'OBJECT', statement: 'Not before the budget is agreed.' }, ru)).status).toBe(201);

    const chair = await signIn('chair');
    await chair.waitForSelector(`[data-testid="proposal"][data-id="${id}"]`, WAIT);
    expect(chair.url()).toContain('#/reform');
    const card = chair.locator(`[data-testid="proposal"][data-id="${id}"]`);
    await card.locator('[data-testid="adopt"]').click();
    await card.locator('[data-testid="adopt-problem"]').waitFor(WAIT);
    expect(await card.locator('[data-testid="adopt-problem-detail"]').textContent()).toMatch(/RU objects/);
    expect(await card.locator('[data-testid="adopt-problem-objectors"]').textContent()).toBe('RU');
    await shot(chair, '11-reform-no-consensus');

    expect((await api.post(`/api/v1/reform/proposals/${id}/positions`, { position: 'ABSTAIN' }, ru)).status).toBe(201);
    await chair.reload();
    await chair.waitForSelector(`[data-testid="proposal"][data-id="${id}"] [data-testid="adopt"]`, WAIT);
    await card.locator('[data-testid="adopt"]').click();
    await chair.waitForSelector('[data-testid="reform-notice"]', WAIT);
    await card.locator('[data-testid="proposal-decision"]').waitFor(WAIT);
    expect(await card.locator('[data-testid="proposal-status"]').textContent()).toMatch(/adopted/i);
    expect(await card.locator('[data-testid="proposal-decision"]').textContent()).toMatch(/^KP\/\d{4}\/AD-\d+$/);
    expect(await chair.getAttribute('[data-testid="record-status"]', 'data-valid')).toBe('true');
    await shot(chair, '12-reform-adopted');

    await chair.click('[data-testid="nav-reform-decisions"]');
    await chair.waitForSelector('[data-testid="decision-row"]', WAIT);
    expect(await chair.textContent('[data-testid="decisions"]')).toContain('Peer review visits every three years');
    await shot(chair, '13-reform-decisions');

    await chair.click('[data-testid="nav-reform-testimonies"]');
    await chair.fill('[data-testid="testimony-title"]', 'Artisanal miners in the Kasai');
    await chair.fill('[data-testid="testimony-body"]', 'Diggers report that buyers ask for no paperwork at all at the river crossings.');
    await chair.click('[data-testid="testimony-submit"]');
    await chair.waitForSelector('[data-testid="testimony"] >> text=Artisanal miners in the Kasai', WAIT);
    expect(await chair.textContent('[data-testid="testimonies"]')).toContain('identity protected');
    await shot(chair, '14-reform-testimonies');

    await chair.click('[data-testid="nav-reform-record"]');
    await chair.waitForSelector('[data-testid="record-entry"]', WAIT);
    expect(await chair.getAttribute('[data-testid="record-status"]', 'data-valid')).toBe('true');
    await shot(chair, '15-reform-record');
  });

  it("the Secretariat's statistics page shows the certificate (or, without the monitoring API, its error state)", async () => {
    const token = await platform.api.login('secretariat');
    const year = certificateNumber.slice(3, 7);
    const probe = await platform.api.get(`/api/v1/monitoring/statistics?year=${year}`, token);
    await secretariat.click('[data-testid="nav-monitor-statistics"]');
    await secretariat.waitForSelector('[data-testid="statistics"]', WAIT);
    if (probe.status !== 200) {
      console.warn(`monitoring statistics answered ${probe.status}: checking the page's error state instead`);
      await secretariat.waitForSelector('[data-testid="statistics-error"]', WAIT);
      await shot(secretariat, '16-statistics');

      // How the page draws statistics, from a stand-in answer of the contract's shape.
      await secretariat.route('**/api/v1/monitoring/statistics?*', (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({
            items: [
              { participant: 'BW', flow: 'EXPORT', hsCode: '7102.31', certificates: 2, carats: 2501, valueUsd: 375000 },
              { participant: 'AE', flow: 'IMPORT', hsCode: '7102.31', certificates: 1, carats: 1250.5, valueUsd: 187500 },
              { participant: 'AE', flow: 'EXPORT', hsCode: '7102.10', certificates: 1, carats: 400, valueUsd: 90000 },
            ],
          }),
        }),
      );
      await secretariat.click('[data-testid="statistics"] button:has-text("Try again")');
      await secretariat.waitForSelector('[data-testid="statistics-chart"]', WAIT);
      expect(await secretariat.locator('[data-testid="statistics-row"]').count()).toBe(3);
      expect(await secretariat.textContent('[data-testid="kpi-exports"]')).toBe('3');
      expect(await secretariat.textContent('[data-testid="kpi-imports"]')).toBe('1');
      await shot(secretariat, '17-statistics-stand-in');
      await secretariat.unroute('**/api/v1/monitoring/statistics?*');
      return;
    }
    const deadline = Date.now() + 10_000;
    for (;;) {
      await secretariat.waitForSelector('[data-testid="statistics-row"], [data-testid="statistics-error"], .empty', WAIT);
      const rows = await secretariat.locator('[data-testid="statistics-row"]').allTextContents();
      if (rows.some((r) => r.includes('BW') && /export/i.test(r) && r.includes('7102.31'))) break;
      if (Date.now() > deadline) throw new Error(`statistics never showed BW's export: ${JSON.stringify(rows)}`);
      await secretariat.click('[data-testid="statistics"] button:has-text("Refresh")');
      await secretariat.waitForTimeout(300);
    }
    await secretariat.waitForSelector('[data-testid="statistics-chart"]', WAIT);
    await shot(secretariat, '16-statistics');
  });
});
