// Issue 4, end to end in the real app. On 2026-01-05 (no letter signed yet this year) a clerk picks
// the 提醒函 template, fills a recipient, previews, signs (云纪函〔2026〕1号), signs a second (2号),
// voids the first (it keeps 1号), batch-signs five more (3–7号), exports the year's letters with
// the headless command, marks one delivered and replied; reopened in March, another delivered
// letter is 逾期未复 and a 催办 can be started from it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  By, openApp, openRoute, freshDataDir, loadDemoHeadless, find, click, clickEl, typeInto, waitForText, texts, screenshot,
  pick, tid, waitVisible, visibleTexts as visibleTextsOf, fieldError, Key, quitApp,
} from './lib.mjs';

const JAN = '2026-01-05';
const MAR = '2026-03-16';
let driver;
// The demo county as it stood at the end of 2025: its letters are numbered in 2024 and 2025.
const dataDir = freshDataDir('letters');
const urls = {};

before(async () => {
  loadDemoHeadless(dataDir, { today: '2025-12-01' });
  driver = await openApp(dataDir, { today: JAN });
});
after(async () => { if (driver) await driver.quit(); });

async function shot(name) {
  try { await screenshot(driver, name); } catch { /* the window may be gone */ }
}

/** Texts of the elements with this test id that are on screen. */
const visibleTexts = (id) => visibleTextsOf(driver, id);

/** Value of the <input>/<textarea> inside the element with this test id. */
async function valueOf(id) {
  const box = await find(driver, id);
  const input = await box.findElement(By.css('input, textarea')).catch(() => box);
  return input.getAttribute('value');
}

/** Drafts a 落实“两个责任”提醒函 to `who` (searched by `query`), previews and saves it. */
async function draftReminder(who, query) {
  await click(driver, 'nav-letters');
  await click(driver, 'letter-new');
  await pick(driver, 'letter-template', '落实“两个责任”提醒函');
  await pick(driver, 'letter-person-picker', who, query);
  await click(driver, 'letter-fill');
  await driver.wait(async () => /“两个责任”/.test(await valueOf('letter-title')), 15000, '标题应按模板填好');
  await driver.wait(async () => (await valueOf('letter-recipient')).length > 0, 15000, '主送应按收件人填好');
  const body = await valueOf('letter-body');
  assert.match(body, /2026年度/, '正文中的{年份}应已填为2026');
  assert.doesNotMatch(body, /\{单位\}|\{年份\}/, '正文不应留有已能填写的字段');
  await click(driver, 'letter-preview');
  // The preview is the PDF drawn page by page.
  await driver.wait(async () => (await driver.findElements(By.css('canvas[data-testid="pdf-page"]'))).length > 0,
    30000, '应显示打印预览');
  await click(driver, 'letter-save');
  await waitForText(driver, 'letter-number', '草稿（签发时编号）');
  return driver.getCurrentUrl();
}

/** Signs the open draft; the dialog must first say the number the core will give (`expected`). */
async function sign(expected, date) {
  await click(driver, 'letter-sign');
  if (date) await typeInto(driver, 'letter-step-date', date);
  await driver.wait(async () => (await visibleTexts('letter-sign-number')).some((t) => t.includes(`：${expected}，`)), 10000,
    `签发对话框应显示将编定的文号 ${expected}`);
  await click(driver, 'letter-step-save');
}

test('a 提醒函 from the template, previewed and signed, gets number 1 of the year; a second gets 2', async () => {
  try {
    urls.first = await draftReminder('单丽华', 'slh');
    await sign('云纪函〔2026〕1号');
    await waitForText(driver, 'letter-number', '云纪函〔2026〕1号');
    await waitForText(driver, 'letter-state', '已签发');
    await waitForText(driver, 'letter-signed-date', JAN);
    await shot('letter-signed');

    urls.second = await draftReminder('何雅琴', 'hyq');
    await sign('云纪函〔2026〕2号');
    await waitForText(driver, 'letter-number', '云纪函〔2026〕2号');
  } catch (e) { await shot('fail-letter-sign'); throw e; }
});

test('voiding the first keeps its number, and it shows as 作废', async () => {
  try {
    await openRoute(driver, urls.first);
    await waitForText(driver, 'letter-number', '云纪函〔2026〕1号');
    await click(driver, 'letter-void');
    await typeInto(driver, 'void-reason', '收件单位有误，重新发函');
    await click(driver, 'void-confirm');
    await waitForText(driver, 'letter-state', '已作废');
    await waitForText(driver, 'letter-number', '云纪函〔2026〕1号');

    await click(driver, 'nav-letters');
    await click(driver, 'letter-show-voided');
    await waitForText(driver, 'letter-row-number', '云纪函〔2026〕1号');
    // Only the rows on screen: the table keeps a hidden copy of a column's cells while it re-renders.
    await driver.wait(async () => (await visibleTexts('letter-row-state')).join() === '已作废', 10000,
      '已作废列表中只有1号');
    await click(driver, 'letter-show-voided');
  } catch (e) { await shot('fail-letter-void'); throw e; }
});

test('a batch of five signs 3–7, and the year\'s letters export as PDF files', async () => {
  try {
    await click(driver, 'nav-letters');
    await click(driver, 'letter-batch');
    await pick(driver, 'batch-template', '提醒函　落实“两个责任”提醒函');
    await pick(driver, 'batch-preset', '乡镇党委书记');
    // Keep the first five recipients the preset offers.
    let checks = [];
    await driver.wait(async () => {
      checks = [];
      for (const c of await driver.findElements(tid('batch-recipient-check'))) if (await c.isDisplayed()) checks.push(c);
      return checks.length > 5;
    }, 15000, '应列出 5 名以上乡镇党委书记');
    for (const c of checks.slice(5)) await clickEl(driver, c, '取消勾选');
    await waitForText(driver, 'batch-count', '已选 5 人');
    await waitForText(driver, 'batch-summary', '将签发 5 件，文号自 云纪函〔2026〕3号 起连续编号，至 云纪函〔2026〕7号');
    await click(driver, 'batch-sign');
    const ok = await waitVisible(driver, By.css('.el-message-box__btns .el-button--primary'), () => true, '确认签发');
    await clickEl(driver, ok, '确认签发');
    await driver.wait(async () => (await texts(driver, 'batch-result-number')).filter(Boolean).length === 5, 30000, '应签发 5 件');
    assert.deepEqual((await texts(driver, 'batch-result-number')).filter(Boolean),
      [3, 4, 5, 6, 7].map((n) => `云纪函〔2026〕${n}号`));
    await shot('letter-batch');

    await click(driver, 'nav-letters');
    // The rows on screen, by number: 1号 is voided, 2号 and the batch's 3–7号 are the year's live letters.
    const live = [2, 3, 4, 5, 6, 7].map((n) => `云纪函〔2026〕${n}号`);
    await driver.wait(async () => (await visibleTexts('letter-row-number')).sort().join() === [...live].sort().join(), 15000,
      `本年度应有 6 件有效函件：${live.join('、')}`);

    // Export every signed letter of the year, as the office does at year end (headless, beside the window).
    const out = mkdtempSync(join(process.env.JIANDU_E2E_WORK ?? '/tmp', 'export-'));
    execFileSync(process.env.JIANDU_APP, ['--data-dir', dataDir, '--today', JAN, 'letters', 'pdf', '--year', '2026', '--out', out]);
    const files = readdirSync(out).sort();
    assert.deepEqual(files, [2, 3, 4, 5, 6, 7].map((n) => `云纪函〔2026〕${n}号.pdf`).sort(), '作废的1号不导出');
    const text = execFileSync('pdftotext', ['-layout', join(out, '云纪函〔2026〕2号.pdf'), '-'], { encoding: 'utf8' });
    assert.match(text, /云纪函〔2026〕2号/);
    assert.match(text, /关于落实党风廉政建设“两个责任”的提醒函/);
  } catch (e) { await shot('fail-letter-batch'); throw e; }
});

test('one letter is delivered and replied; another delivered one goes 逾期未复 when the clock passes its due date', async () => {
  try {
    await openRoute(driver, urls.second);
    await waitForText(driver, 'letter-number', '云纪函〔2026〕2号');
    await click(driver, 'letter-deliver');
    // A 送达日期 before the letter was signed is refused, under that field, and nothing changes.
    const dateBox = await typeInto(driver, 'letter-step-date', '2025-12-30');
    await dateBox.sendKeys(Key.ENTER);
    await click(driver, 'letter-step-save');
    assert.match(await fieldError(driver, 'letter-step-date'), /^送达日期/);
    assert.equal(await (await find(driver, 'letter-state')).getText(), '已签发');
    await shot('letter-deliver-refused');
    const again = await typeInto(driver, 'letter-step-date', JAN);
    await again.sendKeys(Key.ENTER);
    await click(driver, 'letter-step-save');
    await waitForText(driver, 'letter-state', '已送达');
    await click(driver, 'letter-reply');
    await typeInto(driver, 'letter-step-reply-number', '人社党组〔2026〕1号');
    await typeInto(driver, 'letter-step-summary', '已召开党组会议专题研究，形成问题清单和整改措施。');
    await click(driver, 'letter-step-save');
    await waitForText(driver, 'letter-state', '已回复');
    await waitForText(driver, 'letter-replied-date', JAN);

    // 3号 is delivered today too, and never answered.
    await click(driver, 'nav-letters');
    const third = await waitForText(driver, 'letter-row-number', '云纪函〔2026〕3号');
    await clickEl(driver, third, '3号');
    await waitForText(driver, 'letter-number', '云纪函〔2026〕3号');
    urls.third = await driver.getCurrentUrl();
    await click(driver, 'letter-deliver');
    await click(driver, 'letter-step-save');
    await waitForText(driver, 'letter-state', '已送达');
    assert.match(await (await find(driver, 'letter-reply-due')).getText(), /^2026-\d\d-\d\d$/);
    assert.equal((await driver.findElements(tid('letter-overdue'))).length, 0, '尚未逾期');
  } catch (e) { await shot('fail-letter-reply'); throw e; }

  // Two months on: the window opens on 2026-03-16.
  await quitApp(driver, dataDir);
  driver = await openApp(dataDir, { today: MAR });
  try {
    await click(driver, 'nav-letters');
    await click(driver, 'letter-filter-overdue');
    // Once the filter applies, 3号 is listed and 2号 (replied) is not: read the rows on screen only.
    await driver.wait(async () => {
      const rows = await visibleTexts('letter-row-number');
      return rows.includes('云纪函〔2026〕3号') && !rows.includes('云纪函〔2026〕2号');
    }, 15000, '3号应列为逾期未复，已回复的2号不应列出');
    const third = await waitForText(driver, 'letter-row-number', '云纪函〔2026〕3号');
    await clickEl(driver, third, '3号');
    await waitForText(driver, 'letter-overdue', '逾期未复');
    await shot('letter-overdue');
    await click(driver, 'letter-follow-up');
    const ok = await waitVisible(driver, By.css('.el-message-box__btns .el-button--primary'), () => true, '确认');
    await clickEl(driver, ok, '起草催办函');
    await waitForText(driver, 'letter-number', '草稿（签发时编号）');
    // The draft names the letter it presses for: the link, not any text on the page.
    assert.match(await (await find(driver, 'letter-original')).getText(), /^云纪函〔2026〕3号 /);
  } catch (e) { await shot('fail-letter-overdue'); throw e; }
});
