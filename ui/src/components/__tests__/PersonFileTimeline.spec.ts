import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import PersonFileTimeline from '../PersonFileTimeline.vue'
import AuditTrail from '../AuditTrail.vue'
import * as api from '../../api'
import type { PersonFile, TimelineEvent } from '../../api'
import { testRouter } from '../../test/router'
import { coreError } from '../../test/coreErrors'
import { settle } from '../../test/mockApi'

vi.mock('../../api', async (io) => (await import('../../test/mockApi')).mockApi(io))

const PdfStub = { props: ['data'], template: '<div data-testid="pdf-stub">{{ data ? data.byteLength : "none" }}</div>' }
const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null

const ev = (date: string, kind: string, title: string, link: [string, string], detail = ''): TimelineEvent => ({
  date, date_label: date ? `${date.slice(0, 4)}年…` : '日期不详', kind, title, detail, link: { kind: link[0], id: link[1] },
})

const file: PersonFile = {
  person_id: 'p-1', name: '姚娟', gender: '女', birth: '1979年5月18日', current_post: '云溪县公安局 党委书记、局长',
  office_name: '中共云溪县纪律检查委员会', printed_on: '2026年12月3日', sections: [],
  timeline: [
    ev('2026-10-08', '收到函件', '关于落实“两个责任”的提醒函', ['letter', 'l-9'], '云纪函〔2026〕9号；逾期未复'),
    ev('2026-06-05', '谈话', '提醒谈话', ['talk', 't-1'], '谈话人：县纪委副书记'),
    ev('2025-12-31', '单位考核', '云溪县公安局2025年度考核：不合格', ['unit', 'u-1']),
    ev('2021-11-14', '任职', '云溪县公安局 党委书记、局长', ['unit', 'u-1'], '一把手'),
  ],
}

async function mountIt() {
  const router = testRouter()
  await router.push('/people/p-1')
  const wrapper = mount(PersonFileTimeline, {
    props: { personId: 'p-1', personName: '姚娟' },
    global: { plugins: [router], stubs: { PdfPreview: PdfStub } },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router }
}

describe('廉政档案 on the person page', () => {
  beforeEach(() => {
    vi.mocked(api.personFileOpen).mockReset().mockResolvedValue(file)
    vi.mocked(api.personFilePdf).mockReset().mockResolvedValue(new ArrayBuffer(32))
    vi.mocked(api.personFilePdfSave).mockReset().mockResolvedValue('/home/u/廉政档案-姚娟.pdf')
    vi.mocked(api.choosePdfPath).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('opens the file only when asked (the opening is logged), newest first, and tells the page', async () => {
    const { wrapper } = await mountIt()
    expect(api.personFileOpen).not.toHaveBeenCalled()
    expect(wrapper.find('[data-testid=file-timeline]').exists()).toBe(false)

    await wrapper.find('[data-testid=file-timeline-toggle]').trigger('click')
    await flushPromises()
    expect(api.personFileOpen).toHaveBeenCalledWith('p-1')
    const titles = wrapper.findAll('[data-testid=file-event-link]').map((l) => l.text())
    expect(titles).toEqual(file.timeline.map((e) => e.title))
    expect(wrapper.findAll('[data-testid=file-event]')[0].text()).toContain('逾期未复')
    expect(wrapper.emitted('changed')).toHaveLength(1)

    // Closing and opening again does not log a second look.
    await wrapper.find('[data-testid=file-timeline-toggle]').trigger('click')
    await wrapper.find('[data-testid=file-timeline-toggle]').trigger('click')
    await flushPromises()
    expect(api.personFileOpen).toHaveBeenCalledTimes(1)
  })

  it('each entry opens its record', async () => {
    const { wrapper, router } = await mountIt()
    await wrapper.find('[data-testid=file-timeline-toggle]').trigger('click')
    await flushPromises()
    const links = wrapper.findAll('[data-testid=file-event-link]')
    await links[1].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/talks/t-1')
    await links[0].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/letters/l-9')
    await links[3].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/units/u-1')
  })

  it('says why the file could not be read', async () => {
    vi.mocked(api.personFileOpen).mockRejectedValue(coreError('person_file_not_found'))
    const { wrapper } = await mountIt()
    await wrapper.find('[data-testid=file-timeline-toggle]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid=file-failure]').text()).toContain('干部不存在')
    expect(wrapper.emitted('changed')).toBeUndefined()
  })

  it('prints the file: preview, save where chosen, and the page reloads to show the print logged', async () => {
    const { wrapper } = await mountIt()
    await wrapper.find('[data-testid=file-print]').trigger('click')
    await settle()
    expect(api.personFilePdf).toHaveBeenCalledWith('p-1')
    expect($('[data-testid=pdf-stub]')!.textContent).toBe('32')
    vi.mocked(api.choosePdfPath).mockResolvedValue('/home/u/廉政档案-姚娟.pdf')
    $('[data-testid=pdf-save]')!.click()
    await settle()
    expect(api.choosePdfPath).toHaveBeenCalledWith('廉政档案-姚娟.pdf')
    expect(api.personFilePdfSave).toHaveBeenCalledWith('p-1', '/home/u/廉政档案-姚娟.pdf')
    expect(wrapper.emitted('changed')).toHaveLength(1)
  })
})

describe('修改记录 of a person', () => {
  it('shows who looked at and who printed the file, and where it was saved', async () => {
    vi.mocked(api.auditTrail).mockReset().mockResolvedValue([
      { id: 2, at: '2026-12-03 10:02:00', actor: '李文', action: 'print_file', entity: 'person', entity_id: 'p-1', before: null, after: '{"file":"/home/u/廉政档案-姚娟.pdf"}' },
      { id: 1, at: '2026-12-03 10:00:00', actor: '李文', action: 'view_file', entity: 'person', entity_id: 'p-1', before: null, after: null },
    ])
    const wrapper = mount(AuditTrail, { props: { entity: 'person', id: 'p-1' }, attachTo: document.body })
    await flushPromises()
    const rows = wrapper.findAll('[data-testid=audit-trail] li').map((l) => l.text())
    expect(rows[0]).toContain('打印廉政档案（保存为 /home/u/廉政档案-姚娟.pdf）')
    expect(rows[1]).toContain('查阅廉政档案')
    expect(rows[1]).toContain('李文')
    document.body.innerHTML = ''
  })
})
