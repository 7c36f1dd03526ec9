import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import PersonView from '../PersonView.vue'
import * as api from '../../../api'
import type { PersonDetail, PersonFile } from '../../../api'
import { testRouter } from '../../../test/router'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }
const detail = {
  person: { id: 'p-1', name: '姚娟', gender: '女', ethnicity: '汉族', birth_date: null, party_join_date: null, education: '', id_number: null, phone: '', notes: '', meta },
  positions: [], sanctions: [], sanction_flag: null, family_changes: [], risk_points: [], findings: [], clues: [], unit_ratings: [],
} as unknown as PersonDetail
const file = {
  person_id: 'p-1', name: '姚娟', gender: '女', birth: '', current_post: '', office_name: '', printed_on: '2026年12月3日', sections: [],
  timeline: [{ date: '2026-06-05', date_label: '2026年6月5日', kind: '谈话', title: '提醒谈话', detail: '', link: { kind: 'talk', id: 't-1' } }],
} as PersonFile

describe('干部 page: 廉政档案', () => {
  beforeEach(() => {
    vi.mocked(api.personDetail).mockReset().mockImplementation(async () => structuredClone(detail))
    vi.mocked(api.auditTrail).mockReset().mockResolvedValue([])
    vi.mocked(api.talksOfPerson).mockReset().mockResolvedValue([])
    vi.mocked(api.lettersList).mockReset().mockResolvedValue([])
    vi.mocked(api.personFileOpen).mockReset().mockResolvedValue(file)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('opens the 档案时间线 and reloads the page, so 修改记录 shows the 查阅 just logged', async () => {
    const router = testRouter()
    await router.push('/people/p-1')
    const wrapper = mount(PersonView, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    expect(api.personDetail).toHaveBeenCalledTimes(1)
    expect(api.auditTrail).toHaveBeenCalledTimes(1)
    await wrapper.find('[data-testid=file-timeline-toggle]').trigger('click')
    await flushPromises()
    expect(api.personFileOpen).toHaveBeenCalledWith('p-1')
    expect(wrapper.find('[data-testid=file-event-link]').text()).toBe('提醒谈话')
    expect(api.personDetail).toHaveBeenCalledTimes(2)
    expect(api.auditTrail).toHaveBeenCalledTimes(2)
    // The timeline stays open through the reload.
    expect(wrapper.find('[data-testid=file-timeline]').exists()).toBe(true)
  })
})
