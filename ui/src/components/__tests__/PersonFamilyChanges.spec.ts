import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { settle } from '../../test/mockApi'
import { coreError } from '../../test/coreErrors'
import PersonFamilyChanges from '../PersonFamilyChanges.vue'
import * as api from '../../api'
import type { FamilyChangeView } from '../../api'

vi.mock('../../api', async (io) => (await import('../../test/mockApi')).mockApi(io))

const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const errorUnder = (testid: string) => $(`[data-testid=${testid}]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent ?? ''

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }
const change = (id: string, kind: string, event: string, reported: string, late: boolean, days: number, voided_at: string | null = null): FamilyChangeView => ({
  change: { id, person_id: 'p-1', kind, event_date: event, reported_date: reported, description: '情况说明', meta: { ...meta, voided_at } },
  person_name: '解志明', report_days: days, late,
})

const options = { kinds: ['婚姻变化', '配偶子女从业或经商变化', '其他'], report_within_days: 30 }

describe('家庭重大变动 on the person page', () => {
  beforeEach(() => {
    vi.mocked(api.familyChangeOptions).mockReset().mockResolvedValue(options)
    vi.mocked(api.familyChangeSave).mockReset()
    vi.mocked(api.familyChangeRestore).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('marks 逾期报告 where the core says so, not where the dates would suggest', async () => {
    const wrapper = mount(PersonFamilyChanges, {
      props: {
        personId: 'p-1', personName: '解志明',
        changes: [
          change('c-2', '配偶子女从业或经商变化', '2025-03-01', '2025-04-28', true, 58),
          // Dates over 30 days apart, but the core's flag says on time: no tag.
          change('c-1', '婚姻变化', '2025-01-01', '2025-03-01', false, 59),
        ],
      },
      attachTo: document.body,
    })
    await flushPromises()
    const rows = wrapper.findAll('[data-testid=person-family-changes] .el-table__body tr')
    expect(rows).toHaveLength(2)
    expect(rows[0].find('[data-testid=family-late]').text()).toBe('逾期报告')
    expect(rows[1].find('[data-testid=family-late]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid=family-kind-cell]').map((c) => c.text())).toEqual(['配偶子女从业或经商变化', '婚姻变化'])
  })

  it('puts the core\'s refusal of a report before the event under 报告日期, and stays open', async () => {
    const refusal = coreError('family_change_reported_before_event')
    expect(refusal.field).toBe('reported_date')
    vi.mocked(api.familyChangeSave).mockRejectedValue(refusal)
    const wrapper = mount(PersonFamilyChanges, { props: { personId: 'p-1', personName: '解志明', changes: [] }, attachTo: document.body })
    await flushPromises()
    await wrapper.find('[data-testid=family-new]').trigger('click')
    await flushPromises()
    expect($('[data-testid=family-rule-hint]')?.textContent).toContain('超过 30 天')
    $('[data-testid=family-form-save]')!.click()
    await settle()
    expect(api.familyChangeSave).toHaveBeenCalledWith(expect.objectContaining({ id: null, person_id: 'p-1' }))
    expect(errorUnder('family-reported-date')).toBe(refusal.message)
    expect(refusal.message).toContain('不能早于事项发生日期')
    expect($('[data-testid=family-form]')).not.toBeNull()
    expect(wrapper.emitted('changed')).toBeUndefined()
  })

  it('puts an unknown kind under 变动类型', async () => {
    const refusal = coreError('family_change_unknown_kind')
    vi.mocked(api.familyChangeSave).mockRejectedValue(refusal)
    const wrapper = mount(PersonFamilyChanges, {
      props: { personId: 'p-1', personName: '解志明', changes: [change('c-1', '婚姻变化', '2025-01-01', '2025-01-10', false, 9)] },
      attachTo: document.body,
    })
    await flushPromises()
    await wrapper.find('[data-testid=family-edit]').trigger('click')
    await flushPromises()
    $('[data-testid=family-form-save]')!.click()
    await settle()
    expect(api.familyChangeSave).toHaveBeenCalledWith({
      id: 'c-1', person_id: 'p-1', kind: '婚姻变化', event_date: '2025-01-01', reported_date: '2025-01-10', description: '情况说明',
    })
    expect(errorUnder('family-kind')).toBe(refusal.message)
  })

  it('shows a refusal about the person, who has no field in the form, in the dialog\'s alert', async () => {
    const refusal = coreError('family_change_unknown_person')
    expect(refusal.field).toBe('person_id')
    vi.mocked(api.familyChangeSave).mockRejectedValue(refusal)
    const wrapper = mount(PersonFamilyChanges, { props: { personId: 'p-1', personName: '解志明', changes: [] }, attachTo: document.body })
    await flushPromises()
    await wrapper.find('[data-testid=family-new]').trigger('click')
    await flushPromises()
    $('[data-testid=family-form-save]')!.click()
    await settle()
    expect($('[data-testid=family-form-error]')?.textContent).toContain(refusal.message)
  })

  it('restores a voided change and tells the page; a voided person\'s list is read-only', async () => {
    vi.mocked(api.familyChangeRestore).mockResolvedValue(change('c-1', '婚姻变化', '2025-01-01', '2025-01-10', false, 9))
    const voided = [change('c-1', '婚姻变化', '2025-01-01', '2025-01-10', false, 9, '2025-02-01 09:00:00')]
    const wrapper = mount(PersonFamilyChanges, { props: { personId: 'p-1', personName: '解志明', changes: voided }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.find('[data-testid=family-void]').exists()).toBe(false)
    await wrapper.find('[data-testid=family-restore]').trigger('click')
    await flushPromises()
    expect(api.familyChangeRestore).toHaveBeenCalledWith('c-1')
    expect(wrapper.emitted('changed')).toHaveLength(1)

    await wrapper.setProps({ readonly: true })
    expect(wrapper.find('[data-testid=family-new]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=family-restore]').exists()).toBe(false)
  })
})
