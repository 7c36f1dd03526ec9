// Not a test: opens the real app on the demo county and saves a picture of each main page to
// tests/e2e/artifacts/tour-*.png, so a reviewer can look at what a clerk sees.
//   tests/e2e/run.sh tour.mjs            (TOUR_PAGES="home,talks" picks pages by their nav test id;
//   TOUR_DATA_DIR=dir uses that data folder instead of a fresh demo county)
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openApp, freshDataDir, loadDemoHeadless, click } from './lib.mjs';

const pages = (process.env.TOUR_PAGES ?? 'home,units,people,talks,plan,letters,settings').split(',').filter(Boolean);
// Extra addresses inside the app, e.g. TOUR_ROUTES=/letters/new,/letters/templates
const routes = (process.env.TOUR_ROUTES ?? '').split(',').filter(Boolean);
// TOUR_DATA_DIR opens a data folder prepared beforehand (e.g. to picture a record by its id).
const dataDir = process.env.TOUR_DATA_DIR ?? freshDataDir('tour');
if (!process.env.TOUR_DATA_DIR) loadDemoHeadless(dataDir, process.env.TOUR_TODAY ? { today: process.env.TOUR_TODAY } : {});
const driver = await openApp(dataDir, process.env.TOUR_TODAY ? { today: process.env.TOUR_TODAY } : {});
try {
  for (const p of pages) {
    console.log('打开', p);
    await click(driver, `nav-${p}`);
    console.log('已点击', p);
    await driver.sleep(2500);
    const name = `tour-${p}`;
    console.log('截图中', name);
    // The X screen, not WebDriver's screenshot: WebKitWebDriver hangs on some pages (the unit tree).
    execFileSync('import', ['-window', 'root', join(process.env.JIANDU_E2E_ARTIFACTS ?? '/tmp', `${name}.png`)]);
    console.log('截图', name);
  }
  for (const r of routes) {
    await driver.executeScript(`window.location.hash = ${JSON.stringify('#' + r)}`);
    await driver.sleep(4000);
    const name = 'tour' + r.replace(/[^a-z0-9]+/gi, '-');
    execFileSync('import', ['-window', 'root', join(process.env.JIANDU_E2E_ARTIFACTS ?? '/tmp', `${name}.png`)]);
    console.log('截图', name);
  }
} finally {
  await driver.quit();
}
