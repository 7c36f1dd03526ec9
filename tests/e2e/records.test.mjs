// Issue 10 (the parts built so far), end to end in the real app. On 2026-03-10 a clerk changes the
// 县委办公室's 2025 rating to 基本合格, sees its head 单丽华 as 待约谈 on the worklist, records the
// 约谈 from there and sees the entry leave; then records a 严重警告 dated 2025-03-01 for 单丽华 and
// sees her flagged 影响期至 2026年9月1日 — and, reopened on 2026-09-02, no longer flagged; adds a
// 高 risk point on her post and sees it red in her unit's register; previews her 廉政档案 in the
// app and prints it headless, and every section is in the PDF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  By, openApp, freshDataDir, loadDemoHeadless, find, click, clickEl, typeInto, waitForText, screenshot,
  visibleTexts, Key, step, openRoute, quitApp,
} from './lib.mjs';

const TODAY = '2026-03-10';
const AFTER = '2026-09-02';
const UNIT = '中共云溪县委办公室';
const HEAD = '单丽华';
let driver;
const dataDir = freshDataDir('records');
let personUrl;

before(async () => {
  loadDemoHeadless(dataDir, { today: TODAY });
  driver = await openApp(dataDir, { today: TODAY });
});
after(async () => { if (driver) await driver.quit(); });

async function shot(name) {
  try { await screenshot(driver, name); } catch { /* the window may be gone */ }
}

/** The on-screen table row whose text contains `text`. Searched in the page: asking WebDriver
 *  about each of a long table's rows (and Element Plus's hidden copies) one by one takes minutes. */
async function rowWith(text) {
  return driver.wait(() => driver.executeScript(
    `return [...document.querySelectorAll('.el-table__body tr')]
       .find((tr) => tr.offsetParent !== null && tr.textContent.includes(arguments[0])) || null`, text),
  15000, `等待包含“${text}”的行`);
}

async function summonsEntries() {
  await click(driver, 'nav-home');
  await find(driver, 'wl-summons');
  await driver.sleep(500);
  return visibleTexts(driver, 'wl-summons-entry');
}

test('a 2025 rating of 基本合格 puts the head on the worklist as 待约谈 until the 约谈 is recorded', async () => {
  try {
    step('worklist before the rating');
    assert.ok(!(await summonsEntries()).some((t) => t.includes(HEAD)), `${HEAD} 起初不应待约谈`);
    step('rate the unit 基本合格');

    await click(driver, 'nav-assessments');
    await find(driver, 'assessment-table');
    const row = await rowWith(UNIT);
    await clickEl(driver, await row.findElement(By.css('[data-testid="assessment-edit"]')), '修改');
    const weak = await driver.wait(async () => {
      for (const el of await driver.findElements(By.css('[data-testid="assessment-form-rating"] .el-radio'))) {
        if ((await el.isDisplayed()) && (await el.getText()).trim() === '基本合格') return el;
      }
      return null;
    }, 15000, '等待“基本合格”选项');
    await clickEl(driver, weak, '基本合格');
    await click(driver, 'assessment-form-save');
    await driver.wait(async () => (await (await rowWith(UNIT)).getText()).includes('基本合格'), 15000, '考核等次应改为基本合格');

    step('worklist after the rating');
    const entries = await summonsEntries();
    const mine = entries.find((t) => t.includes(HEAD));
    assert.ok(mine, `${HEAD} 应列为待约谈：${JSON.stringify(entries)}`);
    assert.match(mine, /2025年度考核/);
    await shot('summons-due');

    // 登记约谈 from the entry: the talk form comes filled (约谈, the head, 考核结果, the link).
    const entry = await driver.wait(async () => {
      for (const el of await driver.findElements(By.css('[data-testid="wl-summons-entry"]'))) {
        if ((await el.isDisplayed()) && (await el.getText()).includes(HEAD)) return el;
      }
      return null;
    }, 15000, '待约谈条目');
    step('登记约谈');
    await clickEl(driver, await entry.findElement(By.css('[data-testid="wl-summons-talk"]')), '登记约谈');
    await find(driver, 'talk-form');
    await find(driver, 'talk-form-assessment');
    await click(driver, 'talk-form-conductor-mode-role');
    await typeInto(driver, 'talk-form-conductor-role', '县纪委书记');
    await click(driver, 'talk-form-save');
    await waitForText(driver, 'talk-title', `约谈：${HEAD}`);

    const after = await summonsEntries();
    assert.ok(!after.some((t) => t.includes(HEAD)), `约谈后 ${HEAD} 不应再待约谈：${JSON.stringify(after)}`);
  } catch (e) { await shot('fail-summons'); throw e; }
});

test('a 严重警告 dated 2025-03-01 flags the person until 2026-09-01', async () => {
  try {
    await click(driver, 'nav-people');
    await typeInto(driver, 'people-search', HEAD);
    const name = await waitForText(driver, 'person-row-name', HEAD);
    await clickEl(driver, name, HEAD);
    await find(driver, 'person-sanctions');
    personUrl = await driver.getCurrentUrl();
    assert.equal((await driver.findElements(By.css('[data-testid="person-sanction-flag"]'))).length, 0, '起初不应有影响期标记');

    step('new sanction');
    await click(driver, 'sanction-new');
    await find(driver, 'sanction-form');
    const category = await driver.wait(async () => {
      for (const el of await driver.findElements(By.css('[data-testid="sanction-category"] .el-radio-button'))) {
        if ((await el.isDisplayed()) && (await el.getText()).trim() === '党纪处分') return el;
      }
      return null;
    }, 15000, '“党纪处分”');
    await clickEl(driver, category, '党纪处分');
    // Open the kind select itself (its box also holds the period hint), then take the option.
    await clickEl(driver, await (await find(driver, 'sanction-kind')).findElement(By.css('.el-select')), '处分种类');
    const option = await driver.wait(() => driver.executeScript(
      `return [...document.querySelectorAll('.el-select-dropdown__item')]
         .find((o) => o.offsetParent !== null && o.textContent.trim() === arguments[0]) || null`, '严重警告'),
    15000, '选项“严重警告”');
    await clickEl(driver, option, '严重警告');
    const date = await typeInto(driver, 'sanction-decision-date', '2025-03-01');
    await date.sendKeys(Key.ENTER);
    await typeInto(driver, 'sanction-decision-number', '云纪处〔2025〕3号');
    await typeInto(driver, 'sanction-deciding-body', '中共云溪县纪律检查委员会');
    await click(driver, 'sanction-form-save');
    await waitForText(driver, 'person-sanction-flag', '影响期至 2026年9月1日');
    await shot('sanction-flag');
  } catch (e) { await shot('fail-sanction'); throw e; }

  // The day after the period: the flag has ended by itself; the record stays.
  step('reopen on the day after the period');
  await quitApp(driver, dataDir);
  driver = await openApp(dataDir, { today: AFTER });
  step('reopened');
  try {
    await openRoute(driver, personUrl);
    await find(driver, 'person-sanctions');
    await driver.wait(async () => (await visibleTexts(driver, 'sanction-kind-cell')).some((t) => t.includes('严重警告')), 15000, '处分记录应仍在');
    assert.equal((await driver.findElements(By.css('[data-testid="person-sanction-flag"]'))).length, 0, '影响期满后不应再标记');
  } catch (e) { await shot('fail-sanction-ended'); throw e; }
});

/** Opens an Element Plus select inside the element with this test id and takes the on-screen
 *  option whose text `match`es (searched in the page, not option by option). */
async function choose(testid, match, what) {
  // The click lands where the option was: if the dropdown moved as it scrolled, another option is
  // taken. Check what the select shows and try again (seen once: 财务和大额资金审批 for 政府采购).
  for (let attempt = 1; ; attempt++) {
    const select = await (await find(driver, testid)).findElement(By.css('.el-select'));
    await clickEl(driver, select, what);
    const option = await driver.wait(() => driver.executeScript(
      `return [...document.querySelectorAll('.el-select-dropdown__item')]
         .find((o) => o.offsetParent !== null && (arguments[1] ? o.textContent.trim() === arguments[0] : o.textContent.includes(arguments[0]))) || null`,
      match.text, match.exact), 15000, `选项“${match.text}”`);
    await clickEl(driver, option, match.text);
    const shown = await driver.wait(async () => (await select.getText()).trim() || null, 5000, `${what}应有选中值`);
    if (shown.includes(match.text)) return;
    if (attempt === 3) throw new Error(`${what}选中的是“${shown}”，不是“${match.text}”`);
  }
}

test('a 高 risk point shows red in the unit\'s register, and the person\'s file prints every section', async () => {
  const RISK = '政府采购需求由主要负责人个人确定，未经集体研究';
  try {
    step('unit page');
    await click(driver, 'nav-units');
    await typeInto(driver, 'unit-search', '县委办公室');
    await clickEl(driver, await waitForText(driver, 'unit-node', UNIT), UNIT);
    await waitForText(driver, 'unit-title', UNIT);
    step('new risk point on the head\'s post');
    await click(driver, 'unit-risk-new');
    await find(driver, 'risk-form');
    await choose('risk-position', { text: HEAD, exact: false }, '职务');
    await choose('risk-category-field', { text: '政府采购', exact: true }, '风险类别');
    const high = await driver.wait(async () => {
      for (const el of await driver.findElements(By.css('[data-testid="risk-level-field"] .el-radio'))) {
        if ((await el.isDisplayed()) && (await el.getText()).trim().startsWith('高')) return el;
      }
      return null;
    }, 15000, '等级“高”');
    await clickEl(driver, high, '高');
    await typeInto(driver, 'risk-description', RISK);
    await click(driver, 'risk-form-save');
    step('the register');
    const [label, colour] = await driver.wait(() => driver.executeScript(
      `const row = [...document.querySelectorAll('[data-testid="unit-risks"] .el-table__body tr')]
         .find((tr) => tr.offsetParent !== null && tr.textContent.includes(arguments[0]));
       const tag = row && row.querySelector('[data-testid="risk-level"]');
       return tag ? [tag.textContent.trim(), getComputedStyle(tag).backgroundColor] : null`, RISK),
    15000, '单位登记簿中应有新风险点');
    assert.equal(label, '高（红）');
    const row = await rowWith(RISK);
    assert.match(await row.getText(), /政府采购/, '风险类别应为所选的“政府采购”');
    assert.equal(colour, 'rgb(192, 57, 43)', '高等级应为红色');
    await shot('risk-red');
  } catch (e) { await shot('fail-risk'); throw e; }

  try {
    step('the file previewed in the app');
    await openRoute(driver, personUrl);
    await find(driver, 'person-sanctions');
    await click(driver, 'file-print');
    await driver.wait(async () => (await driver.findElements(By.css('canvas[data-testid="pdf-page"]'))).length > 2, 30000, '廉政档案预览应有封面、目录和正文');
    await shot('file-preview');
  } catch (e) { await shot('fail-file-preview'); throw e; }

  step('the file printed headless');
  const out = join(mkdtempSync(join(tmpdir(), 'jiandu-file-')), `${HEAD}.pdf`);
  execFileSync(process.env.JIANDU_APP, ['--data-dir', dataDir, '--today', TODAY, 'file', '--person', HEAD, '--out', out]);
  const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
  const flat = text.replace(/\s+/g, '');
  for (const title of ['一、任职经历', '二、谈话记录', '三、收到的函件', '四、处分', '五、家庭重大变动', '六、监督发现问题',
    '七、问题线索', '八、廉政风险点', '九、所在单位考核情况']) {
    assert.ok(flat.includes(title), `廉政档案应有“${title}”`);
  }
  assert.ok(flat.includes(HEAD) && flat.includes('严重警告') && flat.includes('高（红）') && flat.includes('约谈'),
    '档案应有处分、风险点和约谈');
  assert.ok(flat.includes('—2—'), '应有页码');
});
