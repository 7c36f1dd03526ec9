import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import UnitsView from '../UnitsView.vue'
import * as api from '../../../api'
import type { UnitRow } from '../../../api'
import { meta } from './fixtures'
import { testRouter } from '../../../test/router'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const list = vi.mocked(api.unitsList)

function row(id: string, name: string, parent: string | null, order: number, voided = false, heads: string[] = ['某某']): UnitRow {
  return {
    unit: {
      id, name, short_name: '', category: '政府部门', parent_id: parent, supervisor: '', status: '正常',
      sort_order: order, notes: '', meta: meta(voided ? { voided_at: '2025-05-01 09:00:00', void_reason: '重复' } : {}),
    },
    parent_name: null,
    heads,
    leadership_count: 0,
  }
}

async function mountView() {
  const router = testRouter()
  await router.push('/units')
  const wrapper = mount(UnitsView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

const nodes = (w: ReturnType<typeof mount>) => w.findAll('[data-testid=unit-node]').map((n) => n.text())

describe('单位 tree', () => {
  beforeEach(() => {
    list.mockReset()
    vi.mocked(api.unitDetail).mockReset().mockReturnValue(new Promise(() => {}))
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('nests units under their parent, and adds voided ones greyed when asked', async () => {
    list.mockImplementation(async (_q, voided) =>
      voided
        ? [row('v', '县旧机构', null, 15, true)]
        : [row('a', '县教育局', null, 10), row('b', '县第一中学', 'a', 11, false, []), row('c', '县财政局', null, 20)],
    )
    const { wrapper } = await mountView()
    expect(nodes(wrapper)).toEqual(['县教育局', '县第一中学', '县财政局'])
    const school = wrapper.findAll('.el-tree-node').find((n) => n.find('[data-testid=unit-node]').text() === '县第一中学')!
    expect(school.element.parentElement?.closest('.el-tree-node')?.querySelector('[data-testid=unit-node]')?.textContent).toBe('县教育局')
    expect(school.text()).toContain('缺一把手')

    await wrapper.find('[data-testid=show-voided]').trigger('click')
    await flushPromises()
    expect(list).toHaveBeenCalledWith('', true)
    expect(nodes(wrapper)).toEqual(['县教育局', '县第一中学', '县旧机构', '县财政局'])
    const old = wrapper.findAll('[data-testid=unit-node]')[2]
    expect(old.classes()).toContain('voided-text')
    expect(old.element.parentElement?.textContent).toContain('已作废')
  })

  it('filters the tree as you type and opens a unit on click', async () => {
    list.mockResolvedValue([row('a', '县教育局', null, 10), row('b', '县第一中学', 'a', 11), row('c', '县财政局', null, 20)])
    const { wrapper, router } = await mountView()
    await wrapper.find('[data-testid=unit-search] input').setValue('财政')
    await flushPromises()
    const visible = wrapper.findAll('.el-tree-node').filter((n) => (n.element as HTMLElement).style.display !== 'none')
    expect(visible.map((n) => n.find('[data-testid=unit-node]').text())).toEqual(['县财政局'])

    await wrapper.findAll('[data-testid=unit-node]').find((n) => n.text() === '县财政局')!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/units/c')
  })
})
