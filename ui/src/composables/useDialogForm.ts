// The dialog form: fill it when it opens (a failure to load its choices is shown in the dialog,
// not dropped), check the client rules, save, close on success; a refusal stays in the open
// dialog under the field the core names, or in an alert when no item of the form has that field.
// The component's el-form carries ref="formRef"; a form without one (no client rules) just saves.

import { ref, useTemplateRef, watch } from 'vue'
import type { FormInstance } from 'element-plus'
import { toError } from '../api'
import { useServerErrors } from '../lib/serverErrors'

export interface DialogFormOptions<T> {
  /** Whether the dialog is open (the component's `modelValue`). */
  open: () => boolean
  /** Fills the form for this opening. What it throws is shown in `loadError`. */
  load: () => void | Promise<void>
  save: () => Promise<T>
  /** Called after a successful save: close the dialog, tell the parent. */
  done: (saved: T) => void
  /** The error keys this form shows under its items (see useServerErrors). */
  fields?: readonly string[]
}

export function useDialogForm<T>(opts: DialogFormOptions<T>) {
  const formRef = useTemplateRef<FormInstance>('formRef')
  const busy = ref(false)
  const loadError = ref('')
  const { errors, general, clear, show } = useServerErrors(opts.fields)

  watch(
    opts.open,
    async (open) => {
      if (!open) return
      clear()
      loadError.value = ''
      formRef.value?.clearValidate()
      try {
        await opts.load()
      } catch (e) {
        loadError.value = toError(e).message
      }
    },
    { immediate: true },
  )

  async function submit() {
    if (busy.value) return
    clear()
    const ok = formRef.value ? await formRef.value.validate().catch(() => false) : true
    if (!ok) return
    busy.value = true
    try {
      opts.done(await opts.save())
    } catch (e) {
      show(e)
    } finally {
      busy.value = false
    }
  }

  return { formRef, busy, errors, general, loadError, clear, show, submit }
}
