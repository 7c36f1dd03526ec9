import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { settle } from '../../test/mockApi'
import { coreError } from '../../test/coreErrors'
import SanctionForm from '../SanctionForm.vue'
import * as api from '../../api'
import type { SanctionOptions, SanctionView } from '../../api'

vi.mock('../../api', async (io) => (await import('../../test/mockApi')).mockApi(io))

const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const errorUnder = (testid: string) => $(`[data-testid=${testid}]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent ?? ''

const options: SanctionOptions = {
  categories: [
    {
      category: '党纪处分',
      kinds: [
        { kind: '警告', label: '警告', months: 12, period_entered: false },
        { kind: '严重警告', label: '严重警告', months: 18, period_entered: false },
        { kind: '留党察看', label: '留党察看', months: null, period_entered: true },
        { kind: '开除党籍', label: '开除党籍', months: null, period_entered: false },
      ],
    },
    { category: '组织处理', kinds: [{ kind: '免职', label: '免职', months: null, period_entered: false }] },
  ],
  forms: ['第一种形态', '第二种形态', '第三种形态', '第四种形态'],
  probation_months: [12, 24],
}

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }
const existing = (kind: string, over: Partial<SanctionView['sanction']> = {}): SanctionView => ({
  sanction: {
    id: 's-1', person_id: 'p-1', category: '党纪处分', kind, probation_months: null, decision_date: '2025-03-01',
    decision_number: '云纪处〔2025〕3号', deciding_body: '中共云溪县纪律检查委员会', reason: '违规接受宴请', form: '第二种形态',
    effect_end: '2026-09-01', meta, ...over,
  },
  person_name: '单丽华', in_effect: true, flag: '影响期至 2026年9月1日', kind_label: kind,
})

const props = { modelValue: true, personId: 'p-1', personName: '单丽华' }

describe('处分 form', () => {
  beforeEach(() => {
    vi.mocked(api.sanctionSave).mockReset()
    vi.mocked(api.sanctionOptions).mockReset().mockResolvedValue(options)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('puts the core\'s refusal of a future decision date under 决定日期', async () => {
    const refusal = coreError('sanction_future_date')
    expect(refusal.field).toBe('decision_date')
    vi.mocked(api.sanctionSave).mockRejectedValue(refusal)
    const wrapper = mount(SanctionForm, { props, attachTo: document.body })
    await flushPromises()
    $('[data-testid=sanction-form-save]')!.click()
    await settle()
    expect(api.sanctionSave).toHaveBeenCalledTimes(1)
    expect(errorUnder('sanction-decision-date')).toContain(refusal.message)
    expect(errorUnder('sanction-decision-date')).toContain('不能晚于今天')
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('puts a kind of another category under 处分种类, naming the category', async () => {
    const refusal = coreError('sanction_kind_not_in_category')
    vi.mocked(api.sanctionSave).mockRejectedValue(refusal)
    mount(SanctionForm, { props, attachTo: document.body })
    await flushPromises()
    $('[data-testid=sanction-form-save]')!.click()
    await settle()
    expect(errorUnder('sanction-kind')).toBe(refusal.message)
    expect(refusal.message).toContain('组织处理')
  })

  it('asks for the 留党察看 period and shows its refusal under 察看期限', async () => {
    const refusal = coreError('sanction_probation_missing')
    expect(refusal.field).toBe('probation_months')
    vi.mocked(api.sanctionSave).mockRejectedValue(refusal)
    mount(SanctionForm, { props: { ...props, sanction: existing('留党察看', { effect_end: null }) }, attachTo: document.body })
    await flushPromises()
    expect($('[data-testid=sanction-probation]')).not.toBeNull()
    $('[data-testid=sanction-form-save]')!.click()
    await settle()
    expect(errorUnder('sanction-probation')).toBe(refusal.message)
  })

  it('puts a line break in 决定文号 under that field', async () => {
    const refusal = coreError('sanction_number_newline')
    vi.mocked(api.sanctionSave).mockRejectedValue(refusal)
    mount(SanctionForm, { props, attachTo: document.body })
    await flushPromises()
    $('[data-testid=sanction-form-save]')!.click()
    await settle()
    expect(errorUnder('sanction-decision-number')).toBe(refusal.message)
  })

  it('edits a sanction: sends its id, says the period of its kind, drops a stray 察看期限, and closes', async () => {
    const saved = existing('严重警告')
    vi.mocked(api.sanctionSave).mockResolvedValue(saved)
    const wrapper = mount(SanctionForm, { props: { ...props, sanction: existing('严重警告', { probation_months: 24 }) }, attachTo: document.body })
    await flushPromises()
    expect($('[data-testid=sanction-period-hint]')?.textContent).toContain('影响期 18 个月')
    expect($('[data-testid=sanction-probation]')).toBeNull()
    $('[data-testid=sanction-form-save]')!.click()
    await settle()
    expect(api.sanctionSave).toHaveBeenCalledWith(expect.objectContaining({ id: 's-1', kind: '严重警告', probation_months: null, decision_date: '2025-03-01' }))
    expect(wrapper.emitted('saved')?.[0]).toEqual([saved])
    expect(wrapper.emitted('update:modelValue')?.[0]).toEqual([false])
  })
})
