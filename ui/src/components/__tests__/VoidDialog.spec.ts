import { describe, it, expect, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { settle } from '../../test/mockApi'
import { coreError } from '../../test/coreErrors'
import VoidDialog from '../VoidDialog.vue'

vi.mock('../../api', async (io) => (await import('../../test/mockApi')).mockApi(io))

const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null

async function typeReason(text: string) {
  const area = $('[data-testid=void-reason] textarea') as HTMLTextAreaElement
  area.value = text
  area.dispatchEvent(new Event('input'))
  await flushPromises()
}

describe('作废 dialog', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('requires a reason, then voids with it', async () => {
    const action = vi.fn().mockResolvedValue(undefined)
    const wrapper = mount(VoidDialog, { props: { modelValue: true, subject: '单位“县财政局”', action }, attachTo: document.body })
    await flushPromises()
    expect(document.body.textContent).toContain('作废单位“县财政局”')

    $('[data-testid=void-confirm]')!.click()
    await settle()
    expect(action).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('请填写作废原因')

    await typeReason('  重复录入 ')
    $('[data-testid=void-confirm]')!.click()
    await settle()
    expect(action).toHaveBeenCalledWith('重复录入')
    expect(wrapper.emitted('done')).toHaveLength(1)
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false])
  })

  it('keeps the dialog open and shows the backend reason error under the reason', async () => {
    const refusal = coreError('void_empty_reason')
    const action = vi.fn().mockRejectedValue(refusal)
    const wrapper = mount(VoidDialog, { props: { modelValue: true, subject: '干部“张三”', action }, attachTo: document.body })
    await flushPromises()
    await typeReason('x')
    $('[data-testid=void-confirm]')!.click()
    await settle()
    const item = $('[data-testid=void-reason]')!.closest('.el-form-item')!
    expect(item.querySelector('.el-form-item__error')?.textContent).toContain(refusal.message)
    expect(wrapper.emitted('done')).toBeUndefined()
  })

  it('shows a refusal with no field in the dialog and stays open', async () => {
    const refusal = coreError('unit_void_refused')
    const message = refusal.message
    const action = vi.fn().mockRejectedValue(refusal)
    const wrapper = mount(VoidDialog, { props: { modelValue: true, subject: '单位“县财政局”', action }, attachTo: document.body })
    await flushPromises()
    await typeReason('机构改革撤并')
    $('[data-testid=void-confirm]')!.click()
    await settle()
    expect($('[data-testid=void-error]')?.textContent).toContain(message)
    expect(wrapper.emitted('done')).toBeUndefined()
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
  })
})
