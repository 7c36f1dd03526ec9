// The 统计 page draws the core's Dashboard as it is: the payload here is the demo county's 2026
// dashboard written by a core test (core/tests/report.rs, which also checks that its figures are
// the PDF's and the workbook's), so the numbers the charts carry are the printed ones.
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import StatsView from '../StatsView.vue'
import * as api from '../../../api'
import type { Dashboard } from '../../../api'
import type { ChartOption, ChartPick } from '../../../lib/echarts'
import { testRouter } from '../../../test/router'
import { coreError } from '../../../test/coreErrors'
import { settle } from '../../../test/mockApi'
import demo from '../../../api/__fixtures__/dashboard-demo-2026.json'

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

const fixture = demo as Dashboard
const year = new Date().getFullYear()

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

const values = (data: any[]) => data.map((d) => (typeof d === 'object' ? d.value : d))
const drawn = (o: any) => o.series.map((s: any) => ({ name: s.name, data: values(s.data) }))

describe('统计 page', () => {
  beforeEach(() => {
    vi.mocked(api.unitsList).mockReset().mockResolvedValue([
      { unit: { id: 'u-1', name: '中共云溪县委办公室' } as never, parent_name: null, heads: ['单丽华'], leadership_count: 3 },
      { unit: { id: 'u-2', name: '云溪县财政局' } as never, parent_name: null, heads: ['杨鹏'], leadership_count: 4 },
    ])
    vi.mocked(api.statsDashboard).mockReset().mockResolvedValue(fixture)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('asks the core for this year, county-wide, and draws the numbers the core (and so the PDF) has', async () => {
    const { wrapper } = await mountView()
    expect(api.statsDashboard).toHaveBeenCalledWith({ period: { kind: 'year', year }, unit_ids: null }, 10)
    for (const [testid, c] of [
      ['chart-talks', fixture.talks], ['chart-coverage', fixture.coverage], ['chart-items', fixture.items],
      ['chart-letters', fixture.letters], ['chart-risks', fixture.risks], ['chart-risk-units', fixture.risk_units],
    ] as const) {
      const o = chart(wrapper, testid).option as any
      expect(o.title.text, testid).toBe(c.title)
      expect(o.title.subtext, testid).toBe(c.subtitle)
      const axis = o.xAxis.type === 'category' ? o.xAxis : o.yAxis
      expect(axis.data, testid).toEqual(c.categories)
      expect(drawn(o), testid).toEqual(c.series)
    }
    // The figures a reader checks against the printed report.
    expect(chart(wrapper, 'chart-talks').option.title).toMatchObject({ subtext: '共 37 次' })
    expect(drawn(chart(wrapper, 'chart-items').option)[0].data).toEqual([71, 51, 20, 14])
    expect((chart(wrapper, 'chart-talks').option as any).series.every((s: any) => s.stack === 'talks')).toBe(true)
    // Units with the most points are listed from the top, as the core orders them.
    expect((chart(wrapper, 'chart-risk-units').option as any).yAxis.inverse).toBe(true)
    const ratings = chart(wrapper, 'chart-ratings').option as any
    expect(ratings.title.subtext).toBe(fixture.ratings.subtitle)
    expect(ratings.series[0].data).toEqual(fixture.ratings.slices.map((s) => ({ name: s.label, value: s.count })))
    expect(wrapper.find('[data-testid=stats-summary]').text()).toContain(`${fixture.period_label}，${fixture.units_label}（${fixture.units_covered} 个单位）`)
  })

  it('a click on a bar or slice opens the list behind it with the report\'s period and units', async () => {
    const { wrapper, router } = await mountView()
    const at = () => ({ path: router.currentRoute.value.path, query: router.currentRoute.value.query })
    const period = { from: fixture.from, to: fixture.to }
    const month = fixture.talk_months[1]
    chart(wrapper, 'chart-talks').click({ seriesName: '约谈', dataIndex: 1 })
    await flushPromises()
    expect(at()).toEqual({ path: '/talks', query: { kind: '约谈', from: month.from, to: month.to } })

    chart(wrapper, 'chart-items').click({ seriesName: '整改事项', dataIndex: 3 })
    await flushPromises()
    expect(at()).toEqual({ path: '/items', query: { status: '逾期', ...period } })
    chart(wrapper, 'chart-items').click({ seriesName: '整改事项', dataIndex: 0 })
    await flushPromises()
    expect(at()).toEqual({ path: '/items', query: period })

    chart(wrapper, 'chart-letters').click({ seriesName: '逾期未复', dataIndex: 1 })
    await flushPromises()
    expect(at()).toEqual({ path: '/letters', query: { kind: fixture.letter_kinds[1], overdue: '1', ...period } })
    chart(wrapper, 'chart-letters').click({ seriesName: '签发', dataIndex: 0 })
    await flushPromises()
    expect(at()).toEqual({ path: '/letters', query: { kind: fixture.letter_kinds[0], ...period } })

    chart(wrapper, 'chart-ratings').click({ seriesName: '考核等次分布', dataIndex: 3 })
    await flushPromises()
    expect(at()).toEqual({ path: '/assessments', query: { rating: fixture.ratings.slices[3].label, ...period } })

    chart(wrapper, 'chart-risks').click({ seriesName: '风险点', dataIndex: 0 })
    await flushPromises()
    expect(at()).toEqual({ path: '/risks', query: { level: '高', ...period } })

    chart(wrapper, 'chart-risk-units').click({ seriesName: '高', dataIndex: 1 })
    await flushPromises()
    expect(at()).toEqual({ path: '/risks', query: { unit: fixture.risk_unit_ids[1], level: '高' } })

    chart(wrapper, 'chart-coverage').click({ seriesName: '已覆盖', dataIndex: 0 })
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/plan')
  })

  it('a unit group is passed on to the lists whole', async () => {
    vi.mocked(api.statsDashboard).mockResolvedValue({ ...fixture, scope: { period: { kind: 'quarter', year, quarter: 2 }, unit_ids: ['u-1', 'u-2'] }, from: `${year}-04-01`, to: `${year}-06-30` })
    const { wrapper, router } = await mountView()
    chart(wrapper, 'chart-risks').click({ dataIndex: 1 })
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ level: '中', from: `${year}-04-01`, to: `${year}-06-30`, units: 'u-1,u-2' })
    chart(wrapper, 'chart-talks').click({ seriesName: '监督谈话', dataIndex: 0 })
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ kind: '监督谈话', from: fixture.talk_months[0].from, to: fixture.talk_months[0].to, units: 'u-1,u-2' })
  })

  it('a quarter and chosen units ask the core for that scope (the period as chosen, no dates made here)', async () => {
    const { wrapper } = await mountView()
    await wrapper.find('[data-testid=stats-scope-mode]').findAll('input')[1].setValue(true)
    await flushPromises()
    const select = (id: string) => wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === id)!
    select('stats-scope-quarter').vm.$emit('update:modelValue', 3)
    select('stats-scope-quarter').vm.$emit('change', 3)
    await flushPromises()
    expect(api.statsDashboard).toHaveBeenLastCalledWith({ period: { kind: 'quarter', year, quarter: 3 }, unit_ids: null }, 10)
    select('stats-scope-units').vm.$emit('update:modelValue', ['u-1', 'u-2'])
    select('stats-scope-units').vm.$emit('change', ['u-1', 'u-2'])
    await flushPromises()
    expect(api.statsDashboard).toHaveBeenLastCalledWith({ period: { kind: 'quarter', year, quarter: 3 }, unit_ids: ['u-1', 'u-2'] }, 10)
  })

  it('a period the core refuses shows its message under the date, and no chart', async () => {
    const { wrapper } = await mountView()
    vi.mocked(api.statsDashboard).mockRejectedValue(coreError('report_from_after_to'))
    await wrapper.find('[data-testid=stats-scope-mode]').findAll('input')[2].setValue(true)
    await settle()
    expect(wrapper.find('[data-testid=stats-scope-from-item]').text()).toContain('晚于截止日期')
    expect(wrapper.find('[data-testid=chart-talks]').exists()).toBe(false)
  })
})
