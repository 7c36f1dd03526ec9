import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils'
import AuditLogView from '../AuditLogView.vue'
import * as api from '../../../api'
import type { AuditFilter, AuditPage, AuditRow } from '../../../api'
import { testRouter } from '../../../test/router'
import { settle } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const edit: AuditRow = {
  id: 4, at: '2026-03-05 09:00:00', actor: '李明', action: 'update', action_label: '修改', entity: 'person', entity_label: '干部',
  entity_id: 'p-1', record_name: '陈志强',
  changes: [{ field: 'phone', label: '电话', before: '', after: '13800000000' }],
}
const voided: AuditRow = {
  id: 3, at: '2026-03-01 09:00:00', actor: '王芳', action: 'void', action_label: '作废', entity: 'talk', entity_label: '谈话',
  entity_id: 't-9', record_name: null,
  changes: [{ field: 'talk.meta.void_reason', label: '作废原因', before: '', after: '重复录入' }],
}
const pageOf = (rows: AuditRow[], total = rows.length, page = 0): AuditPage => ({ rows, total, page, page_size: 50 })
const none: AuditFilter = { person_id: null, entity: null, record: null, actor: null, from: null, to: null }

async function mountView() {
  const router = testRouter()
  await router.push('/')
  const wrapper = mount(AuditLogView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  await settle()
  return wrapper
}

const pick = (w: VueWrapper, testid: string, value: string) =>
  w.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === testid)!.vm.$emit('update:modelValue', value)
/** The date pickers in their order on the page: 开始日期, 结束日期. */
const setDate = (w: VueWrapper, which: 'from' | 'to', value: string) =>
  w.findAllComponents({ name: 'ElDatePicker' })[which === 'from' ? 0 : 1].vm.$emit('update:modelValue', value)
const errorUnder = (testid: string) =>
  document.body.querySelector(`[data-testid=${testid}]`)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent ?? ''
const messages = () => [...document.body.querySelectorAll('.el-message')].map((m) => m.textContent ?? '')

describe('操作日志', () => {
  beforeEach(() => {
    vi.mocked(api.auditLogPage).mockReset().mockResolvedValue(pageOf([edit, voided], 120))
    vi.mocked(api.auditLogOptions).mockReset().mockResolvedValue({
      actors: ['李明', '王芳'], entities: [{ value: 'person', label: '干部' }, { value: 'talk', label: '谈话' }],
    })
    vi.mocked(api.auditChainStatus).mockReset().mockResolvedValue({ rows: 120, broken: null })
    vi.mocked(api.peopleSearch).mockReset().mockResolvedValue({ rows: [], total: 0 })
    vi.mocked(api.chooseXlsxPath).mockReset()
    vi.mocked(api.auditLogExportXlsx).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows who did what to which record, when, and each changed field by its name, before and after', async () => {
    const w = await mountView()
    expect(api.auditLogPage).toHaveBeenCalledWith(none, 0, 50)
    const rows = w.findAll('[data-testid=audit-table] tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('2026-03-05 09:00:00')
    expect(rows[0].text()).toContain('李明')
    expect(w.findAll('[data-testid=audit-row-action]').map((a) => a.text())).toEqual(['修改', '作废'])
    // A person's record links to the person; another kind without a name shows its id.
    expect(w.findAll('[data-testid=audit-row-record]').map((a) => a.text())).toEqual(['陈志强', 't-9'])
    expect(w.find('[data-testid=audit-row-record]').attributes('href')).toContain('/people/p-1')
    const changes = w.findAll('[data-testid=audit-row-changes]').map((c) => c.text())
    expect(changes[0]).toBe('电话：（空） → 13800000000')
    expect(changes[1]).toBe('作废原因：（空） → 重复录入')
    expect(w.find('[data-testid=audit-total]').text()).toBe('共 120 条')
  })

  it('says the chain is verified, or names the first broken link with its row and time', async () => {
    let w = await mountView()
    expect(w.find('[data-testid=audit-chain-ok]').text()).toContain('120 条记录均与写入时一致')
    expect(w.find('[data-testid=audit-chain-broken]').exists()).toBe(false)
    w.unmount()

    vi.mocked(api.auditChainStatus).mockResolvedValue({
      rows: 57, broken: { id: 57, at: '2026-03-01 09:00:00', what: '内容与写入时的校验值不符：这一条在程序之外被改动' },
    })
    w = await mountView()
    const broken = w.find('[data-testid=audit-chain-broken]')
    expect(broken.text()).toContain('哈希链在第 57 条（2026-03-01 09:00:00）处断开：内容与写入时的校验值不符')
    expect(w.find('[data-testid=audit-chain-ok]').exists()).toBe(false)
  })

  it('filters by account, kind, record and person, back on the first page, and pages through the rest', async () => {
    const w = await mountView()
    w.findComponent({ name: 'ElPagination' }).vm.$emit('update:current-page', 3)
    await flushPromises()
    expect(api.auditLogPage).toHaveBeenLastCalledWith(none, 2, 50)

    pick(w, 'audit-filter-actor', '王芳')
    await flushPromises()
    expect(api.auditLogPage).toHaveBeenLastCalledWith({ ...none, actor: '王芳' }, 0, 50)

    pick(w, 'audit-filter-entity', 'talk')
    await flushPromises()
    const record = w.find('input[data-testid=audit-filter-record], [data-testid=audit-filter-record] input')
    await record.setValue('  t-9 ')
    await record.trigger('keyup', { key: 'Enter' })
    await flushPromises()
    expect(api.auditLogPage).toHaveBeenLastCalledWith({ ...none, actor: '王芳', entity: 'talk', record: 't-9' }, 0, 50)

    w.findComponent({ name: 'PersonPicker' }).vm.$emit('update:modelValue', 'p-1')
    await flushPromises()
    expect(api.auditLogPage).toHaveBeenLastCalledWith({ ...none, actor: '王芳', entity: 'talk', record: 't-9', person_id: 'p-1' }, 0, 50)
  })

  it('puts the core\'s refusal of a reversed date range under 结束日期', async () => {
    const w = await mountView()
    vi.mocked(api.auditLogPage).mockRejectedValue(coreError('audit_range_reversed'))
    setDate(w, 'from', '2026-05-20')
    setDate(w, 'to', '2026-05-01')
    await settle()
    expect(api.auditLogPage).toHaveBeenLastCalledWith({ ...none, from: '2026-05-20', to: '2026-05-01' }, 0, 50)
    expect(errorUnder('audit-to-item')).toBe(coreError('audit_range_reversed').message)
    expect(errorUnder('audit-from-item')).toBe('')
    expect(w.findAll('[data-testid=audit-table] tbody tr.el-table__row')).toHaveLength(0)
  })

  it('exports the filtered log, not only the page shown, with the filter the table was read with', async () => {
    vi.mocked(api.chooseXlsxPath).mockResolvedValue('D:\\台账\\操作日志-2026-12-03.xlsx')
    vi.mocked(api.auditLogExportXlsx).mockImplementation(async (_f, path) => path)
    const w = await mountView()
    pick(w, 'audit-filter-actor', '李明')
    await flushPromises()
    await w.find('[data-testid=audit-export]').trigger('click')
    await settle()
    expect(vi.mocked(api.chooseXlsxPath).mock.calls[0][0]).toMatch(/^操作日志-\d{4}-\d{2}-\d{2}\.xlsx$/)
    expect(api.auditLogExportXlsx).toHaveBeenCalledWith({ ...none, actor: '李明' }, 'D:\\台账\\操作日志-2026-12-03.xlsx')
    expect(messages().join()).toContain('已导出 操作日志-2026-12-03.xlsx')
  })
})
