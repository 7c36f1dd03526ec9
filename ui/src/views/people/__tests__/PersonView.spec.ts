import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import PersonView from '../PersonView.vue'
import * as api from '../../../api'
import type { LetterRow, PersonDetail, SanctionView, TalkRow } from '../../../api'
import type { RecordMeta } from '../../../api/bindings/RecordMeta'
import { testRouter } from '../../../test/router'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }

function person(voided_at: string | null = null): PersonDetail {
  return {
    person: {
      id: 'p-1', name: '杨超', gender: '男', ethnicity: '汉族', birth_date: null, party_join_date: null, education: '', id_number: null,
      phone: '', notes: '', meta: { ...meta, voided_at },
    },
    positions: [],
    sanctions: [],
    sanction_flag: null,
    family_changes: [],
    risk_points: [],
    findings: [],
    clues: [],
    unit_ratings: [],
  } as unknown as PersonDetail
}

const talk = (id: string, over: Partial<TalkRow> = {}): TalkRow => ({
  id, kind: '监督谈话', state: '已谈话', date: '2026-02-11', subjects: '杨超', units: '医保局', conductor: '周建国',
  open_items: 0, overdue_items: 0, voided_at: null, ...over,
})

const letter = (id: string, over: Partial<LetterRow> = {}): LetterRow => ({
  id, kind: '提醒函', number: `宣纪函〔2026〕${id.slice(2)}号`, year: 2026, seq: 1, title: '关于落实全面从严治党“两个责任”的提醒函',
  recipient: '中共云溪县医疗保障局党组', unit_name: '云溪县医疗保障局', person_name: '杨超', state: '已送达', signed_date: '2026-03-02',
  delivered_date: '2026-03-03', reply_due_date: '2026-03-17', reply_due_workdays: 10, due_estimated: false, replied_date: null,
  closed_date: null, batch_id: null, follow_up_of: null, overdue: false, days_left: 3, voided: false, voided_at: null, void_reason: null,
  items: 0, open_items: 0, ...over,
})

async function mountPerson() {
  const router = testRouter()
  await router.push('/people/p-1')
  const wrapper = mount(PersonView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

describe('干部 page: 谈话记录', () => {
  beforeEach(() => {
    vi.mocked(api.personDetail).mockReset().mockResolvedValue(person())
    vi.mocked(api.auditTrail).mockReset().mockResolvedValue([])
    vi.mocked(api.talksOfPerson).mockReset().mockResolvedValue([
      talk('t-1', { kind: '约谈', state: '整改中', date: '2026-03-02', open_items: 1, overdue_items: 1 }),
      talk('t-0', { date: '2025-05-06', state: '已销号', voided_at: '2025-06-01 09:00:00' }),
    ])
    vi.mocked(api.lettersList).mockReset().mockResolvedValue([])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the person\'s talks, voided ones greyed, and opens one on click', async () => {
    const { wrapper, router } = await mountPerson()
    expect(api.talksOfPerson).toHaveBeenCalledWith('p-1')
    expect(wrapper.text()).toContain('谈话记录（2）')
    expect(wrapper.findAll('[data-testid=talk-row]').map((r) => r.text())).toEqual(['2026-03-02', '2025-05-06'])
    const trs = wrapper.findAll('[data-testid=talk-table] .el-table__body tbody tr')
    expect(trs[0].find('[data-testid=talk-row-overdue]').text()).toBe('逾期 1')
    expect(trs[1].classes()).toContain('voided-row')
    expect(trs[1].find('[data-testid=talk-row-state]').text()).toBe('已作废')
    await trs[0].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/talks/t-1')
  })

  it('says when the 修改记录 cannot be read, instead of showing none', async () => {
    vi.mocked(api.auditTrail).mockRejectedValue({ code: 'database', message: '数据库错误：database is locked', field: null })
    const { wrapper } = await mountPerson()
    await flushPromises()
    expect(api.auditTrail).toHaveBeenCalledWith('person', 'p-1')
    expect(wrapper.find('[data-testid=audit-failure]').text()).toContain('数据库错误：database is locked')
  })

  it('offers 新增谈话 with the person filled in', async () => {
    const { wrapper, router } = await mountPerson()
    await wrapper.find('[data-testid=person-talk-new]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/talks/new?person=p-1')
  })

  it('offers no 新增谈话 for a voided person', async () => {
    vi.mocked(api.personDetail).mockResolvedValue(person('2026-01-01 08:00:00'))
    const { wrapper } = await mountPerson()
    expect(wrapper.find('[data-testid=person-talk-new]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid=talk-row]')).toHaveLength(2)
  })
})

describe('干部 page: 函件', () => {
  beforeEach(() => {
    vi.mocked(api.personDetail).mockReset().mockResolvedValue(person())
    vi.mocked(api.auditTrail).mockReset().mockResolvedValue([])
    vi.mocked(api.talksOfPerson).mockReset().mockResolvedValue([])
    vi.mocked(api.lettersList).mockReset().mockResolvedValue([
      letter('l-12', { kind: '督办函', title: '关于督促整改问题的督办函', overdue: true, days_left: -2, reply_due_date: '2026-03-08' }),
      letter('l-3', { state: '已回复', replied_date: '2026-03-10', days_left: null }),
      letter('l-d', { number: null, year: null, seq: null, state: '草稿', signed_date: null, delivered_date: null, days_left: null }),
    ])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the letters to the person, every year, with 逾期未复, and opens one', async () => {
    const { wrapper, router } = await mountPerson()
    expect(api.lettersList).toHaveBeenCalledWith({
      year: null, kind: null, state: null, query: '', overdue_only: false, unit_id: null, person_id: 'p-1', voided: false,
    })
    const section = wrapper.find('[data-testid=person-letters]')
    expect(section.text()).toContain('函件（3）')
    expect(section.findAll('[data-testid=lt-number]').map((n) => n.text())).toEqual(['宣纪函〔2026〕12号', '宣纪函〔2026〕3号', '草稿（未编号）'])
    expect(section.findAll('[data-testid=lt-kind]').map((n) => n.text())).toEqual(['督办函', '提醒函', '提醒函'])
    expect(section.find('[data-testid=lt-title]').text()).toBe('关于督促整改问题的督办函')
    const states = section.findAll('[data-testid=lt-state]')
    expect(states[0].text()).toBe('已送达逾期未复')
    expect(states[1].text()).toBe('已回复')
    expect(states[1].find('[data-testid=lt-overdue]').exists()).toBe(false)
    expect(states[2].text()).toBe('草稿')
    // One copy of each cell: no stray hidden branch left in the column slots.
    expect(section.findAll('[data-testid=lt-overdue]')).toHaveLength(1)
    expect(section.find('[data-testid=lt-number]').attributes('href')).toBe('/letters/l-12')

    await section.findAll('.el-table__body tbody tr')[1].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/letters/l-3')
  })

  it('offers 起草函件 with the person filled in, not for a voided person', async () => {
    const { wrapper, router } = await mountPerson()
    await wrapper.find('[data-testid=person-letter-new]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/letters/new?person=p-1')

    vi.mocked(api.personDetail).mockResolvedValue(person('2026-01-01 08:00:00'))
    const voided = await mountPerson()
    expect(voided.wrapper.find('[data-testid=person-letter-new]').exists()).toBe(false)
    expect(voided.wrapper.findAll('[data-testid=lt-number]')).toHaveLength(3)
  })

  it('still shows the person and the talks when the letters cannot be read', async () => {
    vi.mocked(api.lettersList).mockRejectedValue({ code: 'database', message: '数据库忙', field: null })
    const { wrapper } = await mountPerson()
    expect(wrapper.find('[data-testid=person-name]').text()).toBe('杨超')
    expect(wrapper.text()).toContain('函件读取失败：数据库忙')
    expect(wrapper.find('[data-testid=person-letters]').text()).toContain('暂无函件')
  })
})

const sanction = (id: string, kind: string, over: Partial<SanctionView> = {}, meta_over: Partial<RecordMeta> = {}): SanctionView => ({
  sanction: {
    id, person_id: 'p-1', category: '党纪处分', kind, probation_months: null, decision_date: '2025-03-01', decision_number: '云纪处〔2025〕3号',
    deciding_body: '中共云溪县纪律检查委员会', reason: '违规接受宴请', form: '第二种形态', effect_end: '2026-09-01', meta: { ...meta, ...meta_over },
  },
  person_name: '杨超', in_effect: true, flag: '影响期至 2026年9月1日', kind_label: kind, ...over,
})

describe('干部 page: 处分', () => {
  beforeEach(() => {
    vi.mocked(api.auditTrail).mockReset().mockResolvedValue([])
    vi.mocked(api.talksOfPerson).mockReset().mockResolvedValue([])
    vi.mocked(api.lettersList).mockReset().mockResolvedValue([])
    vi.mocked(api.sanctionOptions).mockReset().mockResolvedValue({ categories: [], forms: [], probation_months: [12, 24] })
    vi.mocked(api.sanctionVoid).mockReset()
    vi.mocked(api.sanctionRestore).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  function withSanctions(flag: string | null, sanctions: SanctionView[]): PersonDetail {
    return { ...person(), sanctions, sanction_flag: flag } as PersonDetail
  }

  it('flags the person by the name while inside an effect period, and lists the sanctions', async () => {
    vi.mocked(api.personDetail).mockReset().mockResolvedValue(
      withSanctions('影响期至 2026年9月1日', [
        sanction('s-2', '严重警告', { kind_label: '党内严重警告' }),
        sanction('s-1', '警告', { in_effect: false, flag: null }, { voided_at: '2025-04-01 09:00:00', void_reason: '录入错误' }),
      ]),
    )
    const { wrapper } = await mountPerson()
    expect(wrapper.find('[data-testid=person-sanction-flag]').text()).toBe('影响期至 2026年9月1日')
    const table = wrapper.find('[data-testid=person-sanctions]')
    const effects = table.findAll('[data-testid=sanction-effect]').map((e) => e.text())
    expect(effects).toEqual(['2026年9月1日', '2026-09-01（已结束）'])
    expect(table.text()).toContain('云纪处〔2025〕3号')
    expect(table.text()).toContain('第二种形态')
    // The office's display name of the kind, not the kind, is what the page shows.
    expect(table.findAll('[data-testid=sanction-kind-cell]')[0].text()).toBe('党纪处分 · 党内严重警告')
    expect(table.text()).toContain('已作废')
    // The live one can be voided, the voided one restored.
    expect(table.findAll('[data-testid=sanction-void]')).toHaveLength(1)
    expect(table.findAll('[data-testid=sanction-restore]')).toHaveLength(1)
  })

  it('shows no flag once the period has ended (the core says so), and the sanction stays listed', async () => {
    vi.mocked(api.personDetail).mockReset().mockResolvedValue(withSanctions(null, [sanction('s-2', '严重警告', { in_effect: false, flag: null })]))
    const { wrapper } = await mountPerson()
    expect(wrapper.find('[data-testid=person-sanction-flag]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=sanction-effect]').text()).toBe('2026-09-01（已结束）')
  })

  it('voids a sanction with its reason and reloads the page; restores a voided one', async () => {
    vi.mocked(api.personDetail).mockReset().mockResolvedValue(withSanctions('影响期至 2026年9月1日', [sanction('s-2', '严重警告')]))
    vi.mocked(api.sanctionVoid).mockResolvedValue(sanction('s-2', '严重警告'))
    const { wrapper } = await mountPerson()
    await wrapper.find('[data-testid=sanction-void]').trigger('click')
    await flushPromises()
    const reason = document.body.querySelector('[data-testid=void-reason] textarea') as HTMLTextAreaElement
    reason.value = '录入错误'
    reason.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.body.querySelector('[data-testid=void-confirm]') as HTMLElement).click()
    await flushPromises()
    expect(api.sanctionVoid).toHaveBeenCalledWith('s-2', '录入错误')
    expect(api.personDetail).toHaveBeenCalledTimes(2)

    vi.mocked(api.personDetail).mockResolvedValue(
      withSanctions(null, [sanction('s-2', '严重警告', { in_effect: false, flag: null }, { voided_at: '2026-01-01 09:00:00' })]),
    )
    vi.mocked(api.sanctionRestore).mockResolvedValue(sanction('s-2', '严重警告'))
    const again = await mountPerson()
    await again.wrapper.find('[data-testid=sanction-restore]').trigger('click')
    await flushPromises()
    expect(api.sanctionRestore).toHaveBeenCalledWith('s-2')
  })

  it('offers no 新增处分 and no actions for a voided person', async () => {
    vi.mocked(api.personDetail).mockReset().mockResolvedValue({
      ...withSanctions(null, [sanction('s-2', '严重警告')]),
      person: { ...person('2026-01-01 08:00:00').person },
    } as PersonDetail)
    const { wrapper } = await mountPerson()
    expect(wrapper.find('[data-testid=sanction-new]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=sanction-void]').exists()).toBe(false)
  })
})

describe('干部 page: 所在单位考核情况', () => {
  beforeEach(() => {
    vi.mocked(api.auditTrail).mockReset().mockResolvedValue([])
    vi.mocked(api.talksOfPerson).mockReset().mockResolvedValue([])
    vi.mocked(api.lettersList).mockReset().mockResolvedValue([])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the ratings of the units the person led, marking the ones the core says call for a 约谈', async () => {
    const rating = (year: number, r: string, summons: boolean) => ({
      assessment_id: `a-${year}`, unit_id: 'u-1', unit_name: '云溪县医疗保障局', year, rating: r, score: null, remark: '',
      title: '党组书记、局长', calls_for_summons: summons,
    })
    vi.mocked(api.personDetail).mockReset().mockResolvedValue(
      { ...person(), unit_ratings: [rating(2025, '基本合格', true), rating(2024, '好', false)] } as PersonDetail,
    )
    const { wrapper } = await mountPerson()
    const table = wrapper.find('[data-testid=person-unit-ratings]')
    expect(table.text()).toContain('2025年度')
    expect(table.text()).toContain('党组书记、局长')
    const cells = table.findAll('[data-testid=person-unit-rating]')
    expect(cells.map((c) => [c.text(), c.classes('weak')])).toEqual([['基本合格', true], ['好', false]])
  })
})
