import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import RisksView from '../RisksView.vue'
import * as api from '../../../api'
import type { RiskOptions, RiskPointView } from '../../../api'
import { testRouter } from '../../../test/router'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }
const options: RiskOptions = {
  levels: [
    { level: '高', colour: 'red', colour_name: '红' },
    { level: '中', colour: 'yellow', colour_name: '黄' },
    { level: '低', colour: 'blue', colour_name: '蓝' },
  ],
  categories: ['选人用人', '工程项目', '其他'],
}

/** Rows as the core sends them: already in register order, colour named by the core. */
function row(id: string, level: '高' | '中' | '低', category: string, over: Partial<RiskPointView> = {}): RiskPointView {
  const colour = { 高: ['red', '红'], 中: ['yellow', '黄'], 低: ['blue', '蓝'] }[level]
  return {
    point: {
      id, person_id: null, position_id: 'po-1', unit_id: 'u-1', category, description: '在工程项目招投标中插手干预', level,
      measures: '集体研究', responsible_person_id: null, responsible_name: '邓志远', review_date: '2026-06-30', meta,
    },
    unit_name: '云溪县住房和城乡建设局', person_name: null, position_title: '党组书记、局长', position_holder_id: 'p-1',
    position_holder_name: '邓志远', responsible: '邓志远', level_colour: colour[0], level_colour_name: colour[1], review_due: false,
    ...over,
  }
}

async function mountRisks(path = '/') {
  const router = testRouter()
  await router.push(path)
  const wrapper = mount(RisksView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('廉政风险点 register', () => {
  beforeEach(() => {
    vi.mocked(api.riskOptions).mockReset().mockResolvedValue(options)
    vi.mocked(api.unitsList).mockReset().mockResolvedValue([])
    vi.mocked(api.dictEntries).mockReset().mockResolvedValue([{ name: '工程项目', retired: false, in_use: 1 }])
    vi.mocked(api.risksList).mockReset().mockResolvedValue([
      row('r-1', '高', '工程项目', { review_due: true, point: { ...row('r-1', '高', '工程项目').point, review_date: '2026-04-01' } }),
      row('r-2', '中', '选人用人', { position_title: null, position_holder_id: null, position_holder_name: null, person_name: '何静' }),
      row('r-3', '低', '其他'),
    ])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the core\'s order with each level as a tag in the core\'s colour, its text readable without colour', async () => {
    const wrapper = await mountRisks()
    expect(api.risksList).toHaveBeenCalledWith({ unit_id: null, level: null, category: null, review_due: false, voided: false })
    const tags = wrapper.findAll('[data-testid=risk-register] [data-testid=risk-level]')
    expect(tags.map((t) => t.text())).toEqual(['高（红）', '中（黄）', '低（蓝）'])
    expect(tags.map((t) => t.classes().find((c) => c.startsWith('risk-') && c !== 'risk-level'))).toEqual(['risk-red', 'risk-yellow', 'risk-blue'])
    expect(wrapper.findAll('[data-testid=risk-review-due]')).toHaveLength(1)
    expect(wrapper.find('[data-testid=risk-on-position]').text()).toContain('党组书记、局长（邓志远）')
    expect(wrapper.find('[data-testid=risk-on-person]').text()).toContain('何静')
    expect(wrapper.find('[data-testid=risk-tally]').text()).toBe('共 3 个，高 1，中 1，低 1')
  })

  it('opened from the worklist lists the points due for review, and narrows by level when asked', async () => {
    const wrapper = await mountRisks('/?review_due=1')
    expect(api.risksList).toHaveBeenLastCalledWith(expect.objectContaining({ review_due: true }))
    const level = wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.element.closest('[data-testid=risk-filter-level]') || c.attributes('data-testid') === 'risk-filter-level')!
    level.vm.$emit('update:modelValue', '高')
    await flushPromises()
    expect(api.risksList).toHaveBeenLastCalledWith({ unit_id: null, level: '高', category: null, review_due: true, voided: false })
  })

  it('opened from a 统计 bar lists the points of that level, in the one unit chosen there', async () => {
    await mountRisks('/risks?level=中&unit=u-3')
    expect(api.risksList).toHaveBeenCalledTimes(1)
    expect(api.risksList).toHaveBeenLastCalledWith({ unit_id: 'u-3', level: '中', category: null, review_due: false, voided: false })
  })

  it('opened from the 统计 page with a unit group lists the points of those units', async () => {
    await mountRisks('/risks?level=高&from=2026-01-01&to=2026-12-31&units=u-3,u-5')
    expect(api.risksList).toHaveBeenLastCalledWith({
      unit_id: null, level: '高', category: null, review_due: false, voided: false,
      scope: { period: { kind: 'range', from: '2026-01-01', to: '2026-12-31' }, unit_ids: ['u-3', 'u-5'] },
    })
  })
})
