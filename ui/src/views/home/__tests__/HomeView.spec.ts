import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import HomeView from '../HomeView.vue'
import * as api from '../../../api'
import type { AppInfo, Counts } from '../../../api'
import { testRouter } from '../../../test/router'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const n = (x: number) => x
const info = (is_empty: boolean): AppInfo => ({
  version: '0.1.0', data_dir: '/home/u/.local/share/cn.jiandu.ledger', database_path: '/x/jiandu.db',
  schema_version: n(1), today: '2025-06-01', is_empty,
})
const counts: Counts = { units: n(41), people: n(152), positions: n(300), heads: n(38), voided: n(2), audit_rows: n(500),
  talks: 0, rectification_items: 0, open_items: 0, overdue_items: 0 }

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
})
