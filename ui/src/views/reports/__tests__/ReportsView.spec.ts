import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ReportsView from '../ReportsView.vue'
import * as api from '../../../api'
import type { Report } from '../../../api'
import { testRouter } from '../../../test/router'
import { coreError } from '../../../test/coreErrors'
import { settle } from '../../../test/mockApi'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const year = new Date().getFullYear()

function report(over: Partial<Report> = {}): Report {
  const lc = (label: string, count: number) => ({ label, count })
  return {
    scope: { from: `${year}-01-01`, to: `${year}-12-31`, unit_ids: null },
    period_label: `${year}年1月1日至${year}年12月31日`,
    as_of: `${year}-12-03`,
    made_on: `${year}年12月3日`,
    office_name: '中共云溪县纪律检查委员会',
    units_label: '全部单位',
    units_covered: 43,
    heads: 41,
    talk_kinds: ['监督谈话', '约谈'],
    talks_by_kind: [lc('监督谈话', 25), lc('约谈', 4)],
    talks_total: 29,
    heads_covered: 25,
    coverage_percent: 61,
    plan_coverage: null,
    talks_by_month: [],
    letters: [],
    letters_issued: 13,
    letters_replied: 4,
    letters_on_time: 4,
    on_time_percent: 100,
    letters_overdue: 4,
    items: { opened: 71, closed: 51, open: 20, overdue: 14, completion_percent: 71.8 },
    clues_received: 6,
    clues_by_disposal: [],
    sanctions_total: 3,
    sanctions_by_kind: [],
    sanctions_by_form: [lc('第一种形态', 1), lc('第二种形态', 2)],
    ratings: [lc('好', 10)],
    summons_held: 1,
    summons_pending: 2,
    risks_by_level: [lc('高', 3)],
    hearings: 3,
    education: 4,
    education_participants: 283,
    annex: [
      {
        unit_id: 'u-1', unit_name: '中共云溪县委办公室', heads: '单丽华', last_supervision_talk: `${year}-11-18`, open_items: 1,
        overdue_letters: 0, last_rating_year: year - 1, last_rating: '好', highest_risk: null,
      },
    ],
    ...over,
  }
}

async function mountView() {
  const router = testRouter()
  await router.push('/')
  const wrapper = mount(ReportsView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('报告 page', () => {
  beforeEach(() => {
    vi.mocked(api.unitsList).mockReset().mockResolvedValue([
      { unit: { id: 'u-1', name: '中共云溪县委办公室' } as never, parent_name: null, heads: ['单丽华'], leadership_count: 3 },
      { unit: { id: 'u-2', name: '云溪县财政局' } as never, parent_name: null, heads: ['杨鹏'], leadership_count: 4 },
    ])
    vi.mocked(api.reportGet).mockReset().mockResolvedValue(report({ plan_coverage: { year, in_scope: 40, covered: 30, percent: 75 } }))
    vi.mocked(api.choosePdfPath).mockReset()
    vi.mocked(api.chooseXlsxPath).mockReset()
    vi.mocked(api.reportPdf).mockReset()
    vi.mocked(api.reportXlsx).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('opens on this year for every unit and shows the core\'s figures as they are', async () => {
    const wrapper = await mountView()
    expect(api.reportGet).toHaveBeenCalledWith({ from: `${year}-01-01`, to: `${year}-12-31`, unit_ids: null })
    expect(wrapper.find('[data-testid=fig-talks]').text()).toBe('29')
    expect(wrapper.find('[data-testid=fig-coverage]').text()).toBe('25 / 41（61.0%）')
    expect(wrapper.find('[data-testid=fig-plan-coverage]').text()).toBe(`；${year}年度计划 30 / 40（75.0%）`)
    expect(wrapper.find('[data-testid=fig-on-time]').text()).toBe('100.0%')
    expect(wrapper.find('[data-testid=fig-completion]').text()).toBe('71.8%')
    expect(wrapper.find('[data-testid=table-annex]').text()).toContain('中共云溪县委办公室')
    expect(wrapper.find('[data-testid=table-annex]').text()).toContain(`${year - 1}年度 好`)
  })

  it('a quarter asks for its three months, and chosen units narrow the scope', async () => {
    const wrapper = await mountView()
    await wrapper.find('[data-testid=report-mode]').findAll('input')[1].setValue(true)
    await flushPromises()
    const quarter = wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === 'report-quarter')!
    quarter.vm.$emit('update:modelValue', 2)
    quarter.vm.$emit('change', 2)
    await flushPromises()
    expect(api.reportGet).toHaveBeenLastCalledWith({ from: `${year}-04-01`, to: `${year}-06-30`, unit_ids: null })
    const units = wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === 'report-units')!
    units.vm.$emit('update:modelValue', ['u-2'])
    units.vm.$emit('change', ['u-2'])
    await flushPromises()
    expect(api.reportGet).toHaveBeenLastCalledWith({ from: `${year}-04-01`, to: `${year}-06-30`, unit_ids: ['u-2'] })
  })

  it('exports PDF and Excel at the chosen paths with the same scope', async () => {
    vi.mocked(api.choosePdfPath).mockResolvedValue('/tmp/年度报告.pdf')
    vi.mocked(api.reportPdf).mockResolvedValue('/tmp/年度报告.pdf')
    vi.mocked(api.chooseXlsxPath).mockResolvedValue('/tmp/年度报告.xlsx')
    vi.mocked(api.reportXlsx).mockResolvedValue('/tmp/年度报告.xlsx')
    const wrapper = await mountView()
    await wrapper.find('[data-testid=report-pdf]').trigger('click')
    await flushPromises()
    expect(api.choosePdfPath).toHaveBeenCalledWith(`${year}年度监督工作情况报告.pdf`)
    expect(api.reportPdf).toHaveBeenCalledWith({ from: `${year}-01-01`, to: `${year}-12-31`, unit_ids: null }, '/tmp/年度报告.pdf')
    await wrapper.find('[data-testid=report-xlsx]').trigger('click')
    await flushPromises()
    expect(api.reportXlsx).toHaveBeenCalledWith({ from: `${year}-01-01`, to: `${year}-12-31`, unit_ids: null }, '/tmp/年度报告.xlsx')
  })

  it('a cancelled dialog writes nothing', async () => {
    vi.mocked(api.choosePdfPath).mockResolvedValue(null)
    const wrapper = await mountView()
    await wrapper.find('[data-testid=report-pdf]').trigger('click')
    await flushPromises()
    expect(api.reportPdf).not.toHaveBeenCalled()
  })

  it('a from–to period the core refuses shows its message under the date it names', async () => {
    vi.mocked(api.reportGet).mockResolvedValueOnce(report()).mockRejectedValue(coreError('report_from_after_to'))
    const wrapper = await mountView()
    await wrapper.find('[data-testid=report-mode]').findAll('input')[2].setValue(true)
    await settle()
    expect(wrapper.text()).toContain(coreError('report_from_after_to').message)
    expect(wrapper.find('[data-testid=report-from-item] .el-form-item__error').text()).toContain('晚于截止日期')
    expect(wrapper.find('[data-testid=report-to-item] .el-form-item__error').exists()).toBe(false)
    expect(wrapper.find('[data-testid=report-figures]').exists()).toBe(false)
  })
})
