import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils'
import BackupCard from '../BackupCard.vue'
import * as api from '../../../api'
import type { BackupInspection, BackupStatus, Counts } from '../../../api'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null
const $$ = (sel: string) => [...document.body.querySelectorAll(sel)] as HTMLElement[]

const zero: Counts = {
  units: 0, people: 0, positions: 0, heads: 0, voided: 0, audit_rows: 0, talks: 0, rectification_items: 0, open_items: 0,
  overdue_items: 0, letters: 0, letter_drafts: 0, overdue_letters: 0, sanctions: 0, sanctions_in_effect: 0, assessments: 0,
  summons_pending: 0, family_changes: 0, family_changes_late: 0, hearings: 0, education: 0, risk_points: 0,
  risk_points_high: 0, risk_reviews_due: 0, findings: 0, findings_rectifying: 0, clues: 0, clues_undisposed: 0,
}

const status = (over: Partial<BackupStatus> = {}): BackupStatus => ({
  folder: '/d/backups',
  default_folder: '/d/backups',
  chosen_folder: null,
  warning: null,
  files: [
    { path: '/d/backups/jiandu-auto-20261203-083000.db', name: 'jiandu-auto-20261203-083000.db', taken_at: '2026-12-03 08:30:00', size: 3 * 1024 * 1024 + 300_000, kind: '自动（每日）' },
    { path: '/d/backups/jiandu-manual-20261201-170000.db', name: 'jiandu-manual-20261201-170000.db', taken_at: '2026-12-01 17:00:00', size: 2000, kind: '手动' },
  ],
  ...over,
})

const inspection: BackupInspection = {
  path: '/d/backups/jiandu-auto-20261203-083000.db',
  taken_at: '2026-12-03 08:30:00',
  last_change: '2026-12-02 16:41:07',
  schema_version: 5,
  counts: { ...zero, units: 41, people: 152, talks: 37, letters: 12 },
}

let wrapper: VueWrapper
async function mountCard() {
  wrapper = mount(BackupCard, { attachTo: document.body, props: { today: '2026-12-03' } })
  await flushPromises()
}

describe('设置：备份与恢复', () => {
  beforeEach(() => {
    vi.mocked(api.backupStatus).mockReset().mockResolvedValue(status())
    vi.mocked(api.backupInspect).mockReset().mockResolvedValue(inspection)
    vi.mocked(api.backupRestore).mockReset().mockResolvedValue({ restored: inspection, previous: '/d/backups/jiandu-before-restore-20261203-101500.db' })
    vi.mocked(api.backupFolderSet).mockReset()
    vi.mocked(api.chooseRestoreFile).mockReset()
    vi.mocked(api.chooseFolder).mockReset()
  })
  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
  })

  it('shows the folder, the last backup and the list with sizes', async () => {
    await mountCard()
    expect($('[data-testid=backup-folder]')!.textContent).toBe('/d/backups')
    expect($('[data-testid=backup-last]')!.textContent).toBe('2026-12-03 08:30:00（自动（每日））')
    const rows = $$('[data-testid=backup-list] .el-table__body tr').map((r) => r.textContent)
    expect(rows[0]).toContain('3.3 MB')
    expect(rows[1]).toContain('2 KB')
    expect($('[data-testid=backup-warning]')).toBeNull()
  })

  it('warns when the chosen folder is missing (the USB drive unplugged)', async () => {
    const warning = '备份文件夹“/media/usb/备份”不存在或无法访问（移动硬盘或U盘是否未插好？），备份暂时写入默认位置“/d/backups”。'
    vi.mocked(api.backupStatus).mockResolvedValue(status({ chosen_folder: '/media/usb/备份', warning }))
    await mountCard()
    expect($('[data-testid=backup-warning]')!.textContent).toContain(warning)
    expect($('[data-testid=backup-folder]')!.textContent).toBe('/media/usb/备份')
  })

  it('restores after showing the date and the counts, and says where the previous database went', async () => {
    vi.mocked(api.chooseRestoreFile).mockResolvedValue(inspection.path)
    await mountCard()
    $('[data-testid=restore-choose]')!.click()
    await flushPromises()
    expect(api.backupInspect).toHaveBeenCalledWith(inspection.path)
    expect($('[data-testid=restore-taken-at]')!.textContent).toBe('2026-12-03 08:30:00')
    const counts = $('[data-testid=restore-counts]')!.textContent!
    expect(counts).toContain('干部152')
    expect(counts).toContain('单位41')
    expect(api.backupRestore).not.toHaveBeenCalled()
    $('[data-testid=restore-confirm]')!.click()
    await flushPromises()
    expect(api.backupRestore).toHaveBeenCalledWith(inspection.path)
    expect($('[data-testid=restore-done]')!.textContent).toContain('jiandu-before-restore-20261203-101500.db')
  })

  it('shows the core refusal of a damaged file and restores nothing', async () => {
    const refusal = coreError('backup_not_sqlite')
    vi.mocked(api.backupInspect).mockRejectedValue(refusal)
    await mountCard()
    $$('[data-testid=backup-row-restore]')[1].click()
    await flushPromises()
    expect($('[data-testid=restore-error]')!.textContent).toContain(refusal.message)
    expect($('[data-testid=restore-dialog]')).toBeNull()
    expect(api.backupRestore).not.toHaveBeenCalled()
  })

  it('shows a newer-version refusal as the core words it', async () => {
    const refusal = coreError('backup_newer')
    vi.mocked(api.chooseRestoreFile).mockResolvedValue('/media/usb/newer.db')
    vi.mocked(api.backupInspect).mockRejectedValue(refusal)
    await mountCard()
    $('[data-testid=restore-choose]')!.click()
    await flushPromises()
    expect($('[data-testid=restore-error]')!.textContent).toContain('更新版本')
  })

  it('shows why a folder was refused', async () => {
    const refusal = coreError('backup_folder_relative')
    vi.mocked(api.chooseFolder).mockResolvedValue('备份')
    vi.mocked(api.backupFolderSet).mockRejectedValue(refusal)
    await mountCard()
    $('[data-testid=backup-folder-choose]')!.click()
    await flushPromises()
    expect(api.backupFolderSet).toHaveBeenCalledWith('备份')
    expect($('[data-testid=backup-folder-error]')!.textContent).toBe(refusal.message)
  })
})
