import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { settle } from '../../test/mockApi'
import { coreError } from '../../test/coreErrors'
import PersonForm from '../PersonForm.vue'
import * as api from '../../api'

vi.mock('../../api', async (io) => (await import('../../test/mockApi')).mockApi(io))

const save = vi.mocked(api.personSave)

// The dialog is teleported to <body>; find things there.
const $ = (sel: string) => document.body.querySelector(sel) as HTMLElement | null

function itemOf(testid: string): HTMLElement {
  const el = $(`[data-testid=${testid}]`)
  expect(el).not.toBeNull()
  return el!.closest('.el-form-item') as HTMLElement
}

async function type(testid: string, value: string) {
  const input = $(`[data-testid=${testid}] input`) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

describe('干部 form', () => {
  beforeEach(() => {
    save.mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('puts a backend validation error under the field it names', async () => {
    const refusal = coreError('person_bad_id_number')
    save.mockRejectedValue(refusal)
    const wrapper = mount(PersonForm, { props: { modelValue: true }, attachTo: document.body })
    await flushPromises()

    await type('person-form-name', '张三')
    await type('person-form-id-number', '110101199003070001')
    $('[data-testid=person-form-save]')!.click()
    await settle()

    expect(save).toHaveBeenCalledTimes(1)
    expect(save.mock.calls[0][0]).toMatchObject({ id: null, name: '张三', id_number: '110101199003070001' })

    const idItem = itemOf('person-form-id-number')
    expect(idItem.querySelector('.el-form-item__error')?.textContent).toContain(refusal.message)
    expect(itemOf('person-form-name').querySelector('.el-form-item__error')).toBeNull()
    // And once more at the top, as a message.
    expect(document.body.querySelector('.el-message')?.textContent).toContain(refusal.message)
    // The dialog stays open with what was typed.
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('puts the core\'s refusal of a name with a NUL byte under 姓名', async () => {
    // The client has no rule about control characters: the core refuses and names the field.
    const refusal = coreError('person_name_nul')
    expect(refusal.message).toMatch(/^姓名/)
    save.mockRejectedValue(refusal)
    mount(PersonForm, { props: { modelValue: true }, attachTo: document.body })
    await flushPromises()
    await type('person-form-name', '张三')
    $('[data-testid=person-form-save]')!.click()
    await settle()
    expect(itemOf('person-form-name').querySelector('.el-form-item__error')?.textContent).toContain(refusal.message)
  })

  it('shows a refusal about no field of the form in the dialog', async () => {
    save.mockRejectedValue({ code: 'conflict', message: '该人员已作废，不能修改；如需修改请先恢复', field: null })
    mount(PersonForm, { props: { modelValue: true }, attachTo: document.body })
    await flushPromises()
    await type('person-form-name', '张三')
    $('[data-testid=person-form-save]')!.click()
    await settle()
    expect($('[data-testid=person-form-error]')?.textContent).toContain('该人员已作废')
  })

  it('asks for the name before calling the backend, and sends empty optional fields as null', async () => {
    save.mockResolvedValue({} as api.Person)
    const wrapper = mount(PersonForm, { props: { modelValue: true }, attachTo: document.body })
    await flushPromises()

    $('[data-testid=person-form-save]')!.click()
    await settle()
    expect(save).not.toHaveBeenCalled()
    expect(itemOf('person-form-name').querySelector('.el-form-item__error')?.textContent).toContain('请填写姓名')

    await type('person-form-name', '𠮷祥')
    $('[data-testid=person-form-save]')!.click()
    await settle()
    expect(save).toHaveBeenCalledTimes(1)
    expect(save.mock.calls[0][0]).toMatchObject({ name: '𠮷祥', id_number: null, birth_date: null, gender: null })
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })
})
