import { describe, it, expect, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import TalkTable from '../TalkTable.vue'
import type { TalkRow } from '../../api'
import { testRouter } from '../../test/router'

function row(id: string, over: Partial<TalkRow> = {}): TalkRow {
  return {
    id, kind: '监督谈话', state: '整改中', date: '2026-03-02', subjects: '杨超', units: '医保局', conductor: '周建国',
    open_items: 0, overdue_items: 0, voided_at: null, ...over,
  }
}

async function mountTable(rows: TalkRow[]) {
  const router = testRouter()
  await router.push('/people/p-1')
  const wrapper = mount(TalkTable, { props: { rows }, global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

describe('谈话记录 table', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows each talk with its kind, subjects, conductor, state and item counts, overdue in red', async () => {
    const { wrapper } = await mountTable([
      row('t-1', { kind: '约谈', open_items: 2, overdue_items: 1 }),
      row('t-2', { kind: '提醒谈话', state: '已销号', date: '2025-11-20', subjects: '韩波、单丽华' }),
    ])
    expect(wrapper.find('[data-testid=talk-table]').exists()).toBe(true)
    const trs = wrapper.findAll('.el-table__body tbody tr')
    expect(trs).toHaveLength(2)
    expect(wrapper.findAll('[data-testid=talk-row]').map((r) => r.text())).toEqual(['2026-03-02', '2025-11-20'])
    expect(trs[0].text()).toContain('约谈')
    expect(trs[0].text()).toContain('周建国')
    expect(trs[0].find('[data-testid=talk-row-state]').text()).toBe('整改中')
    expect(trs[0].find('[data-testid=talk-row-state] .el-tag').classes()).toContain('el-tag--warning')
    expect(trs[0].find('[data-testid=talk-row-open]').text()).toBe('未销号 2')
    const overdue = trs[0].find('[data-testid=talk-row-overdue]')
    expect(overdue.text()).toBe('逾期 1')
    expect(overdue.classes()).toContain('overdue')
    // No overdue count where nothing is overdue.
    expect(trs[1].find('[data-testid=talk-row-overdue]').exists()).toBe(false)
    expect(trs[1].find('[data-testid=talk-row-subjects]').text()).toBe('韩波、单丽华')
    expect(trs[1].find('[data-testid=talk-row-state] .el-tag').classes()).toContain('el-tag--success')
  })

  it('opens the talk when a row is clicked', async () => {
    const { wrapper, router } = await mountTable([row('t-1'), row('t-2')])
    await wrapper.findAll('.el-table__body tbody tr')[1].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/talks/t-2')
  })

  it('greys a voided talk and says 已作废 instead of its state', async () => {
    const { wrapper } = await mountTable([row('t-1', { voided_at: '2026-03-05 10:00:00' })])
    const tr = wrapper.find('.el-table__body tbody tr')
    expect(tr.classes()).toContain('voided-row')
    expect(tr.find('[data-testid=talk-row-state]').text()).toBe('已作废')
    expect(tr.find('[data-testid=talk-row]').classes()).toContain('voided-text')
  })

  it('says so when there is no talk', async () => {
    const { wrapper } = await mountTable([])
    expect(wrapper.text()).toContain('暂无谈话记录')
  })
})
