import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import UnitDetailPanel from '../UnitDetailPanel.vue'
import * as api from '../../../api'
import type { PositionView, RecordMetaLike, UnitDetail } from './fixtures'
import type { LetterRow } from '../../../api'
import { meta } from './fixtures'
import { settle } from '../../../test/mockApi'
import { testRouter } from '../../../test/router'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const detailMock = vi.mocked(api.unitDetail)
const makeHead = vi.mocked(api.positionMakeHead)

function pos(id: string, person: string, title: string, flags: { head?: boolean; leader?: boolean } = {}, m: RecordMetaLike = meta()): PositionView {
  return {
    position: {
      id, person_id: `p-${id}`, unit_id: 'u1', title, rank: '正科', is_head: !!flags.head, is_leadership: flags.leader ?? true,
      portfolio: '', start_date: '2021-06-01', end_date: null, meta: m,
    },
    person_name: person,
    unit_name: '县财政局',
    current: true,
  }
}

function detail(current: PositionView[]): UnitDetail {
  return {
    unit: {
      id: 'u1', name: '县财政局', short_name: '财政局', category: '政府部门', parent_id: null, supervisor: '第二监督检查室',
      status: '正常', sort_order: 0, notes: '', meta: meta(),
    },
    parent_name: null,
    children: [],
    current_positions: current,
    past_positions: [],
  }
}

const letter = (id: string, over: Partial<LetterRow> = {}): LetterRow => ({
  id, kind: '提醒函', number: `宣纪函〔2026〕${id.slice(2)}号`, year: 2026, seq: 1, title: '关于落实全面从严治党“两个责任”的提醒函',
  recipient: '中共云溪县医疗保障局党组', unit_name: '云溪县医疗保障局', person_name: '杨超', state: '已送达', signed_date: '2026-03-02',
  delivered_date: '2026-03-03', reply_due_date: '2026-03-17', reply_due_workdays: 10, due_estimated: false, replied_date: null,
  closed_date: null, batch_id: null, follow_up_of: null, overdue: false, days_left: 3, voided: false, voided_at: null, void_reason: null,
  items: 0, open_items: 0, ...over,
})

async function mountPanel() {
  const router = testRouter()
  await router.push('/units/u1')
  const wrapper = mount(UnitDetailPanel, { props: { id: 'u1' }, global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const confirmButton = () => document.body.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement | null

describe('单位 detail', () => {
  beforeEach(() => {
    detailMock.mockReset()
    makeHead.mockReset()
    vi.mocked(api.talksOfUnit).mockReset().mockResolvedValue([])
    vi.mocked(api.lettersList).mockReset().mockResolvedValue([])
    // ---- 听取汇报和警示教育
    vi.mocked(api.hearingsOfUnit).mockReset().mockResolvedValue([])
    vi.mocked(api.educationOfUnit).mockReset().mockResolvedValue([])
    // ---- end 听取汇报和警示教育
    vi.mocked(api.risksOfUnit).mockReset().mockResolvedValue([])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('says 未明确一把手 when no current position is the head, and makes one the head after confirming', async () => {
    detailMock
      .mockResolvedValueOnce(detail([pos('a', '王𠮷', '党组书记、局长'), pos('b', '李四', '副局长')]))
      .mockResolvedValue(detail([pos('a', '王𠮷', '党组书记、局长', { head: true }), pos('b', '李四', '副局长')]))
    makeHead.mockResolvedValue({} as api.Position)
    const wrapper = await mountPanel()

    expect(wrapper.find('[data-testid=unit-title]').text()).toBe('县财政局')
    expect(wrapper.find('[data-testid=unit-head]').text()).toBe('未明确一把手')
    expect(wrapper.text()).toContain('第二监督检查室')

    const buttons = wrapper.findAll('[data-testid=make-head]')
    expect(buttons).toHaveLength(2)
    await buttons[0].trigger('click')
    await settle()
    expect(makeHead).not.toHaveBeenCalled() // nothing happens before the clerk confirms
    expect(document.body.textContent).toContain('王𠮷（党组书记、局长）')

    confirmButton()!.click()
    await settle()
    expect(makeHead).toHaveBeenCalledWith('a')
    expect(detailMock).toHaveBeenCalledTimes(2)
    expect(wrapper.find('[data-testid=unit-head]').text()).toBe('王𠮷')
    expect(wrapper.emitted('changed')).toHaveLength(1)
  })

  it('does not change the head when the confirmation is cancelled', async () => {
    detailMock.mockResolvedValue(detail([pos('b', '李四', '副局长')]))
    const wrapper = await mountPanel()
    await wrapper.find('[data-testid=make-head]').trigger('click')
    await settle()
    ;(document.body.querySelector('.el-message-box__btns .el-button:not(.el-button--primary)') as HTMLElement).click()
    await settle()
    expect(makeHead).not.toHaveBeenCalled()
    expect(wrapper.find('[data-testid=unit-head]').text()).toBe('未明确一把手')
  })

  it('shows the current head by name, and markup in names as text', async () => {
    detailMock.mockResolvedValue(detail([pos('a', '<img src=x onerror=alert(1)>', '局长', { head: true })]))
    const wrapper = await mountPanel()
    expect(wrapper.find('[data-testid=unit-head]').text()).toBe('<img src=x onerror=alert(1)>')
    expect(document.body.querySelector('img')).toBeNull()
    // The head's own row cannot be made head again.
    expect(wrapper.find('[data-testid=make-head]').attributes('disabled')).toBeDefined()
  })

  it('says before voiding a unit that current positions block it, and shows the core\'s refusal naming them', async () => {
    detailMock.mockResolvedValue(detail([pos('a', '张三', '局长', { head: true }), pos('b', '李四', '副局长')]))
    const refusal = coreError('unit_void_refused')
    const message = refusal.message
    vi.mocked(api.unitVoid).mockReset().mockRejectedValue(refusal)
    const wrapper = await mountPanel()
    await wrapper.find('[data-testid=unit-void]').trigger('click')
    await settle()
    expect(document.querySelector('[data-testid=void-notice]')?.textContent).toContain('仍有现任职务的单位不能作废，请先为这些任职填写离任日期。')
    const area = document.querySelector('[data-testid=void-reason] textarea') as HTMLTextAreaElement
    area.value = '机构改革撤并'
    area.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.querySelector('[data-testid=void-confirm]') as HTMLElement).click()
    await settle()
    expect(api.unitVoid).toHaveBeenCalledWith('u1', '机构改革撤并')
    expect(document.querySelector('[data-testid=void-error]')?.textContent).toContain(message)
  })

  it('shows a voided unit with 恢复 instead of 编辑/作废', async () => {
    const d = detail([])
    d.unit.meta = meta({ voided_at: '2025-05-01 09:00:00', void_reason: '重复录入' })
    detailMock.mockResolvedValue(d)
    const wrapper = await mountPanel()
    expect(wrapper.find('[data-testid=unit-restore]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=unit-void]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=unit-edit]').exists()).toBe(false)
    expect(wrapper.text()).toContain('重复录入')
  })

  it('lists the unit\'s talks, opens one on click, and offers 新增谈话 for the unit', async () => {
    detailMock.mockResolvedValue(detail([pos('a', '王𠮷', '局长', { head: true })]))
    vi.mocked(api.talksOfUnit).mockResolvedValue([
      {
        id: 't-3', kind: '约谈', state: '整改中', date: '2026-03-02', subjects: '王𠮷', units: '财政局', conductor: '周建国',
        open_items: 2, overdue_items: 1, voided_at: null,
      },
    ])
    const router = testRouter()
    await router.push('/units/u1')
    const wrapper = mount(UnitDetailPanel, { props: { id: 'u1' }, global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    expect(api.talksOfUnit).toHaveBeenCalledWith('u1')
    expect(wrapper.text()).toContain('谈话记录（1）')
    const table = wrapper.find('[data-testid=talk-table]')
    expect(table.find('[data-testid=talk-row]').text()).toBe('2026-03-02')
    expect(table.find('[data-testid=talk-row-overdue]').text()).toBe('逾期 1')

    await wrapper.find('[data-testid=unit-talk-new]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/talks/new?unit=u1')
    await table.find('.el-table__body tbody tr').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/talks/t-3')
  })

  it('still shows the unit when its talks cannot be read', async () => {
    detailMock.mockResolvedValue(detail([]))
    vi.mocked(api.talksOfUnit).mockRejectedValue({ code: 'database', message: '数据库忙', field: null })
    const wrapper = await mountPanel()
    expect(wrapper.find('[data-testid=unit-title]').text()).toBe('县财政局')
    expect(wrapper.text()).toContain('谈话记录读取失败：数据库忙')
  })

  it('lists the letters to the unit with 逾期未复, opens one, and offers 起草函件 for the unit', async () => {
    detailMock.mockResolvedValue(detail([pos('a', '王𠮷', '局长', { head: true })]))
    vi.mocked(api.lettersList).mockResolvedValue([
      letter('l-7', { kind: '督办函', overdue: true, days_left: -1, recipient: '县财政局党组', unit_name: '县财政局' }),
      letter('l-2', { state: '已销号', closed_date: '2026-02-01', days_left: null, voided: true, voided_at: '2026-02-02 09:00:00' }),
    ])
    const router = testRouter()
    await router.push('/units/u1')
    const wrapper = mount(UnitDetailPanel, { props: { id: 'u1' }, global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    expect(api.lettersList).toHaveBeenCalledWith({
      year: null, kind: null, state: null, query: '', overdue_only: false, unit_id: 'u1', person_id: null, voided: false,
    })
    const section = wrapper.find('[data-testid=unit-letters]')
    expect(section.text()).toContain('函件（2）')
    expect(section.findAll('[data-testid=lt-number]').map((n) => n.text())).toEqual(['宣纪函〔2026〕7号', '宣纪函〔2026〕2号'])
    const states = section.findAll('[data-testid=lt-state]')
    expect(states[0].text()).toBe('已送达逾期未复')
    expect(states[1].text()).toBe('已作废')
    expect(section.findAll('.el-table__body tbody tr')[1].classes()).toContain('voided-row')

    await wrapper.find('[data-testid=unit-letter-new]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/letters/new?unit=u1')
    await section.find('.el-table__body tbody tr').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/letters/l-7')
  })

  it('still shows the unit when its letters cannot be read, and no 起草函件 for a voided unit', async () => {
    const d = detail([])
    d.unit.meta = meta({ voided_at: '2025-05-01 09:00:00', void_reason: '重复录入' })
    detailMock.mockResolvedValue(d)
    vi.mocked(api.lettersList).mockRejectedValue({ code: 'database', message: '数据库忙', field: null })
    const wrapper = await mountPanel()
    expect(wrapper.find('[data-testid=unit-title]').text()).toBe('县财政局')
    expect(wrapper.text()).toContain('函件读取失败：数据库忙')
    expect(wrapper.find('[data-testid=unit-letter-new]').exists()).toBe(false)
  })

  // ---- 听取汇报和警示教育
  it('lists the unit\'s live hearings and the warning education it took part in', async () => {
    detailMock.mockResolvedValue(detail([]))
    const m = meta()
    vi.mocked(api.hearingsOfUnit).mockResolvedValue([
      {
        hearing: { id: 'h-1', date: '2026-02-15', kind: '派驻监督情况专题汇报', unit_id: 'u1', reporter_person_id: null, reporter_name: '派驻第二纪检监察组组长', key_points: '派驻监督情况', follow_ups: '', meta: m },
        unit_name: '县财政局', reporter_person_name: null, reporter: '派驻第二纪检监察组组长',
      },
      {
        hearing: { id: 'h-0', date: '2025-02-15', kind: '其他', unit_id: 'u1', reporter_person_id: null, reporter_name: '某某', key_points: '', follow_ups: '', meta: { ...m, voided_at: '2025-03-01 09:00:00' } },
        unit_name: '县财政局', reporter_person_name: null, reporter: '某某',
      },
    ])
    vi.mocked(api.educationOfUnit).mockResolvedValue([
      {
        education: { id: 'e-1', date: '2026-01-10', kind: '旁听庭审', title: '旁听职务犯罪案件庭审', material: '', participants: 12, unit_ids: ['u1'], person_ids: [], meta: m },
        units: [{ id: 'u1', name: '县财政局' }], people: [],
      },
    ])
    const wrapper = await mountPanel()
    expect(api.hearingsOfUnit).toHaveBeenCalledWith('u1')
    expect(wrapper.text()).toContain('听取汇报（1）')
    expect(wrapper.find('[data-testid=unit-hearings]').text()).toContain('派驻第二纪检监察组组长')
    expect(wrapper.find('[data-testid=unit-hearings]').text()).not.toContain('某某')
    expect(wrapper.text()).toContain('警示教育（1）')
    expect(wrapper.find('[data-testid=unit-education]').text()).toContain('旁听职务犯罪案件庭审')
  })
  // ---- end 听取汇报和警示教育
})
