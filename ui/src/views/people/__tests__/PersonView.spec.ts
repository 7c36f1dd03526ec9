import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import PersonView from '../PersonView.vue'
import * as api from '../../../api'
import type { PersonDetail, TalkRow } from '../../../api'
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
  } as unknown as PersonDetail
}

const talk = (id: string, over: Partial<TalkRow> = {}): TalkRow => ({
  id, kind: '监督谈话', state: '已谈话', date: '2026-02-11', subjects: '杨超', units: '医保局', conductor: '周建国',
  open_items: 0, overdue_items: 0, voided_at: null, ...over,
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
