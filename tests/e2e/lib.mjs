// Shared helpers for the end-to-end tests: start the real app on a fresh data folder and find
// things by their data-testid, waiting as a user would for the window to answer.
import { Builder, By, until, Key } from 'selenium-webdriver';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

export { By, Key, until };

const WAIT = 15000;

// ---- accounts: the administrator every test window creates on first start (创建管理员) and
// signs in with afterwards. Headless commands run after that (letters pdf, file…) sign in from
// the environment, which the child processes inherit.
export const E2E_LOGIN = 'admin';
export const E2E_NAME = '测试管理员';
export const E2E_PASSWORD = 'e2e-Jiandu-2026';
process.env.JIANDU_USER ??= E2E_LOGIN;
process.env.JIANDU_PASSWORD ??= E2E_PASSWORD;
// ---- end accounts

/** A new data folder under the run's temporary directory. */
export function freshDataDir(label) {
  const base = process.env.JIANDU_E2E_WORK ?? '/tmp';
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `data-${label}-`));
}

/** Loads the demo county into `dataDir` through the headless command, as a clerk could. */
export function loadDemoHeadless(dataDir, { today } = {}) {
  const clock = today ? ['--today', today] : [];
  return execFileSync(process.env.JIANDU_APP, ['--data-dir', dataDir, ...clock, 'demo'], { encoding: 'utf8' });
}

/** Opens the app window on `dataDir` and waits until the UI has mounted. */
/** `today` (YYYY-MM-DD) starts the window with its clock pinned to that day (the hidden --today
 *  flag), so due dates and overdue items can be tested; quit and reopen to move the clock. */
export async function openApp(dataDir, { today } = {}) {
  const args = ['--data-dir', dataDir, ...(today ? ['--today', today] : [])];
  const driver = await new Builder()
    .usingServer(process.env.TAURI_DRIVER_URL)
    .withCapabilities({
      browserName: 'wry',
      'tauri:options': { application: process.env.JIANDU_APP, args },
    })
    .build();
  watchCommands(driver);
  // ---- accounts: a new data folder first asks for the administrator, a later start for the
  // password; then the app mounts.
  const first = await driver.wait(
    until.elementLocated(By.css('[data-testid=nav-home], [data-testid=auth-setup-form], [data-testid=auth-signin-form]')),
    WAIT,
  );
  const screen = await first.getAttribute('data-testid');
  // What the window asked for first (a test of the sign-in reads it).
  driver.jianduFirstScreen = screen;
  if (screen === 'auth-setup-form') {
    await typeInto(driver, 'auth-setup-login', E2E_LOGIN);
    await typeInto(driver, 'auth-setup-name', E2E_NAME);
    await typeInto(driver, 'auth-setup-password', E2E_PASSWORD);
    await typeInto(driver, 'auth-setup-password2', E2E_PASSWORD);
    await click(driver, 'auth-setup-submit');
  } else if (screen === 'auth-signin-form') {
    await typeInto(driver, 'auth-signin-login', E2E_LOGIN);
    await typeInto(driver, 'auth-signin-password', E2E_PASSWORD);
    await click(driver, 'auth-signin-submit');
  }
  // ---- end accounts
  // ---- encryption at rest: after setup (or the first sign-in after a conversion) the recovery
  // code is shown once and the app opens only when 我已抄写并妥善保管 is ticked.
  if (screen !== 'nav-home') {
    const next = await driver.wait(until.elementLocated(By.css('[data-testid=nav-home], [data-testid=recovery-code]')), WAIT);
    if ((await next.getAttribute('data-testid')) === 'recovery-code') {
      driver.jianduRecoveryCode = (await next.getText()).trim();
      await click(driver, 'recovery-kept');
      await driver.wait(async () => (await driver.findElement(By.css('[data-testid=recovery-continue]'))).isEnabled(), WAIT);
      await click(driver, 'recovery-continue');
    }
  }
  // ---- end encryption at rest
  await driver.wait(until.elementLocated(By.css('[data-testid=nav-home]')), WAIT);
  return driver;
}

/** A command WebKitWebDriver has not answered after this long is reported while it is still
 *  pending: its name and parameters, a picture of the whole display taken from outside the
 *  driver (the driver itself is busy), and the state of the WebKit processes. */
const SLOW = 20000;
function watchCommands(driver) {
  const execute = driver.execute.bind(driver);
  driver.execute = async (command) => {
    const started = Date.now();
    const timer = setTimeout(() => reportPending(command, started), SLOW);
    try {
      return await execute(command);
    } finally {
      clearTimeout(timer);
      const took = Date.now() - started;
      if (took >= SLOW) console.log(`  [e2e] ${command.getName()} answered after ${(took / 1000).toFixed(1)} s`);
    }
  };
}

function reportPending(command, started) {
  const params = JSON.stringify(command.getParameters?.() ?? {}).slice(0, 300);
  const name = `pending-${command.getName()}-${started}`;
  console.log(`  [e2e] no answer to ${command.getName()} after ${SLOW / 1000} s: ${params}`);
  const dir = process.env.JIANDU_E2E_ARTIFACTS ?? '/tmp';
  try {
    execFileSync('import', ['-window', 'root', join(dir, `${name}.png`)], { timeout: 10000 });
    console.log(`  [e2e] the display then: ${join(dir, `${name}.png`)}`);
  } catch (e) { console.log(`  [e2e] no picture of the display: ${e.message}`); }
  try {
    console.log(execFileSync('ps', ['-eo', 'pid,stat,pcpu,rss,etime,args', '--sort=-pcpu'], { encoding: 'utf8' })
      .split('\n').filter((l) => /WebKit|jiandu|tauri-driver|PID/.test(l)).map((l) => `  [e2e] ${l.slice(0, 160)}`).join('\n'));
  } catch { /* ps is only a help */ }
}

/** Ends the session and waits until the window's process on `dataDir` is gone, so a window
 *  reopened on the same data does not meet the old one still holding the database. */
export async function quitApp(driver, dataDir) {
  await driver.quit();
  const deadline = Date.now() + WAIT;
  for (;;) {
    let alive = '';
    try { alive = execFileSync('pgrep', ['-f', '--', `--data-dir ${dataDir}`], { encoding: 'utf8' }).trim(); } catch { alive = ''; }
    if (!alive) return;
    if (Date.now() > deadline) throw new Error(`关闭窗口后程序仍在运行（进程 ${alive}）`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const tid = (id) => By.css(`[data-testid="${id}"]`);

/** Waits for a visible element with this test id and returns it. */
export async function find(driver, id, root) {
  const loc = tid(id);
  const el = root
    ? await driver.wait(async () => (await root.findElements(loc))[0], WAIT, `等待 ${id}`)
    : await driver.wait(until.elementLocated(loc), WAIT, `等待 ${id}`);
  await driver.wait(until.elementIsVisible(el), WAIT, `等待 ${id} 可见`);
  return el;
}

/** Errors that mean "the page is still changing": the element was re-rendered, or a closing
 *  dialog or a fading message still covers it. Waiting helpers retry on these. */
const TRANSIENT = new Set(['StaleElementReferenceError', 'ElementClickInterceptedError',
  'ElementNotInteractableError']);
const transient = (e) => TRANSIENT.has(e?.name);

/** Clicks `el` as soon as nothing covers it (a fading message, a closing dialog). */
export async function clickEl(driver, el, what = '元素') {
  await driver.wait(async () => {
    try {
      await driver.executeScript('arguments[0].scrollIntoView({block: "center"})', el);
      await el.click();
      return true;
    } catch (e) {
      if (e?.name === 'ElementClickInterceptedError' || e?.name === 'ElementNotInteractableError') return false;
      throw e;
    }
  }, WAIT, `点击${what}`);
}

/** Clicks the element with this test id, as soon as nothing covers it. */
export async function click(driver, id) {
  let el;
  await driver.wait(async () => {
    try {
      el = await find(driver, id);
      await driver.executeScript('arguments[0].scrollIntoView({block: "center"})', el);
      await el.click();
      return true;
    } catch (e) {
      if (transient(e)) return false;
      throw e;
    }
  }, WAIT, `点击 ${id}`);
  return el;
}

/** Types into the <input>/<textarea> inside the element with this test id, replacing its text. */
export async function typeInto(driver, id, text) {
  const box = await find(driver, id);
  const input = await box.findElement(By.css('input, textarea')).catch(() => box);
  // A closing dropdown or a fading message may still cover the field: click once it is free.
  await clickEl(driver, input, id);
  await input.sendKeys(Key.chord(Key.CONTROL, 'a'), Key.BACK_SPACE);
  if (text) await input.sendKeys(text);
  return input;
}

/** Waits until some element with this test id has exactly `text` (trimmed), and returns it. */
export async function waitForText(driver, id, text, timeout = WAIT) {
  let seen = [];
  try {
    return await driver.wait(async () => {
      const els = await driver.findElements(tid(id));
      seen = [];
      try {
        for (const el of els) {
          const t = (await el.getText()).trim();
          seen.push(t);
          if (t === text) return el;
        }
      } catch (e) {
        if (!transient(e)) throw e;
      }
      return null;
    }, timeout);
  } catch (e) {
    throw new Error(`等待 [${id}] 出现“${text}”超时；看到的是：${JSON.stringify(seen.slice(0, 10))}`);
  }
}

/** Texts of all elements with this test id. */
export async function texts(driver, id) {
  for (let attempt = 0; ; attempt++) {
    try {
      const els = await driver.findElements(tid(id));
      return await Promise.all(els.map(async (e) => (await e.getText()).trim()));
    } catch (e) {
      if (!transient(e) || attempt >= 5) throw e;
      await driver.sleep(200);
    }
  }
}

/** Texts of the elements with this test id that are on screen: Element Plus tables keep hidden
 *  copies of a column's cells, which must not count. */
export async function visibleTexts(driver, id) {
  for (let attempt = 0; ; attempt++) {
    try {
      const out = [];
      for (const el of await driver.findElements(tid(id))) if (await el.isDisplayed()) out.push((await el.getText()).trim());
      return out;
    } catch (e) {
      if (!transient(e) || attempt >= 5) throw e;
      await driver.sleep(200);
    }
  }
}

/** Waits until the form item holding the element with this test id shows an error under it,
 *  and returns that error's text (the message placed under the field, not a label or a toast). */
export async function fieldError(driver, id, timeout = WAIT) {
  let text = '';
  await driver.wait(async () => {
    try {
      for (const el of await driver.findElements(tid(id))) {
        if (!(await el.isDisplayed())) continue;
        const item = await el.findElement(By.xpath('./ancestor::*[contains(concat(" ", @class, " "), " el-form-item ")][1]'));
        const errs = await item.findElements(By.css('.el-form-item__error'));
        for (const e of errs) if (await e.isDisplayed()) { text = (await e.getText()).trim(); if (text) return true; }
      }
    } catch (e) {
      if (!transient(e)) throw e;
    }
    return false;
  }, timeout, `等待 ${id} 下方的错误提示`);
  return text;
}

/** Clicks the confirm button of an Element Plus message box. */
export async function confirmBox(driver) {
  const btn = await driver.wait(
    until.elementLocated(By.css('.el-message-box__btns .el-button--primary')), WAIT);
  await driver.wait(until.elementIsVisible(btn), WAIT);
  await clickEl(driver, btn, '确认按钮');
}

/** Saves a picture of the display (to tests/e2e/artifacts) so a failure can be looked at. Taken
 *  from the X server, not with WebDriver's screenshot: WebKitWebDriver's never answered on some
 *  pages (the unit tree), and a test must not hang on its own diagnostics. */
export async function screenshot(driver, name) {
  const dir = process.env.JIANDU_E2E_ARTIFACTS ?? '/tmp';
  mkdirSync(dir, { recursive: true });
  execFileSync('import', ['-window', 'root', join(dir, `${name}.png`)], { timeout: 15000 });
}

/** The whole visible text of the page. */
export async function pageText(driver) {
  return driver.findElement(By.css('body')).getText();
}

/** The first visible element matching `locator` whose text satisfies `match`, once there is one. */
export async function waitVisible(driver, locator, match = () => true, what = '元素') {
  return driver.wait(async () => {
    try {
      for (const el of await driver.findElements(locator)) {
        if ((await el.isDisplayed()) && match((await el.getText()).trim())) return el;
      }
    } catch (e) {
      if (!transient(e)) throw e;
    }
    return null;
  }, WAIT, `等待${what}`);
}

/** Picks from an Element Plus select (test id on the select): types `query` if given (remote
 *  search), then clicks the visible option whose text starts with `optionText`. */
export async function pick(driver, id, optionText, query) {
  const box = await find(driver, id);
  await clickEl(driver, box, id);
  if (query !== undefined) {
    const input = await box.findElement(By.css('input'));
    await input.sendKeys(query);
  }
  const option = await waitVisible(driver, By.css('.el-select-dropdown__item'),
    (t) => t.startsWith(optionText), `选项“${optionText}”`);
  await clickEl(driver, option, `选项“${optionText}”`);
  // A multiple select stays open: close it so it does not cover what comes next.
  await driver.executeScript('document.activeElement && document.activeElement.blur()');
  await driver.findElement(By.css('body')).sendKeys(Key.ESCAPE).catch(() => {});
}

const started = Date.now();
/** Prints where a test is, with the seconds since the file started: when a run hangs on a slow
 *  machine, the log shows the last step reached. */
export function step(what) {
  console.log(`  [${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);
}

/** Opens an address inside the app by its hash route. WebDriver's "navigate to" a URL that differs
 *  only in its #fragment is a same-document navigation; WebKitWebDriver was seen to wait on it for
 *  ever in a fresh-clone CI run. Setting the hash from the page returns at once. */
export async function openRoute(driver, url) {
  const hash = new URL(url).hash || '#/';
  await driver.executeScript('window.location.hash = arguments[0]', hash);
}

/** Answers the system's file dialog (GTK) the way a clerk does, by typing the path: WebDriver
 *  reaches only the page, so the keys go through the X server (xdotool). `title` is the dialog's
 *  title; an open dialog takes the path in its location bar (Ctrl+L), a save dialog in its name
 *  field. Use ASCII paths: xdotool types them key by key. */
export async function chooseInDialog(title, path, { save = false } = {}) {
  const deadline = Date.now() + WAIT;
  let id = '';
  while (!id) {
    try { id = execFileSync('xdotool', ['search', '--onlyvisible', '--name', title], { encoding: 'utf8' }).trim().split('\n')[0]; } catch { id = ''; }
    if (!id) {
      if (Date.now() > deadline) throw new Error(`等待文件对话框“${title}”超时`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const x = (...args) => execFileSync('xdotool', args, { timeout: 15000 });
  x('windowfocus', '--sync', id);
  await new Promise((r) => setTimeout(r, 300));
  x('key', '--clearmodifiers', save ? 'ctrl+a' : 'ctrl+l');
  await new Promise((r) => setTimeout(r, 200));
  x('type', '--delay', '15', path);
  await new Promise((r) => setTimeout(r, 200));
  x('key', 'Return');
}
