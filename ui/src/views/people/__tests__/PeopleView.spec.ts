import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import PeopleView from '../PeopleView.vue'
import * as api from '../../../api'
import type { PersonRow, PersonSearch } from '../../../api'
import { deferred } from '../../../test/mockApi'
import { testRouter } from '../../../test/router'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const search = vi.mocked(api.peopleSearch)

function row(name: string, extra: Partial<PersonRow> = {}): PersonRow {
  return { id: `id-${name}`, name, gender: '男', birth_date: '1975-03-02', current_titles: '县财政局 局长', is_head: false, voided_at: null, sanction_until: null, sanction_flag: null, ...extra }
}

function result(...names: (string | PersonRow)[]): PersonSearch {
  const rows = names.map((n) => (typeof n === 'string' ? row(n) : n))
  return { rows, total: rows.length }
}

async function mountView() {
  const router = testRouter()
  await router.push('/people')
  const wrapper = mount(PeopleView, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

const names = (w: ReturnType<typeof mount>) => w.findAll('[data-testid=person-row-name]').map((n) => n.text())

describe('干部 search', () => {
  beforeEach(() => {
    search.mockReset()
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('lists people on open, then searches once typing pauses (debounced)', async () => {
    search.mockResolvedValue(result('李四'))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { wrapper } = await mountView()
    expect(search).toHaveBeenCalledTimes(1)
    expect(search).toHaveBeenLastCalledWith('', false)

    search.mockResolvedValue(result('张三', '张珊'))
    const input = wrapper.find('[data-testid=people-search] input')
    await input.setValue('z')
    vi.advanceTimersByTime(60)
    await input.setValue('zs')
    vi.advanceTimersByTime(149)
    expect(search).toHaveBeenCalledTimes(1) // still waiting: no search per keystroke

    vi.advanceTimersByTime(1)
    expect(search).toHaveBeenCalledTimes(2)
    expect(search).toHaveBeenLastCalledWith('zs', false)
    expect(search).not.toHaveBeenCalledWith('z', false)

    await flushPromises()
    expect(names(wrapper)).toEqual(['张三', '张珊'])
    expect(wrapper.text()).toContain('县财政局 局长')
    expect(wrapper.text()).toContain('可输入姓名、拼音全拼或首字母（如 zs 找 张三）、身份证号、电话')
  })

  it('never lets an older, slower reply overwrite a newer one', async () => {
    search.mockResolvedValue(result())
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { wrapper } = await mountView()

    const slow = deferred<PersonSearch>()
    const fast = deferred<PersonSearch>()
    search.mockReturnValueOnce(slow.promise).mockReturnValueOnce(fast.promise)

    const input = wrapper.find('[data-testid=people-search] input')
    await input.setValue('zh')
    vi.advanceTimersByTime(200)
    await input.setValue('zhangsan')
    vi.advanceTimersByTime(200)
    expect(search).toHaveBeenCalledTimes(3)

    fast.resolve(result('张三'))
    await flushPromises()
    expect(names(wrapper)).toEqual(['张三'])

    slow.resolve(result('张华', '张红', '赵虎'))
    await flushPromises()
    expect(names(wrapper)).toEqual(['张三'])
  })

  it('shows markup in a name as text and keeps characters beyond the BMP', async () => {
    search.mockResolvedValue(result('<img src=x onerror=alert(1)>', '𠮷𠮷'))
    const { wrapper } = await mountView()
    expect(names(wrapper)).toEqual(['<img src=x onerror=alert(1)>', '𠮷𠮷'])
    expect(wrapper.find('img').exists()).toBe(false)
    expect(document.querySelector('img[src=x]')).toBeNull()
  })

  it('with 显示已作废 on, also fetches voided people and marks them', async () => {
    search.mockImplementation(async (_q, voided) =>
      voided ? result(row('王五', { voided_at: '2025-01-02 10:00:00' })) : result('李四'),
    )
    const { wrapper } = await mountView()
    expect(names(wrapper)).toEqual(['李四'])
    await wrapper.find('[data-testid=show-voided]').trigger('click')
    await flushPromises()
    expect(search).toHaveBeenCalledWith('', true)
    expect(names(wrapper)).toEqual(['李四', '王五'])
    expect(wrapper.text()).toContain('已作废')
  })

  it('says the search failed, instead of a list that reads as nobody found', async () => {
    search.mockRejectedValue({ code: 'database', message: '数据库错误：database is locked', field: null })
    const { wrapper } = await mountView()
    await flushPromises()
    expect(wrapper.find('[data-testid=people-failure]').text()).toContain('数据库错误：database is locked')
  })

  it('opens the person page when a row is clicked', async () => {
    search.mockResolvedValue(result('李四'))
    const { wrapper, router } = await mountView()
    await wrapper.find('[data-testid=person-row-name]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/people/id-李四')
  })

  it('flags a person inside a sanction\'s effect period with the core\'s 影响期至, and no one else', async () => {
    search.mockResolvedValue(
      result(row('单丽华', { sanction_until: '2026-09-01', sanction_flag: '影响期至 2026年9月1日' }), '李四'),
    )
    const { wrapper } = await mountView()
    const tags = wrapper.findAll('[data-testid=person-row-sanction]')
    expect(tags.map((t) => t.text())).toEqual(['影响期至 2026年9月1日'])
    expect(wrapper.findAll('.el-table__body tbody tr')[1].find('[data-testid=person-row-sanction]').exists()).toBe(false)
  })
})
