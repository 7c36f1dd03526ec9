import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import HomeView from '../HomeView.vue'
import * as api from '../../../api'
import type { AppInfo, Counts, Worklist } from '../../../api'
import { testRouter } from '../../../test/router'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const n = (x: number) => x
const info = (is_empty: boolean): AppInfo => ({
  version: '0.1.0', data_dir: '/home/u/.local/share/cn.jiandu.ledger', database_path: '/x/jiandu.db',
  schema_version: n(1), today: '2025-06-01', is_empty,
})
const counts: Counts = { units: n(41), people: n(152), positions: n(300), heads: n(38), voided: n(2), audit_rows: n(500),
  talks: 0, rectification_items: 0, open_items: 0, overdue_items: 0, letters: 0, letter_drafts: 0, overdue_letters: 0 }

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
})
