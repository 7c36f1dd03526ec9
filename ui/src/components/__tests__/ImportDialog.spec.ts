import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ImportDialog from '../ImportDialog.vue'
import * as api from '../../api'
import type { ImportPreview, ImportResult } from '../../api'
import { settle } from '../../test/mockApi'
import { coreError } from '../../test/coreErrors'
// Written by core/tests/import.rs from a real roster: the payloads the dialog really gets.
import fixture from '../../api/__fixtures__/import-preview.json'

vi.mock('../../api', async (io) => (await import('../../test/mockApi')).mockApi(io))

const withProblems = fixture.preview_with_problems as ImportPreview
const clean = fixture.preview_clean as ImportPreview
const result = fixture.result as ImportResult
const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const $$ = (sel: string) => [...document.body.querySelectorAll(sel)] as HTMLElement[]

async function openDialog(kinds: api.ImportKind[] = ['people', 'units']) {
  const wrapper = mount(ImportDialog, { props: { modelValue: false, kinds }, attachTo: document.body })
  await wrapper.setProps({ modelValue: true })
  await settle()
  return wrapper
}

async function pick(path = '/home/u/干部名册.csv') {
  vi.mocked(api.chooseImportFile).mockResolvedValue(path)
  $('[data-testid=import-pick]')!.click()
  await settle()
}

describe('导入对话框', () => {
  beforeEach(() => {
    vi.mocked(api.chooseImportFile).mockReset()
    vi.mocked(api.importPreview).mockReset()
    vi.mocked(api.importApply).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists every problem by row and column and does not import a file that has any', async () => {
    vi.mocked(api.importPreview).mockResolvedValue(withProblems)
    await openDialog()
    await pick()
    expect(api.importPreview).toHaveBeenCalledWith('/home/u/干部名册.csv', 'people', null)
    const rows = $$('[data-testid=import-problems] .el-table__body tr').map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()))
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['3', '出生年月'],
      ['4', '工作单位'],
    ])
    expect(rows[0][2]).toContain('1975.13')
    expect(rows[1][2]).toContain('云溪县第九局')
    expect($('[data-testid=import-problem-count]')!.textContent).toContain('发现 2 处问题')
    expect($('[data-testid=import-apply]')!.hasAttribute('disabled')).toBe(true)
    // The guessed mapping is shown: 序号 is not imported, 出生年月 is.
    const mapped = $$('[data-testid=import-columns] .el-table__body tr').map((tr) => tr.querySelector('td')?.textContent?.trim())
    expect(mapped).toEqual(withProblems.columns.map((c) => c.header))
  })

  it('checks again with the mapping the clerk changed', async () => {
    vi.mocked(api.importPreview).mockResolvedValue(withProblems)
    await openDialog()
    await pick()
    const col = withProblems.columns.find((c) => c.header === '序号')!
    $(`[data-testid=import-map-${col.index}] .el-select__wrapper`)!.click()
    await flushPromises()
    const option = $$('.el-select-dropdown__item').find((o) => o.textContent?.trim() === '备注')
    expect(option, 'the fields are offered by label').toBeTruthy()
    option!.click()
    await settle()
    const want = withProblems.columns.map((c) => (c.index === col.index ? 'notes' : c.field))
    expect(api.importPreview).toHaveBeenLastCalledWith('/home/u/干部名册.csv', 'people', want)
  })

  it('imports a clean file and says what it did', async () => {
    vi.mocked(api.importPreview).mockResolvedValue(clean)
    vi.mocked(api.importApply).mockResolvedValue(result)
    const wrapper = await openDialog()
    await pick()
    expect($('[data-testid=import-ok]')!.textContent).toContain(clean.summary)
    const apply = $('[data-testid=import-apply]')!
    expect(apply.hasAttribute('disabled')).toBe(false)
    apply.click()
    await settle()
    expect(api.importApply).toHaveBeenCalledWith('/home/u/干部名册.csv', 'people', clean.columns.map((c) => c.field))
    expect($('[data-testid=import-result]')!.textContent).toContain('新建干部 1 人')
    expect(wrapper.emitted('imported')).toEqual([[result]])
    expect($('[data-testid=import-apply]')!.hasAttribute('disabled')).toBe(true)
  })

  it('shows the core’s refusal in the dialog', async () => {
    vi.mocked(api.importPreview).mockResolvedValue(clean)
    vi.mocked(api.importApply).mockRejectedValue(coreError('import_with_problems'))
    await openDialog(['ratings'])
    await pick('/home/u/考核.xlsx')
    expect(api.importPreview).toHaveBeenCalledWith('/home/u/考核.xlsx', 'ratings', null)
    $('[data-testid=import-apply]')!.click()
    await settle()
    expect($('[data-testid=import-failure]')!.textContent).toContain(coreError('import_with_problems').message)

    vi.mocked(api.importPreview).mockRejectedValue(coreError('import_no_header'))
    await pick('/home/u/无表头.csv')
    expect($('[data-testid=import-failure]')!.textContent).toContain('没有找到表头行')
    expect($('[data-testid=import-columns]')).toBeNull()
  })

  it('does nothing when the clerk cancels the file dialog', async () => {
    vi.mocked(api.chooseImportFile).mockResolvedValue(null)
    await openDialog()
    $('[data-testid=import-pick]')!.click()
    await settle()
    expect(api.importPreview).not.toHaveBeenCalled()
  })
})
