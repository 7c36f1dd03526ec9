import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { settle } from '../../test/mockApi'
import { coreError } from '../../test/coreErrors'
import UnitForm from '../UnitForm.vue'
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

describe('单位 form', () => {
  beforeEach(() => {
    vi.mocked(api.unitSave).mockReset()
    vi.mocked(api.unitsList).mockReset().mockResolvedValue([])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('puts the core\'s refusal of the name under 单位名称 and stays open', async () => {
    const refusal = coreError('unit_empty_name')
    vi.mocked(api.unitSave).mockRejectedValue(refusal)
    const wrapper = mount(UnitForm, { props: { modelValue: true }, attachTo: document.body })
    await flushPromises()
    await type('unit-form-name', '县审计局')
    $('[data-testid=unit-form-save]')!.click()
    await settle()
    expect(api.unitSave).toHaveBeenCalledTimes(1)
    expect(errorUnder('unit-form-name')).toContain(refusal.message)
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('says in the dialog when the list of units for 上级单位 cannot be read', async () => {
    vi.mocked(api.unitsList).mockRejectedValue({ code: 'database', message: '数据库错误：database is locked', field: null })
    mount(UnitForm, { props: { modelValue: true }, attachTo: document.body })
    await settle()
    expect($('[data-testid=unit-form-load-error]')?.textContent).toContain('数据库错误：database is locked')
  })

  it('shows a refusal with no field of the form in the dialog', async () => {
    vi.mocked(api.unitSave).mockRejectedValue({ code: 'conflict', message: '该单位已作废，不能修改', field: null })
    mount(UnitForm, { props: { modelValue: true }, attachTo: document.body })
    await flushPromises()
    await type('unit-form-name', '县审计局')
    $('[data-testid=unit-form-save]')!.click()
    await settle()
    expect($('[data-testid=unit-form-error]')?.textContent).toContain('该单位已作废，不能修改')
  })
})
