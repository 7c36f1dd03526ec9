import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount } from '@vue/test-utils'
import { settle } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'
import AccountsCard from '../AccountsCard.vue'
import * as api from '../../../api'
import type { Account } from '../../../api'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const errorUnder = (testid: string) => $(`[data-testid=${testid}]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent ?? ''

async function type(testid: string, text: string) {
  const input = $(`[data-testid=${testid}] input`) as HTMLInputElement
  input.value = text
  input.dispatchEvent(new Event('input'))
}

const account = (login: string, role: Account['role'], over: Partial<Account> = {}): Account => ({
  id: `id-${login}`, login, display_name: login === 'admin' ? '王管理' : '李查阅', role, locked_until: null, disabled_at: null,
  created_at: '2026-05-20 09:00:00', created_by: '王管理（admin）', updated_at: '2026-05-20 09:00:00', updated_by: '王管理（admin）', ...over,
})

describe('设置 › 账户', () => {
  beforeEach(() => {
    vi.mocked(api.accountsList).mockReset().mockResolvedValue([
      account('admin', '管理员'),
      account('reader', '查阅员', { locked_until: '2026-05-20 09:15:00' }),
      account('old', '录入员', { disabled_at: '2026-05-01 10:00:00' }),
    ])
    vi.mocked(api.accountSave).mockReset()
    vi.mocked(api.authStatus).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the accounts with their role and whether they are locked or disabled', async () => {
    const w = mount(AccountsCard, { attachTo: document.body })
    await settle()
    const text = $('[data-testid=accounts-table]')!.textContent ?? ''
    expect(text).toContain('查阅员')
    expect(text).toContain('锁定至 2026-05-20 09:15')
    expect(text).toContain('已停用（2026-05-01）')
    w.unmount()
  })

  it('adds an account with its role and initial password, and shows a taken login under the field', async () => {
    const w = mount(AccountsCard, { attachTo: document.body })
    await settle()
    $('[data-testid=accounts-add]')!.click()
    await settle()
    await type('account-login', 'reader')
    await type('account-name', '李查阅')
    await type('account-password', 'lcy-2026x')
    const reader = [...document.body.querySelectorAll('[data-testid=account-role] input')].find((i) => (i as HTMLInputElement).value === '查阅员') as HTMLInputElement
    reader.click()
    vi.mocked(api.accountSave).mockRejectedValueOnce(coreError('account_login_taken'))
    $('[data-testid=account-save]')!.click()
    await settle()
    expect(api.accountSave).toHaveBeenCalledWith({ id: null, login: 'reader', display_name: '李查阅', role: '查阅员', password: 'lcy-2026x', disabled: false })
    expect(errorUnder('account-login')).toBe(coreError('account_login_taken').message)
    w.unmount()
  })

  it('edits an account without sending a password, and can disable it', async () => {
    vi.mocked(api.accountSave).mockResolvedValue(account('reader', '查阅员'))
    const w = mount(AccountsCard, { attachTo: document.body })
    await settle()
    $('[data-testid=account-edit-reader]')!.click()
    await settle()
    expect($('[data-testid=account-password]')).toBeNull()
    ;($('[data-testid=account-disabled] input') as HTMLInputElement).click()
    $('[data-testid=account-save]')!.click()
    await settle()
    expect(api.accountSave).toHaveBeenCalledWith(expect.objectContaining({ id: 'id-reader', password: null, disabled: true }))
    w.unmount()
  })
})
