import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import HomeView from '../HomeView.vue'
import * as api from '../../../api'
import type { AppInfo, Counts, Worklist } from '../../../api'
import { testRouter } from '../../../test/router'
// ---- dashboards
import { defineComponent, h } from 'vue'
import { reportPayload } from '../../../test/reportPayload'
import { coreError } from '../../../test/coreErrors'
// ECharts does not draw in jsdom: the chart is a stub that keeps its option.
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    name: 'VChart',
    props: { option: { type: Object, default: null }, autoresize: Boolean },
    setup: () => () => h('div'),
  }),
}))
// ---- end dashboards

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const n = (x: number) => x
const info = (is_empty: boolean): AppInfo => ({
  version: '0.1.0', data_dir: '/home/u/.local/share/cn.jiandu.ledger', database_path: '/x/jiandu.db',
  schema_version: n(1), today: '2025-06-01', is_empty,
})
const counts: Counts = { units: n(41), people: n(152), positions: n(300), heads: n(38), voided: n(2), audit_rows: n(500),
  talks: 0, rectification_items: 0, open_items: 0, overdue_items: 0, letters: 0, letter_drafts: 0, overdue_letters: 0,
  sanctions: 3, sanctions_in_effect: 1, assessments: 0, summons_pending: 0,
  family_changes: 0, family_changes_late: 0, hearings: 0, education: 0,
  risk_points: 8, risk_points_high: 3, risk_reviews_due: 1,
  findings: 0, findings_rectifying: 0, clues: 0, clues_undisposed: 0 }

const work: Worklist = {
  today: '2025-06-01',
  planned_this_month: [
    { entity: 'talk', id: 't-1', kind: '监督谈话', date: '2025-06-12', subjects: '单丽华', units: '中共云溪县委办公室', conductor: '王书记' },
  ],
  heads_without_talk: [
    { entity: 'person', id: 'p-9', person_name: '杨超', unit_id: 'u-3', unit_name: '云溪县医疗保障局', title: '党组书记、局长', last_talk_id: null, last_talk_date: null },
  ],
  heads_without_talk_total: 5,
  items_due: [
    { entity: 'rectification_item', id: 'i-7', origin_kind: '谈话', origin_id: 't-0', problem: '“三重一大”事项未经集体研究', responsible: '杨超', due_date: '2025-05-28', due_estimated: false, overdue: true, days_left: -4 },
    { entity: 'rectification_item', id: 'i-8', origin_kind: '谈话', origin_id: 't-0', problem: '公务接待台账不全', responsible: '杨超', due_date: '2025-06-05', due_estimated: false, overdue: false, days_left: 4 },
  ],
  items_due_total: 2,
  items_overdue_total: 1,
  letters_due: [
    {
      entity: 'letter', id: 'l-4', kind: '督办函', state: '已送达', number: '宣纪函〔2025〕4号', title: '关于督促整改问题的督办函',
      recipient: '中共云溪县医疗保障局党组', unit_name: '云溪县医疗保障局', person_name: '杨超', reply_due_date: '2025-05-27',
      due_estimated: false, overdue: true, days_left: -5,
    },
    {
      entity: 'letter', id: 'l-9', kind: '提醒函', state: '已签发', number: '宣纪函〔2025〕9号', title: '关于落实“两个责任”的提醒函',
      recipient: '', unit_name: null, person_name: '单丽华', reply_due_date: '2025-06-04', due_estimated: true, overdue: false, days_left: 3,
    },
  ],
  letters_due_total: 3,
  letters_overdue_total: 1,
  sanctions_in_effect: [
    {
      person_id: 'p-5', person_name: '单丽华', sanction_id: 's-1', category: '党纪处分', kind: '严重警告',
      decision_date: '2025-03-01', effect_end: '2026-09-01', flag: '影响期至 2026年9月1日', kind_label: '党内严重警告',
    },
  ],
  sanctions_in_effect_total: 1,
  summons_due: [
    {
      assessment_id: 'a-5', year: 2024, rating: '基本合格', unit_id: 'u-3', unit_name: '云溪县医疗保障局',
      person_id: 'p-9', person_name: '杨超', title: '党组书记、局长', planned_talk_id: null,
    },
    {
      assessment_id: 'a-6', year: 2024, rating: '不合格', unit_id: 'u-4', unit_name: '云溪县林业局',
      person_id: 'p-10', person_name: '王䶮', title: '局长', planned_talk_id: 't-8',
    },
  ],
  summons_due_total: 2,
  // ---- risk points
  risk_reviews_due: [
    {
      risk_point_id: 'r-1', unit_id: 'u-7', unit_name: '云溪县住房和城乡建设局', person_id: 'p-12', person_name: '邓志远',
      position_title: '党组书记、局长', category: '工程项目', level: '高', level_colour: 'red', level_colour_name: '红',
      review_date: '2025-05-12', days_overdue: 20,
    },
  ],
  risk_reviews_due_total: 1,
  // ---- end risk points
  figures: {
    year: 2025, supervision_talks: 17, heads_covered: 12, heads_in_scope: 38, items_total: 40, items_closed: 30,
    completion_percent: 75, summary: '2025年以来开展监督谈话17次，覆盖一把手12人，整改完成率75.0%',
  },
}

async function mountHome() {
  const router = testRouter()
  await router.push('/')
  const wrapper = mount(HomeView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('工作台', () => {
  beforeEach(() => {
    vi.mocked(api.appInfo).mockReset()
    vi.mocked(api.counts).mockReset().mockResolvedValue(counts)
    vi.mocked(api.worklist).mockReset().mockResolvedValue(work)
    vi.mocked(api.demoLoad).mockReset()
    vi.mocked(api.officeGet).mockReset().mockResolvedValue({ full_names: [], agency_code: '', contact_person: '', contact_phone: '', operator: '' })
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('on an empty database offers the demo county and loads it', async () => {
    vi.mocked(api.appInfo).mockResolvedValueOnce(info(true)).mockResolvedValue(info(false))
    vi.mocked(api.demoLoad).mockResolvedValue({ units: n(41), people: n(152), positions: n(300) })
    const wrapper = await mountHome()

    const button = wrapper.find('[data-testid=load-demo]')
    expect(button.exists()).toBe(true)
    expect(button.text()).toBe('载入示范县数据')
    expect(wrapper.find('[data-testid=home-counts]').exists()).toBe(false)

    await button.trigger('click')
    await flushPromises()
    expect(api.demoLoad).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[data-testid=load-demo]').exists()).toBe(false)
    const cards = wrapper.find('[data-testid=home-counts]')
    expect(cards.text()).toContain('单位')
    expect(cards.text()).toContain('41')
    expect(cards.text()).toContain('现任一把手')
    expect(cards.text()).toContain('38')
    expect(wrapper.text()).toContain('已载入示范县数据：单位 41 个，干部 152 人')
  })

  it('with data shows the counts and the data folder, not the first-run card', async () => {
    vi.mocked(api.appInfo).mockResolvedValue(info(false))
    const wrapper = await mountHome()
    expect(wrapper.find('[data-testid=load-demo]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=home-counts]').text()).toContain('152')
    expect(wrapper.find('[data-testid=data-dir]').text()).toBe('/home/u/.local/share/cn.jiandu.ledger')
    expect(api.demoLoad).not.toHaveBeenCalled()
  })

  it('lists what needs doing now, with the figures from the worklist, and each entry opens its record', async () => {
    vi.mocked(api.appInfo).mockResolvedValue(info(false))
    const wrapper = await mountHome()
    expect(wrapper.find('[data-testid=worklist-summary]').text()).toBe('2025年以来开展监督谈话17次，覆盖一把手12人，整改完成率75.0%')
    expect(wrapper.find('[data-testid=fig-covered]').text()).toContain('12')
    expect(wrapper.find('[data-testid=fig-covered]').text()).toContain('38')
    expect(wrapper.find('[data-testid=fig-completion]').text()).toBe('75.0%')
    const items = wrapper.findAll('[data-testid=wl-item]')
    expect(items).toHaveLength(2)
    expect(items[0].find('[data-testid=wl-item-overdue]').text()).toBe('逾期 4 天')
    expect(items[1].find('[data-testid=wl-item-overdue]').exists()).toBe(false)
    expect(items[1].text()).toContain('剩 4 天')
    expect(wrapper.find('[data-testid=wl-heads]').text()).toContain('另有 4 人')

    await items[0].trigger('click')
    await flushPromises()
    expect(wrapper.vm.$router.currentRoute.value.path).toBe('/items/i-7')
    await wrapper.find('[data-testid=wl-head]').trigger('click')
    await flushPromises()
    expect(wrapper.vm.$router.currentRoute.value.path).toBe('/people/p-9')
    await wrapper.find('[data-testid=wl-planned-entry]').trigger('click')
    await flushPromises()
    expect(wrapper.vm.$router.currentRoute.value.path).toBe('/talks/t-1')
  })

  it('lists the letter replies awaited, most overdue first, each opening its letter, with the 逾期未复 figure', async () => {
    vi.mocked(api.appInfo).mockResolvedValue(info(false))
    const wrapper = await mountHome()
    expect(wrapper.find('[data-testid=fig-overdue-letters]').text()).toBe('1件')
    const panel = wrapper.find('[data-testid=wl-letters]')
    expect(panel.text()).toContain('7日内到期及逾期未复的函件')
    expect(panel.text()).toContain('另有 1 件')
    const letters = panel.findAll('[data-testid=wl-letter]')
    expect(letters).toHaveLength(2)
    expect(letters[0].find('[data-testid=wl-letter-number]').text()).toBe('宣纪函〔2025〕4号')
    expect(letters[0].find('[data-testid=wl-letter-recipient]').text()).toBe('主送 中共云溪县医疗保障局党组')
    expect(letters[0].text()).toContain('回复期限 2025-05-27')
    expect(letters[0].find('[data-testid=wl-letter-days]').text()).toBe('逾期 5 天')
    expect(letters[0].find('[data-testid=wl-letter-days]').classes()).toContain('overdue')
    // No 主送 typed: the recipient's name stands in; an estimated date says so.
    expect(letters[1].find('[data-testid=wl-letter-recipient]').text()).toBe('主送 单丽华')
    expect(letters[1].text()).toContain('2025-06-04（估算）')
    expect(letters[1].find('[data-testid=wl-letter-days]').text()).toBe('还有 3 天')
    expect(letters[1].find('[data-testid=wl-letter-days]').classes()).not.toContain('overdue')

    await letters[0].trigger('click')
    await flushPromises()
    expect(wrapper.vm.$router.currentRoute.value.path).toBe('/letters/l-4')
  })

  it('says so when no letter reply is awaited and shows no alarm', async () => {
    vi.mocked(api.appInfo).mockResolvedValue(info(false))
    vi.mocked(api.worklist).mockResolvedValue({ ...work, letters_due: [], letters_due_total: 0, letters_overdue_total: 0 })
    const wrapper = await mountHome()
    expect(wrapper.find('[data-testid=wl-letter]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=wl-letters]').text()).toContain('没有 7 日内到期或逾期未复的函件')
    expect(wrapper.find('[data-testid=fig-overdue-letters]').text()).toBe('0件')
    expect(wrapper.find('[data-testid=fig-letters-link]').classes()).not.toContain('alarm')
  })

  it('lists the people inside a sanction\'s effect period, each opening the person page', async () => {
    vi.mocked(api.appInfo).mockResolvedValue(info(false))
    const wrapper = await mountHome()
    const panel = wrapper.find('[data-testid=wl-sanctions]')
    expect(panel.find('[data-testid=wl-sanctions-total]').text()).toBe('1')
    const entries = panel.findAll('[data-testid=wl-sanction]')
    expect(entries).toHaveLength(1)
    expect(entries[0].text()).toContain('单丽华')
    expect(entries[0].text()).toContain('党纪处分 · 党内严重警告') // the office's display name of the kind
    expect(entries[0].find('[data-testid=wl-sanction-flag]').text()).toBe('影响期至 2026年9月1日')
    await entries[0].trigger('click')
    await flushPromises()
    expect(wrapper.vm.$router.currentRoute.value.path).toBe('/people/p-5')
  })

  it('says so when nobody is inside an effect period', async () => {
    vi.mocked(api.appInfo).mockResolvedValue(info(false))
    vi.mocked(api.worklist).mockResolvedValue({ ...work, sanctions_in_effect: [], sanctions_in_effect_total: 0 })
    const wrapper = await mountHome()
    expect(wrapper.find('[data-testid=wl-sanctions]').text()).toContain('没有处于处分影响期内的干部')
    expect(wrapper.findAll('[data-testid=wl-sanction]')).toHaveLength(0)
  })
  // ---- 考核
  it('lists the heads awaiting a 约谈 after a weak rating, and opens the talk form and the 督办函 filled for them', async () => {
    vi.mocked(api.appInfo).mockResolvedValue(info(false))
    const wrapper = await mountHome()
    const panel = wrapper.find('[data-testid=wl-summons]')
    expect(panel.find('[data-testid=wl-summons-total]').text()).toBe('2')
    const entries = panel.findAll('[data-testid=wl-summons-entry]')
    expect(entries).toHaveLength(2)
    expect(entries[0].text()).toContain('杨超')
    expect(entries[0].text()).toContain('2024年度考核')
    expect(entries[0].text()).toContain('基本合格')

    await entries[0].find('[data-testid=wl-summons-talk]').trigger('click')
    await flushPromises()
    const talk = wrapper.vm.$router.currentRoute.value
    expect(talk.path).toBe('/talks/new')
    expect(talk.query).toEqual({ kind: '约谈', source: '考核结果', assessment: 'a-5', person: 'p-9' })

    await entries[0].find('[data-testid=wl-summons-letter]').trigger('click')
    await flushPromises()
    const letter = wrapper.vm.$router.currentRoute.value
    expect(letter.path).toBe('/letters/new')
    expect(letter.query).toEqual({ template: api.SUMMONS_LETTER_TEMPLATE, unit: 'u-3', person: 'p-9' })
    expect(api.SUMMONS_LETTER_TEMPLATE).toBe('2b6f1c52-6f0e-4a53-9f41-0c1e8a7d4a03')

    // A 约谈 already planned is recorded as held rather than planned twice.
    expect(entries[1].text()).toContain('约谈已计划')
    await entries[1].find('[data-testid=wl-summons-talk]').trigger('click')
    await flushPromises()
    expect(wrapper.vm.$router.currentRoute.value.fullPath).toBe('/talks/t-8/edit?held=1')
  })
  // ---- end 考核
  // ---- risk points
  it('lists the risk points past their review date with the core\'s level colour, each opening its unit', async () => {
    vi.mocked(api.appInfo).mockResolvedValue(info(false))
    const wrapper = await mountHome()
    const panel = wrapper.find('[data-testid=wl-risks]')
    expect(panel.find('[data-testid=wl-risks-total]').text()).toBe('1')
    const entries = panel.findAll('[data-testid=wl-risk]')
    expect(entries).toHaveLength(1)
    const tag = entries[0].find('[data-testid=risk-level]')
    expect(tag.text()).toBe('高（红）')
    expect(tag.classes()).toContain('risk-red')
    expect(entries[0].text()).toContain('云溪县住房和城乡建设局 党组书记、局长（邓志远）')
    expect(entries[0].find('[data-testid=wl-risk-days]').text()).toBe('复核日期 2025-05-12，已过 20 天')
    await entries[0].trigger('click')
    await flushPromises()
    expect(wrapper.vm.$router.currentRoute.value.path).toBe('/units/u-7')
  })

  it('says so when no risk point is past its review date', async () => {
    vi.mocked(api.appInfo).mockResolvedValue(info(false))
    vi.mocked(api.worklist).mockResolvedValue({ ...work, risk_reviews_due: [], risk_reviews_due_total: 0 })
    const wrapper = await mountHome()
    expect(wrapper.find('[data-testid=wl-risks]').text()).toContain('没有到期未复核的廉政风险点')
  })
  // ---- end risk points
  // ---- dashboards
  it('after the worklist, shows this year\'s figures from the core\'s report and links to 统计', async () => {
    vi.mocked(api.appInfo).mockResolvedValue(info(false))
    vi.mocked(api.reportGet).mockReset().mockResolvedValue(reportPayload({
      talks_total: 17, on_time_percent: 87.5, letters_on_time: 7, letters_replied: 8, letters_overdue: 2,
    }))
    const wrapper = await mountHome()
    await vi.dynamicImportSettled()
    await flushPromises()
    expect(api.reportGet).toHaveBeenCalledWith({ period: { kind: 'year', year: 2025 }, unit_ids: null })
    expect(vi.mocked(api.reportGet).mock.invocationCallOrder[0]).toBeGreaterThan(vi.mocked(api.worklist).mock.invocationCallOrder[0])
    expect(wrapper.find('[data-testid=strip-on-time]').text()).toBe('87.5%')
    expect(wrapper.find('[data-testid=strip-letters]').text()).toContain('按期 7 / 已回复 8，逾期未复 2')
    const talks = wrapper.find('[data-testid=strip-talks]').findComponent({ name: 'VChart' }).props('option') as any
    expect(talks.title.text).toBe('2025年谈话 17 次')
    // The risk ring's labels are in a legend beside it (labels around it were cut at 1280 px).
    const risks = wrapper.find('[data-testid=strip-risks]').findComponent({ name: 'VChart' }).props('option') as any
    expect(risks.series[0].label.show).toBe(false)
    // The first screen's charts draw at once, in the app's font.
    expect([talks, risks].map((o) => o.animation)).toEqual([false, false])
    expect(talks.title.textStyle.fontFamily).toMatch(/^"Noto Sans CJK SC"/)
    expect(risks.legend.orient).toBe('vertical')
    expect(risks.series[0].data.map((d: any) => risks.legend.formatter(d.name))).toEqual(['高 3', '中 12', '低 30'])
    const [cx] = risks.series[0].center.map((c: string) => parseFloat(c))
    expect(cx + parseFloat(risks.series[0].radius[1]) / 2).toBeLessThan(60)
    expect(wrapper.find('[data-testid=stats-strip-link]').attributes('href')).toBe('/stats')
  })

  it('a report that cannot be read leaves the worklist as it is and says so in the strip', async () => {
    vi.mocked(api.appInfo).mockResolvedValue(info(false))
    vi.mocked(api.reportGet).mockReset().mockRejectedValue(coreError('report_bad_from'))
    const wrapper = await mountHome()
    await vi.dynamicImportSettled()
    await flushPromises()
    expect(wrapper.find('[data-testid=stats-strip]').text()).toContain('统计暂时无法读取')
    // The reason is shown, not swallowed: the core's own message.
    expect(wrapper.find('[data-testid=stats-strip-error]').text()).toContain(coreError('report_bad_from').message)
    expect(wrapper.find('[data-testid=worklist-figures]').exists()).toBe(true)
  })
  // ---- end dashboards
})
