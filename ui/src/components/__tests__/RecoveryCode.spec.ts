import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount } from '@vue/test-utils'
import { settle } from '../../test/mockApi'
import { coreError } from '../../test/coreErrors'
import AuthGate from '../AuthGate.vue'
import * as api from '../../api'
import { auth } from '../../store'

vi.mock('../../api', async (io) => (await import('../../test/mockApi')).mockApi(io))

// Encryption at rest (issue 12): the recovery code shown once after 创建管理员 or after the
// conversion, and 忘记密码？ with the code. Errors are the core's (core-errors.json).
const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const errorUnder = (testid: string) => $(`[data-testid=${testid}]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent ?? ''

async function type(testid: string, text: string) {
  const input = $(`[data-testid=${testid}] input`) as HTMLInputElement
  input.value = text
  input.dispatchEvent(new Event('input'))
}

const session = { account_id: 'a-1', login: 'admin', display_name: '王管理', role: '管理员' as const }
const CODE = 'K7QM-ABCD-EFGH-JKMN-PQRS-TUVW'

describe('恢复密钥', () => {
  beforeEach(() => {
    for (const f of [api.authSetup, api.authSignIn, api.authStatus, api.authRecover, api.recoveryPending, api.recoveryConfirm, api.officeGet, api.appInfo]) vi.mocked(f).mockReset()
    vi.mocked(api.authStatus).mockResolvedValue({ state: 'signed_in', session, idle_minutes: 15 })
  })
  afterEach(() => {
    document.body.innerHTML = ''
    auth.status = null
  })

  it('after 创建管理员 shows the code once, prints, and goes on only when the clerk says it is kept', async () => {
    auth.status = { state: 'needs_setup' }
    vi.mocked(api.authSetup).mockResolvedValue({ session, recovery_code: CODE })
    const print = vi.spyOn(window, 'print').mockImplementation(() => {})
    const w = mount(AuthGate, { attachTo: document.body })
    await type('auth-setup-login', 'admin')
    await type('auth-setup-name', '王管理')
    await type('auth-setup-password', 'jiandu-2026')
    await type('auth-setup-password2', 'jiandu-2026')
    $('[data-testid=auth-setup-submit]')!.click()
    await settle()
    expect($('[data-testid=recovery-code]')!.textContent).toBe(CODE)
    expect(auth.status?.state).toBe('needs_setup')
    const go = $('[data-testid=recovery-continue]') as HTMLButtonElement
    expect(go.disabled).toBe(true)
    go.click()
    await settle()
    expect(api.authStatus).not.toHaveBeenCalled()
    $('[data-testid=recovery-print]')!.click()
    expect(print).toHaveBeenCalled()
    ;($('[data-testid=recovery-kept] input') as HTMLInputElement).click()
    await settle()
    expect(go.disabled).toBe(false)
    go.click()
    await settle()
    expect(api.recoveryConfirm).not.toHaveBeenCalled()
    expect(auth.status?.state).toBe('signed_in')
    expect($('[data-testid=recovery-dialog]')).toBeNull()
    w.unmount()
  })

  it('shows the code made at conversion to the administrator who signs in, and has it deleted once kept', async () => {
    auth.status = { state: 'signed_out', idle_minutes: 15 }
    vi.mocked(api.authSignIn).mockResolvedValue(session)
    vi.mocked(api.recoveryPending).mockResolvedValue(CODE)
    vi.mocked(api.recoveryConfirm).mockResolvedValue(null)
    const w = mount(AuthGate, { attachTo: document.body })
    await type('auth-signin-login', 'admin')
    await type('auth-signin-password', 'jiandu-2026')
    $('[data-testid=auth-signin-submit]')!.click()
    await settle()
    expect($('[data-testid=recovery-code]')!.textContent).toBe(CODE)
    ;($('[data-testid=recovery-kept] input') as HTMLInputElement).click()
    await settle()
    $('[data-testid=recovery-continue]')!.click()
    await settle()
    expect(api.recoveryConfirm).toHaveBeenCalledTimes(1)
    expect(auth.status?.state).toBe('signed_in')
    w.unmount()
  })

  it('signs in without a dialog when nothing is pending', async () => {
    auth.status = { state: 'signed_out', idle_minutes: 15 }
    vi.mocked(api.authSignIn).mockResolvedValue(session)
    vi.mocked(api.recoveryPending).mockResolvedValue(null)
    const w = mount(AuthGate, { attachTo: document.body })
    $('[data-testid=auth-signin-submit]')!.click()
    await settle()
    expect($('[data-testid=recovery-dialog]')).toBeNull()
    expect(auth.status?.state).toBe('signed_in')
    w.unmount()
  })

  it('忘记密码？ sends the code and the new password; the core’s refusals show under their fields', async () => {
    auth.status = { state: 'signed_out', idle_minutes: 15 }
    const w = mount(AuthGate, { attachTo: document.body })
    await type('auth-signin-login', 'admin')
    $('[data-testid=auth-forgot]')!.click()
    await settle()
    expect($('[data-testid=auth-signin-form]')).toBeNull()
    expect(($('[data-testid=auth-recover-login] input') as HTMLInputElement).value).toBe('admin')
    await type('auth-recover-code', 'k7qm abcd efgh jkmn pqrs tuvw')
    await type('auth-recover-password', 'forgot-2026!')
    await type('auth-recover-password2', 'forgot-2026!')
    for (const [name, testid] of [
      ['recover_code_wrong', 'auth-recover-code'],
      ['recover_code_short', 'auth-recover-code'],
      ['recover_login_unknown', 'auth-recover-login'],
      ['recover_password_short', 'auth-recover-password'],
      ['recover_password_mismatch', 'auth-recover-password2'],
    ]) {
      vi.mocked(api.authRecover).mockRejectedValueOnce(coreError(name))
      $('[data-testid=auth-recover-submit]')!.click()
      await settle()
      expect(errorUnder(testid), name).toBe(coreError(name).message)
    }
    vi.mocked(api.authRecover).mockResolvedValueOnce(session)
    $('[data-testid=auth-recover-submit]')!.click()
    await settle()
    expect(api.authRecover).toHaveBeenLastCalledWith({ login: 'admin', code: 'k7qm abcd efgh jkmn pqrs tuvw', password: 'forgot-2026!', password2: 'forgot-2026!' })
    expect(auth.status?.state).toBe('signed_in')
    w.unmount()
  })
})
