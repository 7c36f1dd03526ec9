import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import StatsView from '../StatsView.vue'
import * as api from '../../../api'
import type { ChartOption, ChartPick } from '../../../lib/echarts'
import { testRouter } from '../../../test/router'
import { coreError } from '../../../test/coreErrors'
import { settle } from '../../../test/mockApi'
import { reportPayload, year } from '../../../test/reportPayload'
import type { RisksByUnit } from '../../../api'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))
// ECharts does not draw in jsdom: the chart is a stub that keeps its option and re-emits clicks.
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    name: 'VChart',
    props: { option: { type: Object, default: null }, autoresize: Boolean },
    emits: ['click'],
    setup: () => () => h('div', { class: 'v-chart-stub' }),
  }),
}))

const report = reportPayload
/** As the core sends it (the RisksByUnit binding): most first. */
const riskUnits: RisksByUnit = {
  levels: ['高', '中', '低'],
  units: [
    { unit_id: 'u-2', unit_name: '云溪县财政局', counts: [2, 3, 1], total: 6 },
    { unit_id: 'u-1', unit_name: '中共云溪县委办公室', counts: [1, 0, 2], total: 3 },
  ],
  units_with_risks: 14,
}

async function mountView() {
  const router = testRouter()
  await router.push('/stats')
  const wrapper = mount(StatsView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

/** The chart stub inside a card, its option and its click handler as the page registered it. */
function chart(wrapper: Awaited<ReturnType<typeof mountView>>['wrapper'], testid: string) {
  const c = wrapper.find(`[data-testid=${testid}]`).findComponent({ name: 'VChart' })
  return {
    option: c.props('option') as ChartOption & Record<string, any>,
    click: (p: ChartPick) => c.vm.$emit('click', p),
  }
}

const seriesData = (o: any, i = 0) => (o.series[i].data as any[]).map((d) => (typeof d === 'object' ? d.value : d))

describe('统计 page', () => {
  beforeEach(() => {
    vi.mocked(api.unitsList).mockReset().mockResolvedValue([
      { unit: { id: 'u-1', name: '中共云溪县委办公室' } as never, parent_name: null, heads: ['单丽华'], leadership_count: 3 },
      { unit: { id: 'u-2', name: '云溪县财政局' } as never, parent_name: null, heads: ['杨鹏'], leadership_count: 4 },
    ])
    vi.mocked(api.reportGet).mockReset().mockResolvedValue(report())
    vi.mocked(api.statsRisksByUnit).mockReset().mockResolvedValue(riskUnits)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('asks the core for this year, county-wide, and draws its figures as they are', async () => {
    const { wrapper } = await mountView()
    expect(api.reportGet).toHaveBeenCalledWith({ from: `${year}-01-01`, to: `${year}-12-31`, unit_ids: null })
    const talks = chart(wrapper, 'chart-talks').option as any
    expect(talks.title.subtext).toBe('共 29 次')
    expect(talks.xAxis.data).toEqual([`${year}-01`, `${year}-02`])
    expect(talks.series.map((s: any) => [s.name, s.stack, s.data])).toEqual([['监督谈话', 'talks', [3, 22]], ['约谈', 'talks', [1, 3]]])
    const coverage = chart(wrapper, 'chart-coverage').option as any
    expect(coverage.yAxis.data).toEqual(['现任一把手', `${year}年度计划`])
    expect(seriesData(coverage, 0)).toEqual([41, 40])
    expect(seriesData(coverage, 1)).toEqual([25, 30])
    expect(coverage.title.subtext).toBe(`现任一把手 61.0%；${year}年度计划 75.0%`)
    const items = chart(wrapper, 'chart-items').option as any
    expect(seriesData(items)).toEqual([71, 51, 20, 14])
    expect(items.title.subtext).toBe('完成率 71.8%')
    const letters = chart(wrapper, 'chart-letters').option as any
    expect(letters.xAxis.data).toEqual(['提醒函\n100.0%', '督办函\n100.0%'])
    expect(letters.series.map((s: any) => s.data)).toEqual([[9, 4], [3, 1], [2, 2]])
    expect(letters.title.subtext).toBe('按期回复率 100.0%（按期 4 / 已回复 4）')
    const ratings = chart(wrapper, 'chart-ratings').option as any
    expect(ratings.series[0].data).toEqual([{ name: '好', value: 10 }, { name: '较好', value: 20 }, { name: '一般', value: 8 }, { name: '基本合格', value: 2 }])
    const risks = chart(wrapper, 'chart-risks').option as any
    expect(risks.xAxis.data).toEqual(['高', '中', '低'])
    expect(seriesData(risks)).toEqual([3, 12, 30])
    expect(wrapper.find('[data-testid=stats-summary]').text()).toContain('全县（43 个单位）')
    expect(api.statsRisksByUnit).toHaveBeenCalledWith({ from: `${year}-01-01`, to: `${year}-12-31`, unit_ids: null }, 10)
    const units = chart(wrapper, 'chart-risk-units').option as any
    expect(units.title.subtext).toBe('共 14 个单位有风险点')
    // Drawn bottom-up: the unit with the most points is the last category, at the top.
    expect(units.yAxis.data).toEqual(['中共云溪县委办公室', '云溪县财政局'])
    expect(units.series.map((s: any) => [s.name, s.data])).toEqual([['高', [1, 2]], ['中', [0, 3]], ['低', [2, 1]]])
  })

  it('without a plan figure (a unit group) draws only the current heads', async () => {
    vi.mocked(api.reportGet).mockResolvedValue(report({ plan_coverage: null, coverage_percent: null, heads: 0, heads_covered: 0 }))
    const { wrapper } = await mountView()
    const coverage = chart(wrapper, 'chart-coverage').option as any
    expect(coverage.yAxis.data).toEqual(['现任一把手'])
    expect(coverage.title.subtext).toBe('现任一把手 —')
  })

  it('a click on a bar or slice opens the list behind it with its filter', async () => {
    const { wrapper, router } = await mountView()
    chart(wrapper, 'chart-talks').click({ seriesName: '约谈', dataIndex: 1, name: `${year}-02` })
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/talks')
    expect(router.currentRoute.value.query).toEqual({ year: String(year), kind: '约谈' })

    chart(wrapper, 'chart-letters').click({ seriesName: '逾期未复', dataIndex: 1 })
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe(`/letters?kind=${encodeURIComponent('督办函')}&overdue=1`)
    chart(wrapper, 'chart-letters').click({ seriesName: '签发', dataIndex: 0 })
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ year: String(year), kind: '提醒函' })

    chart(wrapper, 'chart-ratings').click({ seriesName: '考核等次', dataIndex: 3, name: '基本合格' })
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/assessments')
    expect(router.currentRoute.value.query).toEqual({ year: String(year) })

    chart(wrapper, 'chart-risks').click({ seriesName: '风险点', dataIndex: 0, name: '高' })
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/risks')
    expect(router.currentRoute.value.query).toEqual({ level: '高' })

    chart(wrapper, 'chart-risk-units').click({ seriesName: '高', dataIndex: 1, name: '云溪县财政局' })
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/risks')
    expect(router.currentRoute.value.query).toEqual({ unit: 'u-2', level: '高' })

    chart(wrapper, 'chart-coverage').click({ seriesName: '已覆盖', dataIndex: 0 })
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/plan')
  })

  it('with one unit chosen the lists are narrowed to it as well', async () => {
    vi.mocked(api.reportGet).mockResolvedValue(report({ scope: { from: `${year}-04-01`, to: `${year}-06-30`, unit_ids: ['u-2'] } }))
    const { wrapper, router } = await mountView()
    chart(wrapper, 'chart-risks').click({ dataIndex: 1 })
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ level: '中', unit: 'u-2' })
    chart(wrapper, 'chart-talks').click({ seriesName: '监督谈话', dataIndex: 0 })
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ year: String(year), kind: '监督谈话', unit: 'u-2' })
  })

  it('a quarter and chosen units ask the core for that scope', async () => {
    const { wrapper } = await mountView()
    await wrapper.find('[data-testid=stats-scope-mode]').findAll('input')[1].setValue(true)
    await flushPromises()
    const select = (id: string) => wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === id)!
    select('stats-scope-quarter').vm.$emit('update:modelValue', 3)
    select('stats-scope-quarter').vm.$emit('change', 3)
    await flushPromises()
    expect(api.reportGet).toHaveBeenLastCalledWith({ from: `${year}-07-01`, to: `${year}-09-30`, unit_ids: null })
    select('stats-scope-units').vm.$emit('update:modelValue', ['u-1', 'u-2'])
    select('stats-scope-units').vm.$emit('change', ['u-1', 'u-2'])
    await flushPromises()
    expect(api.reportGet).toHaveBeenLastCalledWith({ from: `${year}-07-01`, to: `${year}-09-30`, unit_ids: ['u-1', 'u-2'] })
    expect(api.statsRisksByUnit).toHaveBeenLastCalledWith({ from: `${year}-07-01`, to: `${year}-09-30`, unit_ids: ['u-1', 'u-2'] }, 10)
  })

  it('a period the core refuses shows its message under the date, and no chart', async () => {
    const { wrapper } = await mountView()
    vi.mocked(api.reportGet).mockRejectedValue(coreError('report_from_after_to'))
    await wrapper.find('[data-testid=stats-scope-mode]').findAll('input')[2].setValue(true)
    await settle()
    expect(wrapper.find('[data-testid=stats-scope-from-item]').text()).toContain('晚于截止日期')
    expect(wrapper.find('[data-testid=chart-talks]').exists()).toBe(false)
  })
})
