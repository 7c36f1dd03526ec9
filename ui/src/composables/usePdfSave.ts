// Save a PDF where the clerk chooses, then 打开打印 it in the system viewer: the path written is
// kept so the open button opens exactly that file (or folder).

import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { openPath } from '../api'
import { showError } from '../lib/serverErrors'

export function usePdfSave() {
  const saving = ref(false)
  /** What the last save wrote, '' before any. */
  const saved = ref('')

  /**
   * `choose` asks where (null: the clerk cancelled, nothing is written); `write` writes there and
   * returns what 打开打印 should open and the message to show.
   */
  async function saveAs(
    choose: () => Promise<string | null>,
    write: (path: string) => Promise<{ open: string; message: string }>,
  ): Promise<boolean> {
    if (saving.value) return false
    let path: string | null
    try {
      path = await choose()
    } catch (e) {
      showError(e)
      return false
    }
    if (!path) return false
    saving.value = true
    try {
      const res = await write(path)
      saved.value = res.open
      ElMessage({ type: 'success', message: res.message, duration: 5000 })
      return true
    } catch (e) {
      showError(e)
      return false
    } finally {
      saving.value = false
    }
  }

  async function openSaved() {
    if (!saved.value) return
    try {
      await openPath(saved.value)
    } catch (e) {
      showError(e)
    }
  }

  function reset() {
    saved.value = ''
  }

  return { saving, saved, saveAs, openSaved, reset }
}
