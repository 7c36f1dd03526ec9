import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { settle } from '../../test/mockApi'
import { coreError } from '../../test/coreErrors'
import RiskPointForm from '../RiskPointForm.vue'
import * as api from '../../api'
import type { PositionView, RiskOptions, RiskPointView } from '../../api'

vi.mock('../../api', async (io) => (await import('../../test/mockApi')).mockApi(io))

const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const errorUnder = (testid: string) => $(`[data-testid=${testid}]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent ?? ''

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }
const options: RiskOptions = {
  levels: [
    { level: '高', colour: 'red', colour_name: '红' },
    { level: '中', colour: 'yellow', colour_name: '黄' },
    { level: '低', colour: 'blue', colour_name: '蓝' },
  ],
  categories: ['选人用人', '工程项目', '其他'],
}
const post = (id: string, title: string, person: string, current = true): PositionView => ({
  position: {
    id, person_id: `p-${id}`, unit_id: 'u-1', title, rank: '', is_head: false, is_leadership: true, portfolio: '',
    start_date: '2020-01-01', end_date: current ? null : '2023-01-01', meta,
  },
  person_name: person, unit_name: '云溪县财政局', current,
})
const saved: RiskPointView = {
  point: {
    id: 'r-1', person_id: null, position_id: 'po-2', unit_id: 'u-1', category: '工程项目', description: '大额资金拨付审核把关不严',
    level: '高', measures: '', responsible_person_id: null, responsible_name: '', review_date: null, meta,
  },
  unit_name: '云溪县财政局', person_name: null, position_title: '副局长', position_holder_id: 'p-po-2', position_holder_name: '何静',
  responsible: '', level_colour: 'red', level_colour_name: '红', review_due: false,
}

describe('廉政风险点 form', () => {
  beforeEach(() => {
    vi.mocked(api.riskSave).mockReset()
    vi.mocked(api.riskOptions).mockReset().mockResolvedValue(options)
    vi.mocked(api.unitsList).mockReset().mockResolvedValue([])
    vi.mocked(api.peopleSearch).mockReset().mockResolvedValue({ rows: [], total: 0 })
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('on a unit page offers its current posts only, shows the levels with the core\'s colours, and sends the chosen post', async () => {
    vi.mocked(api.riskSave).mockResolvedValue(saved)
    const wrapper = mount(RiskPointForm, {
      props: { modelValue: true, unitId: 'u-1', unitName: '云溪县财政局', positions: [post('po-1', '局长', '周国强'), post('po-2', '副局长', '何静'), post('po-0', '副局长', '冯建军', false)] },
      attachTo: document.body,
    })
    await flushPromises()
    expect([...document.body.querySelectorAll('[data-testid=risk-level-field] [data-testid=risk-level]')].map((e) => e.textContent)).toEqual(['高（红）', '中（黄）', '低（蓝）'])
    expect($('[data-testid=risk-unit]')).toBeNull()
    const select = wrapper.findAllComponents({ name: 'ElSelect' })[0]
    expect(select.findAllComponents({ name: 'ElOption' }).map((o) => o.props('label'))).toEqual(['云溪县财政局 局长（周国强）', '云溪县财政局 副局长（何静）'])
    select.vm.$emit('update:modelValue', 'po-2')
    await flushPromises()
    $('[data-testid=risk-form-save]')!.click()
    await settle()
    expect(api.riskSave).toHaveBeenCalledWith(expect.objectContaining({ id: null, position_id: 'po-2', unit_id: 'u-1', person_id: null }))
    expect(wrapper.emitted('saved')?.[0]).toEqual([saved])
  })

  it('puts the core\'s refusal of a point on nobody under 干部', async () => {
    const refusal = coreError('risk_no_owner')
    expect(refusal.field).toBe('person_id')
    vi.mocked(api.riskSave).mockRejectedValue(refusal)
    const wrapper = mount(RiskPointForm, { props: { modelValue: true, unitId: 'u-1', unitName: '云溪县财政局', positions: [] }, attachTo: document.body })
    await flushPromises()
    $('[data-testid=risk-form-save]')!.click()
    await settle()
    expect(errorUnder('risk-person')).toBe(refusal.message)
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('asks for the unit of a person without a current post, and shows the core\'s refusal there', async () => {
    const refusal = coreError('risk_unit_needed')
    expect(refusal.field).toBe('unit_id')
    vi.mocked(api.riskSave).mockRejectedValue(refusal)
    mount(RiskPointForm, { props: { modelValue: true, personId: 'p-9', personName: '冯建军', positions: [post('po-0', '副局长', '冯建军', false)] }, attachTo: document.body })
    await flushPromises()
    expect($('[data-testid=risk-unit]')).not.toBeNull()
    $('[data-testid=risk-form-save]')!.click()
    await settle()
    expect(api.riskSave).toHaveBeenCalledWith(expect.objectContaining({ person_id: 'p-9', position_id: null }))
    expect(errorUnder('risk-unit')).toBe(refusal.message)
  })

  it('puts the missing 表现形式 and level under their fields', async () => {
    for (const [name, testid] of [['risk_no_description', 'risk-description'], ['risk_no_level', 'risk-level-field'], ['risk_bad_review_date', 'risk-review-date']]) {
      const refusal = coreError(name)
      vi.mocked(api.riskSave).mockRejectedValue(refusal)
      mount(RiskPointForm, { props: { modelValue: true, unitId: 'u-1', unitName: '云溪县财政局', positions: [] }, attachTo: document.body })
      await flushPromises()
      $('[data-testid=risk-form-save]')!.click()
      await settle()
      expect(errorUnder(testid)).toBe(refusal.message)
      document.body.innerHTML = ''
    }
  })
})
