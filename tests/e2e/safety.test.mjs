// Issue 12's "done when", in the real app over three working days (the window's clock pinned to
// each day): a new user sets a password on first start (the recovery code is shown once) and
// enters a record; the database file is then unreadable without the key; the next day the window
// asks for the password (and takes the day's automatic backup); on the third day a mistaken edit is
// undone by restoring yesterday's backup from 设置 → 备份与恢复, and the 操作日志 shows the record's
// creation and the restore under the account that did them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  By, openApp, quitApp, freshDataDir, loadDemoHeadless, find, click, clickEl, typeInto, waitForText, pick,
  screenshot, step, pageText, E2E_LOGIN, E2E_NAME,
} from './lib.mjs';

const dataDir = freshDataDir('safety');
const UNIT = '云溪县审计局';
const WRONG = '云溪县审计局（误改）';
let driver;

before(() => { loadDemoHeadless(dataDir, { today: '2026-12-01' }); });
after(async () => { if (driver) await driver.quit().catch(() => {}); });

async function shot(name) {
  try { await screenshot(driver, name); } catch { /* only a help */ }
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
    await pick(driver, 'unit-form-category', '政府部门');
    await click(driver, 'unit-form-save');
    await waitForText(driver, 'unit-node', UNIT);
  } catch (e) { await shot('fail-safety-day1'); throw e; }
  await quitApp(driver, dataDir);
  driver = undefined;

  const db = join(dataDir, 'jiandu.db');
  assert.equal(plainSqliteReads(db), false, 'sqlite3 不应能读出加密的数据库');
  const raw = Buffer.concat([db, `${db}-wal`].filter(existsSync).map((f) => readFileSync(f)));
  assert.notEqual(raw.subarray(0, 15).toString('latin1'), 'SQLite format 3', '文件头不应是明文 SQLite');
  for (const plain of [UNIT, '云溪县', E2E_NAME]) {
    assert.equal(raw.includes(Buffer.from(plain, 'utf8')), false, `文件中不应出现明文“${plain}”`);
  }
});

test('day 2: reopening asks for the password; the day\'s automatic backup is taken', async () => {
  driver = await openApp(dataDir, { today: '2026-12-02' });
  try {
    assert.equal(driver.jianduFirstScreen, 'auth-signin-form', '再次打开应要求输入密码');
    await click(driver, 'nav-settings');
    await waitForText(driver, 'backup-list', '2026-12-02');
  } catch (e) { await shot('fail-safety-day2'); throw e; }
  await quitApp(driver, dataDir);
  driver = undefined;
});

test('day 3: a mistaken edit is undone by restoring yesterday\'s backup, and the log shows both', async () => {
  driver = await openApp(dataDir, { today: '2026-12-03' });
  try {
    step('the mistaken edit');
    await click(driver, 'nav-units');
    await typeInto(driver, 'unit-search', '审计');
    await clickEl(driver, await waitForText(driver, 'unit-node', UNIT), '单位');
    await click(driver, 'unit-edit');
    const name = await find(driver, 'unit-form-name');
    const input = await name.findElement(By.css('input'));
    await input.clear();
    await input.sendKeys(WRONG);
    await click(driver, 'unit-form-save');
    await waitForText(driver, 'unit-title', WRONG);

    step('restore yesterday\'s backup');
    await click(driver, 'nav-settings');
    const list = await find(driver, 'backup-list');
    const rows = await list.findElements(By.css('tbody tr'));
    let restoreButton;
    for (const row of rows) {
      const text = await row.getText();
      if (text.includes('2026-12-02') && text.includes('自动')) restoreButton = await row.findElement(By.css('[data-testid=backup-row-restore]'));
    }
    assert.ok(restoreButton, `备份列表中应有 2026-12-02 的自动备份：${await list.getText()}`);
    await clickEl(driver, restoreButton, '恢复…');
    await waitForText(driver, 'restore-taken-at', '2026-12-02');
    const counts = await (await find(driver, 'restore-counts')).getText();
    assert.match(counts, /单位\s*4\d/, `恢复前应显示备份中的记录数：${counts}`);
    await shot('safety-restore-dialog');
    await click(driver, 'restore-confirm');
    await waitForText(driver, 'restore-done', '2026-12-02');

    step('the record is as it was yesterday');
    await click(driver, 'nav-units');
    await typeInto(driver, 'unit-search', '审计');
    const node = await waitForText(driver, 'unit-node', UNIT);
    assert.equal(await node.getText(), UNIT, '误改应已撤销');

    step('the 操作日志');
    await click(driver, 'nav-audit');
    await find(driver, 'audit-table');
    const actor = `${E2E_NAME}（${E2E_LOGIN}）`;
    await driver.wait(async () => (await pageText(driver)).includes('恢复'), 15000, '操作日志应有恢复备份的记录');
    const rows2 = await driver.findElements(By.css('[data-testid=audit-table] tbody tr'));
    const lines = await Promise.all(rows2.map((r) => r.getText()));
    assert.ok(lines.some((l) => /恢复/.test(l) && l.includes(actor)), `恢复备份应记在“${actor}”名下：\n${lines.join('\n')}`);
    assert.ok(lines.some((l) => l.includes(UNIT) && /新增|新建/.test(l) && l.includes(actor)), `新增单位应记在“${actor}”名下：\n${lines.join('\n')}`);
    await shot('safety-audit');
  } catch (e) { await shot('fail-safety-day3'); throw e; }
});
