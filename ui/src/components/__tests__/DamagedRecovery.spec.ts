import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils'
import DamagedRecovery from '../DamagedRecovery.vue'
import * as api from '../../api'
import type { BackupInspection, Counts } from '../../api'
import { coreError } from '../../test/coreErrors'

vi.mock('../../api', async (io) => (await import('../../test/mockApi')).mockApi(io))

const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const $$ = (sel: string) => [...document.body.querySelectorAll(sel)] as HTMLElement[]

const counts = { units: 40, people: 150, talks: 30, letters: 9 } as Partial<Counts> as Counts
const good = (taken_at: string): BackupInspection => ({
  path: `/d/backups/jiandu-auto-${taken_at.slice(0, 10).replace(/-/g, '')}-083000.db`,
  taken_at,
  last_change: null,
  schema_version: 5,
  counts,
})

let wrapper: VueWrapper

describe('损坏的数据库：从完好备份恢复', () => {
  beforeEach(() => {
    vi.mocked(api.recoveryBackups).mockReset().mockResolvedValue([good('2026-12-03 08:30:00'), good('2026-12-02 08:30:00')])
    vi.mocked(api.restoreDamaged).mockReset()
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({ version: '0.1.0', data_dir: '/d', database_path: '/d/jiandu.db', schema_version: 5, today: '2026-12-03', is_empty: false })
    vi.mocked(api.officeGet).mockReset().mockResolvedValue({ full_names: [], agency_code: '', contact_person: '', contact_phone: '', operator: '' })
  })
  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
  })

  it('offers the newest good backup first and restores it, naming where the damaged file is kept', async () => {
    vi.mocked(api.restoreDamaged).mockResolvedValue({ restored: good('2026-12-03 08:30:00'), previous: '/d/jiandu.db.damaged-20261203-091500' })
    wrapper = mount(DamagedRecovery, { attachTo: document.body })
    await flushPromises()
    const rows = $$('[data-testid=recovery-list] .el-table__body tr')
    expect(rows[0].textContent).toContain('2026-12-03 08:30:00')
    expect(rows[0].textContent).toContain('150')
    $$('[data-testid=recovery-restore]')[0].click()
    await flushPromises()
    expect(api.restoreDamaged).toHaveBeenCalledWith('/d/backups/jiandu-auto-20261203-083000.db')
    expect($('[data-testid=recovery-done]')!.textContent).toContain('/d/jiandu.db.damaged-20261203-091500')
  })

  it('says so when no good backup is found, and shows a refusal of another file', async () => {
    vi.mocked(api.recoveryBackups).mockResolvedValue([])
    vi.mocked(api.chooseRestoreFile).mockReset().mockResolvedValue('/media/usb/坏.db')
    vi.mocked(api.backupInspect).mockReset().mockRejectedValue(coreError('backup_not_sqlite'))
    wrapper = mount(DamagedRecovery, { attachTo: document.body })
    await flushPromises()
    expect($('[data-testid=recovery-none]')).not.toBeNull()
    $('[data-testid=recovery-other]')!.click()
    await flushPromises()
    expect($('[data-testid=recovery-error]')!.textContent).toContain(coreError('backup_not_sqlite').message)
    expect(api.restoreDamaged).not.toHaveBeenCalled()
  })
})
