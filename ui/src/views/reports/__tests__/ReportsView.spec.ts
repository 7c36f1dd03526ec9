import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ReportsView from '../ReportsView.vue'
import * as api from '../../../api'
import type { Report } from '../../../api'
import { testRouter } from '../../../test/router'
import { coreError } from '../../../test/coreErrors'
import { settle } from '../../../test/mockApi'
import { reportPayload, year } from '../../../test/reportPayload'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

/** The Report the core sends, from the one builder the 统计 specs use too. */
function report(over: Partial<Report> = {}): Report {
  return reportPayload({
    units_label: '全部单位',
    plan_coverage: null,
    talks_by_month: [],
    letters: [],
    sanctions_by_form: [{ label: '第一种形态', count: 1 }, { label: '第二种形态', count: 2 }],
    annex: [
      {
        unit_id: 'u-1', unit_name: '中共云溪县委办公室', heads: '单丽华', last_supervision_talk: `${year}-11-18`, open_items: 1,
        overdue_letters: 0, last_rating_year: year - 1, last_rating: '好', highest_risk: null,
      },
    ],
    ...over,
  })
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
    expect(api.reportGet).toHaveBeenCalledWith({ period: { kind: 'year', year }, unit_ids: null })
    expect(wrapper.find('[data-testid=report-summary]').text()).toContain(`${year}年度（${year}年1月1日至${year}年12月31日）`)
    expect(wrapper.find('[data-testid=fig-talks]').text()).toBe('29')
    expect(wrapper.find('[data-testid=fig-coverage]').text()).toBe('25 / 41（61.0%）')
    expect(wrapper.find('[data-testid=fig-plan-coverage]').text()).toBe(`；${year}年度计划 30 / 40（75.0%）`)
    expect(wrapper.find('[data-testid=fig-on-time]').text()).toBe('100.0%')
    expect(wrapper.find('[data-testid=fig-completion]').text()).toBe('71.8%')
    expect(wrapper.find('[data-testid=table-annex]').text()).toContain('中共云溪县委办公室')
    expect(wrapper.find('[data-testid=table-annex]').text()).toContain(`${year - 1}年度 好`)
  })

  it('a quarter is sent as the quarter (the core makes its dates), and chosen units narrow the scope', async () => {
    const wrapper = await mountView()
    await wrapper.find('[data-testid=report-scope-mode]').findAll('input')[1].setValue(true)
    await flushPromises()
    const quarter = wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === 'report-scope-quarter')!
    quarter.vm.$emit('update:modelValue', 2)
    quarter.vm.$emit('change', 2)
    await flushPromises()
    expect(api.reportGet).toHaveBeenLastCalledWith({ period: { kind: 'quarter', year, quarter: 2 }, unit_ids: null })
    const units = wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === 'report-scope-units')!
    units.vm.$emit('update:modelValue', ['u-2'])
    units.vm.$emit('change', ['u-2'])
    await flushPromises()
    expect(api.reportGet).toHaveBeenLastCalledWith({ period: { kind: 'quarter', year, quarter: 2 }, unit_ids: ['u-2'] })
  })

  it('exports PDF and Excel named by the core\'s title, for the scope of the figures shown', async () => {
    vi.mocked(api.choosePdfPath).mockResolvedValue('/tmp/年度报告.pdf')
    vi.mocked(api.reportPdf).mockResolvedValue('/tmp/年度报告.pdf')
    vi.mocked(api.chooseXlsxPath).mockResolvedValue('/tmp/年度报告.xlsx')
    vi.mocked(api.reportXlsx).mockResolvedValue('/tmp/年度报告.xlsx')
    const wrapper = await mountView()
    await wrapper.find('[data-testid=report-pdf]').trigger('click')
    await flushPromises()
    expect(api.choosePdfPath).toHaveBeenCalledWith(`${year}年度监督工作情况报告.pdf`)
    expect(api.reportPdf).toHaveBeenCalledWith({ period: { kind: 'year', year }, unit_ids: null }, '/tmp/年度报告.pdf')
    await wrapper.find('[data-testid=report-xlsx]').trigger('click')
    await flushPromises()
    expect(api.chooseXlsxPath).toHaveBeenCalledWith(`${year}年度监督工作情况报告.xlsx`)
    expect(api.reportXlsx).toHaveBeenCalledWith({ period: { kind: 'year', year }, unit_ids: null }, '/tmp/年度报告.xlsx')
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
    await wrapper.find('[data-testid=report-scope-mode]').findAll('input')[2].setValue(true)
    await settle()
    expect(api.reportGet).toHaveBeenLastCalledWith({ period: { kind: 'range', from: `${year}-01-01`, to: `${year}-12-31` }, unit_ids: null })
    expect(wrapper.text()).toContain(coreError('report_from_after_to').message)
    expect(wrapper.find('[data-testid=report-scope-from-item] .el-form-item__error').text()).toContain('晚于截止日期')
    expect(wrapper.find('[data-testid=report-scope-to-item] .el-form-item__error').exists()).toBe(false)
    expect(wrapper.find('[data-testid=report-figures]').exists()).toBe(false)
  })

  it('a quarter the core refuses shows its message under the year and quarter', async () => {
    vi.mocked(api.reportGet).mockRejectedValue(coreError('report_bad_quarter'))
    const wrapper = await mountView()
    await settle()
    expect(wrapper.find('[data-testid=report-scope-year-item] .el-form-item__error').text()).toBe(coreError('report_bad_quarter').message)
    expect(wrapper.find('[data-testid=report-figures]').exists()).toBe(false)
  })
})
