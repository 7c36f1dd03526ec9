import { describe, it, expect, vi, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import App from '../App.vue'
import * as api from '../api'
import { shell, auth } from '../store'
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
    auth.status = null
  })

  it('says in full why the database could not be opened, instead of empty pages', async () => {
    const locked = { code: 'locked', message: '数据库正被另一个监督台账窗口使用（/home/u/jiandu.db）。', field: null }
    vi.mocked(api.authStatus).mockRejectedValue(locked)
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
    vi.mocked(api.authStatus).mockResolvedValue({ state: 'signed_in', session, idle_minutes: 15 })
    vi.mocked(api.officeGet).mockResolvedValue({
      full_names: ['中共云溪县纪律检查委员会'], agency_code: '云纪', contact_person: '', contact_phone: '', operator: '',
    })
    vi.mocked(api.appInfo).mockResolvedValue({
      version: '0.1.0', data_dir: '/d', database_path: '/d/jiandu.db', schema_version: 2, today: '2026-11-28', is_empty: false,
    })
    const wrapper = await mountApp()
    expect(wrapper.find('[data-testid=startup-error]').exists()).toBe(false)
    expect(wrapper.text()).toContain('中共云溪县纪律检查委员会')
    expect(wrapper.find('[data-testid=auth-user]').text()).toBe('王管理（管理员）')
    wrapper.unmount()
  })

  // ---- accounts
  it('on a database without accounts shows only 创建管理员: no page, no menu', async () => {
    vi.mocked(api.authStatus).mockResolvedValue({ state: 'needs_setup' })
    vi.mocked(api.officeGet).mockClear()
    const wrapper = await mountApp()
    expect(wrapper.find('[data-testid=auth-setup-form]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=nav-home]').exists()).toBe(false)
    expect(api.officeGet).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('asks for the password when accounts exist, and 锁定 signs out in the core too', async () => {
    vi.mocked(api.authStatus).mockResolvedValue({ state: 'signed_in', session, idle_minutes: 15 })
    vi.mocked(api.authSignOut).mockResolvedValue(null)
    const wrapper = await mountApp()
    vi.mocked(api.authStatus).mockResolvedValue({ state: 'signed_out', idle_minutes: 15 })
    await wrapper.find('[data-testid=auth-lock]').trigger('click')
    await flushPromises()
    expect(api.authSignOut).toHaveBeenCalled()
    expect(wrapper.find('[data-testid=auth-signin-form]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=nav-home]').exists()).toBe(false)
    wrapper.unmount()
  })
  // ---- end accounts
})

const session = { account_id: 'a-1', login: 'admin', display_name: '王管理', role: '管理员' as const }
