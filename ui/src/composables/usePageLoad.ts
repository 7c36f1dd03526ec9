// A page's own loading and failure state: the spinner while its records come, and a failure that
// stays on the page (an alert) rather than a toast that fades before the clerk reads it. Only the
// newest load counts, whatever order the replies come back in.

import { ref } from 'vue'
import { toError } from '../api'

export function usePageLoad(initiallyLoading = true) {
  const loading = ref(initiallyLoading)
  const failure = ref('')
  let seq = 0

  /**
   * Runs `fetch` under the spinner. `apply` gets the answer if no newer load started meanwhile;
   * on failure the message is kept in `failure` and `fail` runs (e.g. to drop a stale record).
   * Resolves true when this load's answer was applied.
   */
  async function run<T>(fetch: () => Promise<T>, apply: (v: T) => void, fail?: () => void): Promise<boolean> {
    const mine = ++seq
    loading.value = true
    try {
      const v = await fetch()
      if (mine !== seq) return false
      apply(v)
      failure.value = ''
      return true
    } catch (e) {
      if (mine !== seq) return false
      failure.value = toError(e).message
      fail?.()
      return false
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  return { loading, failure, run }
}
