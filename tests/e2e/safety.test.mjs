// Issue 12's "done when", in the real app over three working days (the window's clock pinned to
// each day): a new user sets a password on first start (the recovery code is shown once) and
// enters a record; the database file is then unreadable without the key; the next day the window
// asks for the password (and takes the day's automatic backup); on the third day a mistaken edit is
// undone by restoring yesterday's backup from 设置 → 备份与恢复, and the 操作日志 shows the record's
// creation and the restore under the account that did them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  By, openApp, quitApp, freshDataDir, loadDemoHeadless, find, click, clickEl, typeInto, waitForText, waitVisible,
  screenshot, step, E2E_LOGIN, E2E_NAME,
} from './lib.mjs';

const dataDir = freshDataDir('safety');
const UNIT = '云溪县审计局';
const WRONG = '云溪县审计局（误改）';
let driver;

before(() => { loadDemoHeadless(dataDir, { today: '2026-12-01' }); });
after(async () => { await close(); });

async function shot(name) {
  try { await screenshot(driver, name); } catch { /* only a help */ }
}

/** Picks an option of a select inside a dialog (lib's pick() ends with Escape, which would close
 *  the dialog), and reads the choice back. */
async function choose(id, optionText) {
  for (let attempt = 1; ; attempt++) {
    await clickEl(driver, await find(driver, id), id);
    const option = await waitVisible(driver, By.css('.el-select-dropdown__item'), (t) => t === optionText, `选项“${optionText}”`);
    await clickEl(driver, option, `选项“${optionText}”`);
    try {
      await driver.wait(async () => (await textOf(await find(driver, id))).includes(optionText), 3000);
      return;
    } catch (e) {
      if (attempt === 3) throw new Error(`选择“${optionText}”三次未生效`);
    }
  }
}

/** The element's text, also where it is scrolled out of view (WebDriver's getText leaves that out). */
const textOf = (el) => driver.executeScript('return arguments[0].textContent', el);

/** Waits until the element with this test id shows `part` somewhere in its text. */
async function waitContains(id, part) {
  const el = await find(driver, id);
  await driver.wait(async () => (await textOf(el)).includes(part), 15000, `[${id}] 应包含“${part}”`);
}

/** Closes the window after a test, failed or not, so the next day starts a fresh one. */
async function close() {
  if (!driver) return;
  const d = driver;
  driver = undefined;
  await quitApp(d, dataDir);
}

/** True when python's sqlite3 (no SQLCipher, no key) can read the file's tables. */
function plainSqliteReads(file) {
  try {
    execFileSync('python3', ['-c', 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from sqlite_master").fetchone())', file],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return true;
  } catch (e) {
    assert.match(String(e.stderr), /not a database|encrypted/, `sqlite3 应报“不是数据库”：${e.stderr}`);
    return false;
  }
}

test('day 1: a password at first start, a record entered, and the file unreadable without the key', async () => {
  // Before the administrator exists the demo database is a plain SQLite file.
  assert.equal(plainSqliteReads(join(dataDir, 'jiandu.db')), true, '建立账户前的数据库是普通文件');
  driver = await openApp(dataDir, { today: '2026-12-01' });
  try {
    assert.equal(driver.jianduFirstScreen, 'auth-setup-form', '首次启动应要求创建管理员');
    assert.match(driver.jianduRecoveryCode ?? '', /^[A-Z0-9]{4}(-[A-Z0-9]{4}){5}$/, `应显示一次恢复密钥：${driver.jianduRecoveryCode}`);
    step('new unit');
    await click(driver, 'nav-units');
    await click(driver, 'unit-new');
    await typeInto(driver, 'unit-form-name', UNIT);
    await choose('unit-form-category', '政府部门');
    await click(driver, 'unit-form-save');
    await waitForText(driver, 'unit-node', UNIT);
  } catch (e) { await shot('fail-safety-day1'); throw e; } finally { await close(); }

  const db = join(dataDir, 'jiandu.db');
  assert.equal(plainSqliteReads(db), false, 'sqlite3 不应能读出加密的数据库');
  const raw = Buffer.concat([db, `${db}-wal`].filter(existsSync).map((f) => readFileSync(f)));
  assert.notEqual(raw.subarray(0, 15).toString('latin1'), 'SQLite format 3', '文件头不应是明文 SQLite');
  for (const plain of [UNIT, '云溪县', E2E_NAME]) {
    assert.equal(raw.includes(Buffer.from(plain, 'utf8')), false, `文件中不应出现明文“${plain}”`);
  }
  // The day's backup is encrypted too, and no plain copy was left behind from before the password.
  const backups = readdirSync(join(dataDir, 'backups')).filter((f) => f.endsWith('.db'));
  assert.ok(backups.some((f) => f.startsWith('jiandu-auto-20261201')), `应有当天的自动备份：${backups}`);
  for (const f of backups) assert.equal(plainSqliteReads(join(dataDir, 'backups', f)), false, `备份 ${f} 不应是明文`);
});

test('day 2: reopening asks for the password; the day\'s automatic backup is taken', async () => {
  driver = await openApp(dataDir, { today: '2026-12-02' });
  try {
    assert.equal(driver.jianduFirstScreen, 'auth-signin-form', '再次打开应要求输入密码');
    await click(driver, 'nav-settings');
    const list = await find(driver, 'backup-list');
    await driver.wait(async () => (await textOf(list)).includes('2026-12-02'), 15000, '备份列表应有今天（2026-12-02）的自动备份');
  } catch (e) { await shot('fail-safety-day2'); throw e; } finally { await close(); }
});

test('day 3: a mistaken edit is undone by restoring yesterday\'s backup, and the log shows both', async () => {
  driver = await openApp(dataDir, { today: '2026-12-03' });
  try {
    step('the mistaken edit');
    await click(driver, 'nav-units');
    await typeInto(driver, 'unit-search', '审计');
    await clickEl(driver, await waitForText(driver, 'unit-node', UNIT), '单位');
    await click(driver, 'unit-edit');
    await typeInto(driver, 'unit-form-name', WRONG);
    await click(driver, 'unit-form-save');
    await waitForText(driver, 'unit-title', WRONG);

    step('restore yesterday\'s backup');
    await click(driver, 'nav-settings');
    const list = await find(driver, 'backup-list');
    const rows = await list.findElements(By.css('tbody tr'));
    let restoreButton;
    for (const row of rows) {
      const text = await textOf(row);
      if (text.includes('2026-12-02') && text.includes('自动')) restoreButton = await row.findElement(By.css('[data-testid=backup-row-restore]'));
    }
    assert.ok(restoreButton, `备份列表中应有 2026-12-02 的自动备份：${await textOf(list)}`);
    await clickEl(driver, restoreButton, '恢复…');
    await waitContains('restore-taken-at', '2026-12-02');
    const counts = await (await find(driver, 'restore-counts')).getText();
    assert.match(counts, /单位\s*4\d/, `恢复前应显示备份中的记录数：${counts}`);
    await shot('safety-restore-dialog');
    await click(driver, 'restore-confirm');
    await waitContains('restore-done', '已恢复到 2026-12-02');

    step('the record is as it was yesterday');
    await click(driver, 'nav-units');
    await typeInto(driver, 'unit-search', '审计');
    const node = await waitForText(driver, 'unit-node', UNIT);
    assert.equal(await node.getText(), UNIT, '误改应已撤销');

    step('the 操作日志');
    await click(driver, 'nav-audit');
    const table = await find(driver, 'audit-table');
    const actor = `${E2E_NAME}（${E2E_LOGIN}）`;
    let lines = [];
    await driver.wait(async () => {
      const rows = await driver.findElements(By.css('[data-testid=audit-table] .el-table__body tbody tr'));
      lines = await Promise.all(rows.map(textOf));
      return lines.some((l) => l.includes('从备份恢复')) && lines.some((l) => l.includes(UNIT));
    }, 15000, '操作日志应列出恢复备份和新增单位').catch(async () => {
      throw new Error(`操作日志中没有恢复备份或新增单位的记录：\n${lines.join('\n') || await textOf(table)}`);
    });
    assert.ok(lines.some((l) => l.includes('从备份恢复') && l.includes('2026-12-02') && l.includes(actor)), `恢复备份应记在“${actor}”名下：\n${lines.join('\n')}`);
    assert.ok(lines.some((l) => l.includes(UNIT) && /新增|新建/.test(l) && l.includes(actor)), `新增单位应记在“${actor}”名下：\n${lines.join('\n')}`);
    await shot('safety-audit');
  } catch (e) { await shot('fail-safety-day3'); throw e; }
});
