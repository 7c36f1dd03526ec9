import { describe, it, expect, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import App from '../App.vue'
import * as api from '../api'
import { shell } from '../store'
import { testRouter } from '../test/router'

vi.mock('../api', async (io) => (await import('../test/mockApi')).mockApi(io))

async function mountApp() {
  const router = testRouter()
  await router.push('/')
  const wrapper = mount(App, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('窗口外框', () => {
  afterEach(() => {
    document.body.innerHTML = ''
    shell.fatal = null
  })

  it('says in full why the database could not be opened, instead of empty pages', async () => {
    const locked = { code: 'locked', message: '数据库正被另一个监督台账窗口使用（/home/u/jiandu.db）。', field: null }
    vi.mocked(api.officeGet).mockRejectedValue(locked)
    vi.mocked(api.appInfo).mockRejectedValue(locked)
    const wrapper = await mountApp()
    const page = wrapper.find('[data-testid=startup-error]')
    expect(page.exists()).toBe(true)
    expect(page.text()).toContain('无法打开数据库')
    expect(page.text()).toContain('另一个监督台账窗口')
    wrapper.unmount()
  })

  it('shows the office name and the pages when the database opened', async () => {
    vi.mocked(api.officeGet).mockResolvedValue({
      full_names: ['中共云溪县纪律检查委员会'], agency_code: '云纪', contact_person: '', contact_phone: '', operator: '',
    })
    vi.mocked(api.appInfo).mockResolvedValue({
      version: '0.1.0', data_dir: '/d', database_path: '/d/jiandu.db', schema_version: 2, today: '2026-11-28', is_empty: false,
    })
    const wrapper = await mountApp()
    expect(wrapper.find('[data-testid=startup-error]').exists()).toBe(false)
    expect(wrapper.text()).toContain('中共云溪县纪律检查委员会')
    wrapper.unmount()
  })
})
