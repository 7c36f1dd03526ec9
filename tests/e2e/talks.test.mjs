// Issue 3, end to end in the real app: on 2024-09-27 a clerk records a 约谈 of a unit's head with
// two problems and two remedies, adds two rectification items due in 10 工作日 (across the National
// Day holiday: 2024-10-16), closes one and sees the figures move; reopened on 2024-10-17 the other
// is overdue on the talk page and on the worklist. A talk without a subject is refused and nothing
// is written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  By, Key, openApp, freshDataDir, loadDemoHeadless, find, click, clickEl, typeInto, waitForText, texts, screenshot,
  pick, tid, fieldError, quitApp,
} from './lib.mjs';

let driver;
const dataDir = freshDataDir('talks');
const PROBLEMS = ['“三重一大”事项未经班子集体研究', '公务接待台账登记不全'];
const REMEDIES = ['十个工作日内召开专题民主生活会', '补齐2024年公务接待台账'];
let talkUrl;

before(async () => {
  loadDemoHeadless(dataDir, { today: '2024-09-27' });
  driver = await openApp(dataDir, { today: '2024-09-27' });
});
after(async () => { if (driver) await driver.quit(); });

async function shot(t, name) {
  try { await screenshot(driver, name); } catch { /* the window may be gone */ }
}

async function completion() {
  await click(driver, 'nav-home');
  return (await find(driver, 'fig-completion-count')).getText();
}

async function fillList(id, lines) {
  for (const [i, line] of lines.entries()) {
    await click(driver, `${id}-add`);
    const boxes = await driver.findElements(By.css(`[data-testid="${id}-item"] textarea`));
    await boxes[i].sendKeys(line);
  }
}

test('a talk without a subject is refused with a message naming 谈话对象, and nothing is written', async (t) => {
  try {
    await click(driver, 'nav-talks');
    await find(driver, 'talks-table');
    await driver.sleep(500);
    const before = (await texts(driver, 'talk-row-subjects')).length;
    await click(driver, 'talk-new');
    await click(driver, 'talk-form-save');
    assert.equal(await fieldError(driver, 'talk-form-subjects'), '谈话对象不能为空');
    await click(driver, 'nav-talks');
    await find(driver, 'talks-table');
    await driver.sleep(500);
    assert.equal((await texts(driver, 'talk-row-subjects')).length, before, '出错时不应写入谈话');
  } catch (e) { await shot(t, 'fail-talk-no-subject'); throw e; }
});

test('a 约谈 of a unit head with two problems, two remedies and two items due in 10 工作日', async (t) => {
  try {
    const [closed0, total0] = (await completion()).split('/').map(Number);

    await click(driver, 'nav-talks');
    await click(driver, 'talk-new');
    await pick(driver, 'talk-form-kind', '约谈');
    await pick(driver, 'talk-form-subjects', '单丽华', 'slh');
    await typeInto(driver, 'talk-form-place', '县纪委监委第一谈话室');
    await click(driver, 'talk-form-conductor-mode-role');
    await typeInto(driver, 'talk-form-conductor-role', '县纪委副书记、监委副主任');
    await fillList('talk-form-problems', PROBLEMS);
    await fillList('talk-form-remedies', REMEDIES);
    await click(driver, 'talk-form-save');

    await waitForText(driver, 'talk-title', '约谈：单丽华');
    talkUrl = await driver.getCurrentUrl();
    await waitForText(driver, 'talk-state', '已谈话');
    const listed = async (id) => Promise.all((await driver.findElements(By.css(`[data-testid="${id}"] li`))).map((e) => e.getText()));
    assert.deepEqual(await listed('talk-problems'), PROBLEMS);
    assert.deepEqual(await listed('talk-remedies'), REMEDIES);

    for (const n of [1, 2]) {
      await click(driver, 'item-new');
      await click(driver, `item-pick-problem-${n}`);
      // 10 工作日 from Friday 2024-09-27: the 调休 Sunday 9-29 counts, 10-1…10-7 do not, Saturday 10-12 does.
      await waitForText(driver, 'item-form-due-preview', '→ 2024-10-16');
      await click(driver, 'item-form-save');
      await driver.wait(async () => (await texts(driver, 'item-problem')).length === n, 10000, `应有 ${n} 条整改事项`);
    }
    assert.deepEqual(await texts(driver, 'item-due'), ['2024-10-16', '2024-10-16']);
    assert.deepEqual(await texts(driver, 'item-problem'), PROBLEMS);
    await waitForText(driver, 'talk-state', '整改中');

    // Close the first: the talk stays 整改中 while the second is open.
    const closeButtons = await driver.findElements(tid('item-close'));
    await driver.executeScript('arguments[0].scrollIntoView({block: "center"})', closeButtons[0]);
    await clickEl(driver, closeButtons[0], '销号');
    await typeInto(driver, 'item-close-evidence', '已召开专题会议，会议记录附后');
    await click(driver, 'item-close-confirm');
    await driver.wait(async () => (await texts(driver, 'item-status')).join() === '已销号,整改中', 10000, '第一项应已销号');
    await waitForText(driver, 'talk-state', '整改中');
    await shot(t, 'talk-items');

    // The 谈话记录表 prints from the talk page: the dialog draws the PDF's pages.
    await click(driver, 'talk-record-pdf');
    await driver.wait(async () => {
      for (const c of await driver.findElements(By.css('.el-dialog canvas[data-testid="pdf-page"]'))) if (await c.isDisplayed()) return true;
      return false;
    }, 30000, '谈话记录表应显示打印预览');
    await driver.findElement(By.css('body')).sendKeys(Key.ESCAPE);
    await driver.wait(async () => {
      for (const d of await driver.findElements(By.css('.el-dialog'))) if (await d.isDisplayed()) return false;
      return true;
    }, 10000, '预览对话框应关闭');

    // The worklist's figures count what happened: two more items, one more closed.
    assert.equal(await completion(), `${closed0 + 1}/${total0 + 2}`);
  } catch (e) { await shot(t, 'fail-talk-flow'); throw e; }
});

test('when the clock passes the deadline the open item is overdue, on the talk and on the worklist', async (t) => {
  try {
    assert.ok(talkUrl, '上一步应已登记谈话');
    await quitApp(driver, dataDir);
    driver = await openApp(dataDir, { today: '2024-10-17' });
    await click(driver, 'nav-home');
    const items = await driver.wait(async () => {
      const els = await driver.findElements(tid('wl-item'));
      for (const el of els) {
        const text = await el.getText();
        if (text.includes(PROBLEMS[1])) return text;
      }
      return null;
    }, 15000, '工作台应列出逾期的整改事项');
    assert.match(items, /逾期 1 天/);
    await shot(t, 'worklist-overdue');

    const el = await driver.findElement(By.xpath(`//*[@data-testid="wl-item"][contains(., "${PROBLEMS[1]}")]`));
    await clickEl(driver, el);
    await waitForText(driver, 'item-title', PROBLEMS[1]);
    assert.match(await (await find(driver, 'item-page-status')).getText(), /逾期 1 天/);
    await click(driver, 'item-origin');
    await waitForText(driver, 'talk-title', '约谈：单丽华');
    assert.deepEqual(await texts(driver, 'item-status'), ['已销号', '逾期']);
  } catch (e) { await shot(t, 'fail-talk-overdue'); throw e; }
});
