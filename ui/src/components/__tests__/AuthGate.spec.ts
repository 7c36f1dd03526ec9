import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount } from '@vue/test-utils'
import { settle } from '../../test/mockApi'
import { coreError } from '../../test/coreErrors'
import AuthGate from '../AuthGate.vue'
import * as api from '../../api'
import { auth } from '../../store'

vi.mock('../../api', async (io) => (await import('../../test/mockApi')).mockApi(io))

const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const errorUnder = (testid: string) => $(`[data-testid=${testid}]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent ?? ''

async function type(testid: string, text: string) {
  const input = $(`[data-testid=${testid}] input`) as HTMLInputElement
  input.value = text
  input.dispatchEvent(new Event('input'))
}

const session = { account_id: 'a-1', login: 'admin', display_name: '王管理', role: '管理员' as const }

describe('创建管理员 and 登录', () => {
  beforeEach(() => {
    for (const f of [api.authSetup, api.authSignIn, api.authStatus, api.officeGet, api.appInfo]) vi.mocked(f).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
    auth.status = null
  })

  it('on a database without accounts asks for the first administrator and sends what was typed', async () => {
    auth.status = { state: 'needs_setup' }
    vi.mocked(api.authSetup).mockResolvedValue({ session, recovery_code: null })
    vi.mocked(api.authStatus).mockResolvedValue({ state: 'signed_in', session, idle_minutes: 15 })
    const w = mount(AuthGate, { attachTo: document.body })
    expect($('[data-testid=auth-signin-form]')).toBeNull()
    await type('auth-setup-login', 'admin')
    await type('auth-setup-name', '王管理')
    await type('auth-setup-password', 'jiandu-2026')
    await type('auth-setup-password2', 'jiandu-2026')
    $('[data-testid=auth-setup-submit]')!.click()
    await settle()
    expect(api.authSetup).toHaveBeenCalledWith({ login: 'admin', display_name: '王管理', password: 'jiandu-2026', password2: 'jiandu-2026' })
    expect(auth.status?.state).toBe('signed_in')
    w.unmount()
  })

  it("shows the core's password rule under the password and a mismatch under the second one", async () => {
    auth.status = { state: 'needs_setup' }
    const w = mount(AuthGate, { attachTo: document.body })
    vi.mocked(api.authSetup).mockRejectedValueOnce(coreError('setup_password_short'))
    $('[data-testid=auth-setup-submit]')!.click()
    await settle()
    expect(errorUnder('auth-setup-password')).toBe(coreError('setup_password_short').message)
    vi.mocked(api.authSetup).mockRejectedValueOnce(coreError('setup_password_mismatch'))
    $('[data-testid=auth-setup-submit]')!.click()
    await settle()
    expect(errorUnder('auth-setup-password2')).toBe(coreError('setup_password_mismatch').message)
    w.unmount()
  })

  it('signs in; a wrong password shows under the field, the lock says until when', async () => {
    auth.status = { state: 'signed_out', idle_minutes: 15 }
    const w = mount(AuthGate, { attachTo: document.body })
    expect($('[data-testid=auth-setup-form]')).toBeNull()
    await type('auth-signin-login', 'admin')
    await type('auth-signin-password', 'wrong-pass1')
    vi.mocked(api.authSignIn).mockRejectedValueOnce(coreError('sign_in_wrong_password'))
    $('[data-testid=auth-signin-submit]')!.click()
    await settle()
    expect(api.authSignIn).toHaveBeenCalledWith('admin', 'wrong-pass1')
    expect(errorUnder('auth-signin-password')).toBe(coreError('sign_in_wrong_password').message)

    vi.mocked(api.authSignIn).mockRejectedValueOnce(coreError('account_locked'))
    $('[data-testid=auth-signin-submit]')!.click()
    await settle()
    expect($('[data-testid=auth-error]')!.textContent).toContain('已锁定至')
    w.unmount()
  })
})
