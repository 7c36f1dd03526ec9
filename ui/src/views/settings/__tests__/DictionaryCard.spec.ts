import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import DictionaryCard from '../DictionaryCard.vue'
import * as api from '../../../api'
import type { DictEntry } from '../../../api'
import { settle } from '../../../test/mockApi'
import { coreError } from '../../../test/coreErrors'

vi.mock('../../../api', async (io) => (await import('../../../test/mockApi')).mockApi(io))

const stored: DictEntry[] = [
  { name: '选人用人', retired: false, in_use: 0 },
  { name: '工程项目', retired: false, in_use: 1 },
  { name: '政府采购', retired: true, in_use: 0 },
]

async function mountCard() {
  const wrapper = mount(DictionaryCard, {
    props: { dict: 'risk_categories', title: '风险类别', hint: '廉政风险点的类别。' },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

describe('字典 card', () => {
  beforeEach(() => {
    vi.mocked(api.dictEntries).mockReset().mockResolvedValue(stored.map((e) => ({ ...e })))
    vi.mocked(api.dictSave).mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows each entry\'s use; one in use cannot be renamed or removed, but can be retired and is saved so', async () => {
    vi.mocked(api.dictSave).mockImplementation(async (_d, entries) => entries.map((e) => ({ ...e, in_use: e.name === '工程项目' ? 1 : 0 })))
    const wrapper = await mountCard()
    expect(api.dictEntries).toHaveBeenCalledWith('risk_categories')
    expect(wrapper.find('[data-testid=dict-use-1]').text()).toBe('1 条记录使用')
    expect(wrapper.find('[data-testid=dict-use-0]').text()).toBe('未使用')
    expect(wrapper.find('[data-testid=dict-entry-1] input').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid=dict-entry-0] input').attributes('disabled')).toBeUndefined()
    expect(wrapper.find('[data-testid=dict-remove-1]').attributes('disabled')).toBeDefined()
    // The retired entry shows as 停用 and stays in the list.
    expect(wrapper.findAll('[data-testid=dict-entry]')[2].classes()).toContain('retired')

    wrapper.findAllComponents({ name: 'ElSwitch' })[1].vm.$emit('update:modelValue', false)
    wrapper.findAllComponents({ name: 'ElSwitch' })[2].vm.$emit('update:modelValue', true)
    await flushPromises()
    await wrapper.find('[data-testid=dict-down-0]').trigger('click')
    await wrapper.find('[data-testid=dict-save]').trigger('click')
    await settle()
    expect(api.dictSave).toHaveBeenCalledWith('risk_categories', [
      { name: '工程项目', retired: true, in_use: 0 },
      { name: '选人用人', retired: false, in_use: 0 },
      { name: '政府采购', retired: false, in_use: 0 },
    ])
    expect(document.body.textContent).toContain('风险类别已保存')
    expect(wrapper.find('[data-testid=dict-dirty]').exists()).toBe(false)
  })

  it('puts the core\'s refusal to remove an entry in use under the list, keeping what was typed', async () => {
    const refusal = coreError('dict_in_use')
    expect(refusal.field).toBe('risk_categories')
    vi.mocked(api.dictSave).mockRejectedValue(refusal)
    const wrapper = await mountCard()
    await wrapper.find('[data-testid=dict-entry-0] input').setValue('选人用人和干部管理')
    await wrapper.find('[data-testid=dict-save]').trigger('click')
    await settle()
    const item = wrapper.find('[data-testid=dict-list]').element.closest('.el-form-item')!
    expect(item.querySelector('.el-form-item__error')?.textContent).toBe(refusal.message)
    expect(refusal.message).toContain('可改为停用')
    expect((wrapper.find('[data-testid=dict-entry-0] input').element as HTMLInputElement).value).toBe('选人用人和干部管理')
    expect(wrapper.find('[data-testid=dict-dirty]').exists()).toBe(true)
  })

  it('shows a duplicate or a list with nothing in use as the core words it, under the list of that dictionary', async () => {
    for (const name of ['dict_duplicate', 'dict_none_active']) {
      const refusal = coreError(name)
      vi.mocked(api.dictSave).mockRejectedValue(refusal)
      const wrapper = mount(DictionaryCard, { props: { dict: refusal.field as 'finding_sources', title: '问题来源' }, attachTo: document.body })
      await flushPromises()
      await wrapper.find('[data-testid=dict-save]').trigger('click')
      await settle()
      expect(wrapper.find('.el-form-item__error').text()).toBe(refusal.message)
      document.body.innerHTML = ''
    }
  })
})
