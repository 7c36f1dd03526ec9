import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { settle } from '../../test/mockApi'
import { coreError } from '../../test/coreErrors'
import PositionForm from '../PositionForm.vue'
import * as api from '../../api'

vi.mock('../../api', async (io) => (await import('../../test/mockApi')).mockApi(io))

const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const errorUnder = (testid: string) => $(`[data-testid=${testid}]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent ?? ''

async function type(testid: string, value: string) {
  const input = $(`[data-testid=${testid}] input`) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

// From a unit page: the unit is fixed, the person is searched.
const fromUnit = { modelValue: true, unitId: 'u-1', unitName: '县民政局', personId: 'p-1', personName: '钟家乐' }

describe('任职 form', () => {
  beforeEach(() => {
    vi.mocked(api.positionSave).mockReset()
    vi.mocked(api.unitsList).mockReset().mockResolvedValue([])
    vi.mocked(api.peopleSearch).mockReset().mockResolvedValue({ rows: [], total: 0 })
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('puts the core\'s refusal of the dates under 结束日期', async () => {
    const refusal = coreError('position_end_before_start')
    vi.mocked(api.positionSave).mockRejectedValue(refusal)
    const wrapper = mount(PositionForm, { props: fromUnit, attachTo: document.body })
    await flushPromises()
    await type('position-title', '副局长')
    $('[data-testid=position-form-save]')!.click()
    await settle()
    expect(api.positionSave).toHaveBeenCalledTimes(1)
    expect(errorUnder('position-end-date')).toContain(refusal.message)
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('says in the dialog when the units to choose from cannot be read', async () => {
    vi.mocked(api.unitsList).mockRejectedValue({ code: 'database', message: '数据库错误：database is locked', field: null })
    mount(PositionForm, { props: { modelValue: true, personId: 'p-1', personName: '钟家乐' }, attachTo: document.body })
    await settle()
    expect($('[data-testid=position-form-load-error]')?.textContent).toContain('数据库错误：database is locked')
  })

  it('says under 人员 when the people search fails, instead of an empty list', async () => {
    vi.mocked(api.peopleSearch).mockRejectedValue({ code: 'database', message: '数据库错误：disk I/O error', field: null })
    mount(PositionForm, { props: { modelValue: true, unitId: 'u-1', unitName: '县民政局' }, attachTo: document.body })
    await settle()
    expect(errorUnder('position-person-select')).toContain('数据库错误：disk I/O error')
  })
})
