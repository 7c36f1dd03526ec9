import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ItemForm from '../ItemForm.vue'
import * as api from '../../api'
import { settle } from '../../test/mockApi'
import { coreError } from '../../test/coreErrors'

vi.mock('../../api', async (io) => (await import('../../test/mockApi')).mockApi(io))

const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const props = {
  modelValue: true, originKind: '谈话' as const, originId: 't-1', originDate: '2024-09-27',
  problems: ['“三重一大”事项未经集体研究', '公务接待台账不全'], responsible: { id: 'p-1', name: '杨超' },
}

async function setText(testid: string, value: string) {
  const box = $(`[data-testid=${testid}] textarea`) as HTMLTextAreaElement
  box.value = value
  box.dispatchEvent(new Event('input'))
  await flushPromises()
}

describe('整改事项 form', () => {
  beforeEach(() => {
    vi.mocked(api.duePreview).mockReset().mockResolvedValue({ date: '2024-10-18', estimated: false })
    vi.mocked(api.itemSave).mockReset()
    vi.mocked(api.peopleSearch).mockReset().mockResolvedValue({ rows: [], total: 0 })
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows where 10 工作日 from the talk lands and saves the count, not a date', async () => {
    vi.mocked(api.itemSave).mockResolvedValue({} as Awaited<ReturnType<typeof api.itemSave>>)
    const wrapper = mount(ItemForm, { props, attachTo: document.body })
    await flushPromises()
    expect(api.duePreview).toHaveBeenCalledWith('2024-09-27', 10)
    expect($('[data-testid=item-form-due-preview]')?.textContent).toContain('2024-10-18')

    ;($('[data-testid=item-pick-problem-2]') as HTMLElement).click()
    await flushPromises()
    await setText('item-form-measure', '补齐2024年接待台账')
    ;($('[data-testid=item-form-save]') as HTMLElement).click()
    await flushPromises()
    expect(api.itemSave).toHaveBeenCalledWith({
      id: null, origin_kind: '谈话', origin_id: 't-1', problem: '公务接待台账不全', measure: '补齐2024年接待台账',
      responsible_person_id: 'p-1', responsible_unit_id: null, due_date: null, due_workdays: 10,
    })
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })

  it('marks a deadline in a year the calendar does not know as estimated', async () => {
    vi.mocked(api.duePreview).mockResolvedValue({ date: '2027-01-15', estimated: true })
    mount(ItemForm, { props: { ...props, originDate: '2026-12-28' }, attachTo: document.body })
    await flushPromises()
    expect($('[data-testid=item-form-due-preview]')?.textContent).toContain('估算')
  })

  it('puts each refusal of the core under its field and keeps the dialog open', async () => {
    const wrapper = mount(ItemForm, { props, attachTo: document.body })
    await flushPromises()
    for (const [name, testid] of [
      ['item_empty_problem', 'item-form-problem'],
      ['item_bad_workdays', 'item-form-workdays'],
    ] as const) {
      const refusal = coreError(name)
      vi.mocked(api.itemSave).mockRejectedValue(refusal)
      ;($('[data-testid=item-form-save]') as HTMLElement).click()
      await settle()
      const item = $(`[data-testid=${testid}]`)!.closest('.el-form-item') as HTMLElement
      expect(item.textContent, name).toContain(refusal.message)
    }
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('puts a bad deadline date under 整改期限', async () => {
    const refusal = coreError('item_bad_deadline')
    vi.mocked(api.itemSave).mockRejectedValue(refusal)
    mount(ItemForm, { props, attachTo: document.body })
    await flushPromises()
    ;($('[data-testid=item-due-date-mode]') as HTMLElement).click()
    await flushPromises()
    ;($('[data-testid=item-form-save]') as HTMLElement).click()
    await settle()
    const item = $('[data-testid=item-form-due-mode]')!.closest('.el-form-item') as HTMLElement
    expect(item.textContent).toContain(refusal.message)
  })

  it('says so when the deadline date cannot be worked out, instead of showing nothing', async () => {
    vi.mocked(api.duePreview).mockRejectedValue({ code: 'database', message: '数据库错误：disk I/O error', field: null })
    mount(ItemForm, { props, attachTo: document.body })
    await settle()
    expect($('[data-testid=item-form-due-preview-error]')?.textContent).toContain('数据库错误：disk I/O error')
  })
})
