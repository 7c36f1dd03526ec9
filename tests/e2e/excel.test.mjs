// Issue 11's "done when", in the real app on the demo county: a clerk imports a 300-row roster
// saved by WPS (a merged title row, a 填报单位 line, blank rows, three bad lines), sees the bad
// lines named by row and column with nothing written, fixes them, imports; prints the 2026 annual
// report; exports the overdue items from the worklist. Each produced file is read back by another
// reader than the one that wrote it (pdftotext; the workbook's XML through jszip).
//
// The system's file dialogs are answered by typing the path into them (chooseInDialog), as a
// clerk can; everything is the real app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import {
  By, openApp, freshDataDir, loadDemoHeadless, find, click, typeInto, waitForText, screenshot, step, chooseInDialog,
} from './lib.mjs';

const TODAY = '2026-11-20';
const dataDir = freshDataDir('excel');
const work = mkdtempSync(join(process.env.JIANDU_E2E_WORK ?? '/tmp', 'excel-'));
let driver;

before(async () => {
  loadDemoHeadless(dataDir, { today: TODAY });
  driver = await openApp(dataDir, { today: TODAY });
});
after(async () => { if (driver) await driver.quit(); });

async function shot(name) {
  try { await screenshot(driver, name); } catch { /* only a help */ }
}

// ---- a roster as WPS saves it

const UNITS = ['中共云溪县委办公室', '中共云溪县委组织部', '中共云溪县委宣传部', '云溪县人民政府办公室', '云溪县发展和改革局',
  '云溪县教育局', '云溪县公安局', '云溪县民政局', '云溪县司法局'];
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平'.split('');
const HEADERS = ['序号', '姓名', '性别', '民族', '出生年月', '身份证号', '工作单位', '现任职务', '是否一把手', '任现职时间', '联系电话'];

/** A 身份证号 with its GB 11643 check digit. */
function idNumber(y, m, d, seq) {
  const body = `330522${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

function roster() {
  return Array.from({ length: 300 }, (_, i) => {
    const [y, m, d] = [1962 + (i % 30), 1 + (i % 12), 1 + (i % 28)];
    return [String(i + 1), SURNAMES[i % 20] + GIVEN[Math.floor(i / 20) % 20] + GIVEN[(i * 7) % 20], i % 3 ? '男' : '女', '汉族',
      // Birth dates in the forms offices type: 1975.03, 1975年3月, 1975-03-05.
      i % 3 === 0 ? `${y}.${String(m).padStart(2, '0')}` : i % 3 === 1 ? `${y}年${m}月` : `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      idNumber(y, m, d, i), UNITS[i % UNITS.length], `四级主任科员（${i + 1}）`, '否', '2021.03', `139${String(i).padStart(8, '0')}`];
  });
}

const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const col = (c) => String.fromCharCode(65 + c);

/** Writes the rows as an .xlsx: a merged title row, a 填报单位 line, the header, the lines with a
 *  blank row after every 50. Returns each line's row number as Excel shows it. */
async function writeRoster(path, lines) {
  const rows = [['云溪县科级干部名册（2026年）'], ['填报单位：中共云溪县委组织部        填报时间：2026年11月'], HEADERS];
  const at = [];
  lines.forEach((l, i) => {
    if (i > 0 && i % 50 === 0) rows.push([]);
    rows.push(l);
    at.push(rows.length);
  });
  const sheetRows = rows.map((cells, r) => `<row r="${r + 1}">${cells.map((v, c) =>
    `<c r="${col(c)}${r + 1}" t="inlineStr"><is><t>${xml(v)}</t></is></c>`).join('')}</row>`).join('');
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
  zip.file('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="干部名册" sheetId="1" r:id="rId1"/></sheets></workbook>');
  zip.file('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>');
  zip.file('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData><mergeCells count="1"><mergeCell ref="A1:K1"/></mergeCells></worksheet>`);
  writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
  return at;
}

/** The number of live people, as `jiandu check` counts them (signed in from the environment). */
function peopleCount() {
  const out = execFileSync(process.env.JIANDU_APP, ['--data-dir', dataDir, '--today', TODAY, 'check'], { encoding: 'utf8' });
  return Number(/^干部 (\d+)/m.exec(out)[1]);
}

/** The texts of the visible rows of the table inside the element with this test id. */
const tableRows = (testid) => driver.executeScript(
  `const t = document.querySelector('[data-testid="${testid}"]');
   return t ? [...t.querySelectorAll('.el-table__body tr')].filter((tr) => tr.offsetParent !== null).map((tr) => tr.innerText.replace(/\\s+/g, ' ').trim()) : []`);

test('a 300-row WPS roster with three bad lines: named by row and column, nothing written; fixed, it imports', async () => {
  try {
    const lines = roster();
    const good = lines.map((l) => [...l]);
    lines[10][4] = '1975.13';                 // no 13th month
    lines[120][5] = lines[120][5].slice(0, 17) + (lines[120][5].endsWith('0') ? '1' : '0'); // wrong check digit
    lines[250][6] = '云溪县不存在局';           // no such unit
    const bad = join(work, 'roster-wps.xlsx');
    const at = await writeRoster(bad, lines);

    const before = peopleCount();
    step('preview the roster with its bad lines');
    await click(driver, 'nav-people');
    await click(driver, 'people-import');
    await find(driver, 'import-dialog');
    await click(driver, 'import-pick');
    await chooseInDialog('选择要导入的文件', bad);
    await find(driver, 'import-problem-count');
    const problems = await driver.wait(async () => {
      const rows = await tableRows('import-problems');
      return rows.length ? rows : null;
    }, 15000, '问题列表');
    await shot('import-problems');
    assert.equal(problems.length, 3, `应列出三处问题：${JSON.stringify(problems)}`);
    for (const [i, column] of [[10, '出生年月'], [120, '身份证号'], [250, '工作单位']]) {
      assert.ok(problems.some((p) => p.startsWith(`${at[i]} ${column}`)), `第 ${at[i]} 行“${column}”应列为问题：${JSON.stringify(problems)}`);
    }
    assert.equal(await (await find(driver, 'import-apply')).isEnabled(), false, '有问题时不能导入');
    assert.equal(peopleCount(), before, '检查时不写入任何记录');

    step('the bad lines fixed, imported');
    const fixed = join(work, 'roster-fixed.xlsx');
    await writeRoster(fixed, good);
    await click(driver, 'import-pick');
    await chooseInDialog('选择要导入的文件', fixed);
    await find(driver, 'import-ok');
    await click(driver, 'import-apply');
    const result = await find(driver, 'import-result');
    await driver.wait(async () => (await result.getText()).includes('新建干部 300 人'), 15000, '应新建 300 名干部');
    assert.match(await result.getText(), /新建任职 300 条/);
    await shot('import-done');
    await click(driver, 'import-close');
    assert.equal(peopleCount(), before + 300, '导入后多 300 名干部');

    step('an imported person is in the register');
    await typeInto(driver, 'people-search', good[250][1]);
    await waitForText(driver, 'person-row-name', good[250][1]);
  } catch (e) { await shot('fail-import'); throw e; }
});

test('the 2026 annual report prints as PDF, with the figures the page shows', async () => {
  try {
    await click(driver, 'nav-reports');
    const talks = await driver.wait(async () => {
      const el = (await driver.findElements(By.css('[data-testid="fig-talks"]')))[0];
      return el && (await el.getText()).trim();
    }, 15000, '报告的谈话次数');
    const out = join(work, 'report-2026.pdf');
    step('export the report');
    await click(driver, 'report-pdf');
    await chooseInDialog('保存 PDF', out, { save: true });
    await driver.wait(async () => existsSync(out), 30000, '应生成报告 PDF');
    await driver.sleep(500);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, '');
    assert.ok(flat.includes('监督工作情况报告'), '报告标题');
    assert.ok(flat.includes('2026年1月1日至2026年12月31日'), '报告期间');
    assert.ok(flat.includes('—2—'), '页码');
    const section = text.slice(text.indexOf('二、谈话开展情况', text.indexOf('一、基本情况\n')), text.indexOf('图1'));
    assert.match(section, new RegExp(`合计\\s+${talks}\\s`), `PDF“二、谈话开展情况”的合计应与页面一致（${talks}）`);
  } catch (e) { await shot('fail-report'); throw e; }
});

test('the overdue items on the worklist export to a workbook another reader opens', async () => {
  try {
    await click(driver, 'nav-home');
    await find(driver, 'wl-items-export');
    const first = (await (await find(driver, 'wl-item')).findElement(By.css('.entry-main')).getText()).trim();
    const out = join(work, 'overdue-items.xlsx');
    step('export the overdue items');
    await click(driver, 'wl-items-export');
    await chooseInDialog('导出 Excel', out, { save: true });
    await driver.wait(async () => existsSync(out), 30000, '应生成 Excel 文件');
    await driver.sleep(500);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const strings = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '';
    const sheet = await zip.file('xl/worksheets/sheet1.xml').async('string');
    const all = strings + sheet;
    assert.ok(all.includes(xml(first)), `工作簿应含工作台上的第一项“${first}”`);
    assert.ok(all.includes('逾期'), '工作簿应有逾期天数或状态');
  } catch (e) { await shot('fail-overdue-export'); throw e; }
});

test('a path the page makes up, not chosen in a dialog, is refused and nothing is written', async () => {
  const madeUp = join(work, 'made-up.xlsx');
  const answer = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    window.__TAURI_INTERNALS__.invoke('items_due_export_xlsx', { path: arguments[0] })
      .then((v) => done({ ok: v }), (e) => done({ err: e }));`, madeUp);
  assert.ok(answer.err, `应拒绝：${JSON.stringify(answer)}`);
  assert.equal(answer.err.field, 'path');
  assert.match(answer.err.message, /未经选择/);
  assert.equal(existsSync(madeUp), false, '不应写出文件');
});
