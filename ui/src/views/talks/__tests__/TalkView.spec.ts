import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import TalkView from '../TalkView.vue'
import * as api from '../../../api'
import type { TalkDetail } from '../../../api'
import { testRouter } from '../../../test/router'
import { settle } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const meta = { created_at: '', created_by: '', updated_at: '', updated_by: '', voided_at: null, void_reason: null }

function detail(): TalkDetail {
  return {
    talk: {
      id: 't-1', kind: '约谈', state: '整改中', date: '2026-04-30', place: '', conductor_person_id: null, conductor_role: '县纪委副书记',
      recorder: '', attendees: '', source: '', focus_areas: [], outline: '', problems: ['台账不全'], remedies: [], statement: '',
      commitment_signed: false, assessment_id: null, clue_id: null, meta,
    },
    conductor: '县纪委副书记',
    subjects: [{ person_id: 'p-1', person_name: '单丽华', unit_id: 'u-1', unit_name: '石门乡党委', title: '书记' }],
    items: [{
      item: {
        id: 'i-1', origin_kind: '谈话', origin_id: 't-1', origin_date: '2026-04-30', problem: '台账不全', measure: '',
        responsible_person_id: 'p-1', responsible_unit_id: null, due_workdays: 10, due_date: '2026-05-15', due_estimated: false,
        status: '整改中', closed_date: null, evidence: '', meta,
      },
      responsible: '单丽华', overdue: false, days_left: 5,
    }],
    clue: null,
    assessment: null,
  }
}

async function mountTalk() {
  const router = testRouter()
  await router.push('/talks/t-1')
  const wrapper = mount(TalkView, { global: { plugins: [router], stubs: { PdfDialog: true } }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('谈话页', () => {
  beforeEach(() => {
    vi.mocked(api.appInfo).mockReset().mockResolvedValue({
      version: '0.1.0', data_dir: '/d', database_path: '/d/jiandu.db', schema_version: 3, today: '2026-05-20', is_empty: false,
    })
    vi.mocked(api.talkDetail).mockReset().mockResolvedValue(detail())
    vi.mocked(api.auditTrail).mockReset().mockResolvedValue([
      { id: 1, at: '2026-04-30 10:00:00', actor: '王敏', action: 'create', entity: 'talk', entity_id: 't-1', before: null, after: null },
      { id: 2, at: '2026-05-02 10:00:00', actor: '王敏', action: 'state', entity: 'talk', entity_id: 't-1', before: '"已谈话"', after: '"整改中"' },
    ])
    vi.mocked(api.itemClose).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('a refused 销号 of an item shows the reason under 销号日期 and keeps the dialog open', async () => {
    const wrapper = await mountTalk()
    const refusal = coreError('item_close_before_origin')
    vi.mocked(api.itemClose).mockRejectedValue(refusal)
    await wrapper.find('[data-testid=item-close]').trigger('click')
    await settle()
    ;(document.querySelector('[data-testid=item-close-confirm]') as HTMLElement).click()
    await settle()
    const item = document.querySelector('[data-testid=item-close-date-box]')!.closest('.el-form-item')!
    expect(item.querySelector('.el-form-item__error')?.textContent).toContain(refusal.message)
    expect(document.querySelector('[data-testid=item-close-confirm]')).not.toBeNull()
  })

  it('shows the talk\'s 修改记录 with state changes spelled out', async () => {
    const wrapper = await mountTalk()
    await flushPromises()
    expect(api.auditTrail).toHaveBeenCalledWith('talk', 't-1')
    const rows = wrapper.findAll('[data-testid=talk-audit] li').map((li) => li.text())
    expect(rows).toHaveLength(2)
    expect(rows[1]).toContain('状态变化：已谈话 → 整改中')
  })

  it('a talk that cannot be read says why on the page', async () => {
    vi.mocked(api.talkDetail).mockRejectedValue({ code: 'not_found', message: '谈话不存在', field: null })
    const wrapper = await mountTalk()
    expect(wrapper.find('[data-testid=talk-page-failure]').text()).toContain('谈话不存在')
  })
  // ---- findings and clues
  it('shows the clue a 谈话函询 disposes of, linking the clue register', async () => {
    const d = detail()
    d.talk = { ...d.talk, kind: '谈话函询', clue_id: 'c-2' }
    d.clue = { id: 'c-2', source: '信访举报', received_date: '2026-04-02', summary: '反映其违规干预工程分包', voided: false }
    vi.mocked(api.talkDetail).mockResolvedValue(d)
    const wrapper = await mountTalk()
    const link = wrapper.find('[data-testid=talk-clue]')
    expect(link.text()).toContain('2026-04-02 信访举报：反映其违规干预工程分包')
    expect(link.attributes('href')).toContain('/clues?clue=c-2')
  })
  // ---- end findings and clues
  it('shows the assessment a 约谈 was held for, linking its unit', async () => {
    const d = detail()
    d.talk = { ...d.talk, kind: '约谈', assessment_id: 'a-1' }
    d.assessment = { id: 'a-1', unit_id: 'u-9', unit_name: '云溪县医疗保障局', year: 2025, rating: '基本合格', voided: false }
    vi.mocked(api.talkDetail).mockResolvedValue(d)
    const wrapper = await mountTalk()
    const link = wrapper.find('[data-testid=talk-assessment]')
    expect(link.text()).toBe('云溪县医疗保障局 2025年度考核：基本合格')
    expect(link.attributes('href')).toContain('/units/u-9')
  })
})
