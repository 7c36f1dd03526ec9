// The idle lock (issue 12): after `minutes()` without a key, a click, a wheel turn or a mouse move,
// `lock` runs (the core forgets the session and the window asks for the password again).

import { onBeforeUnmount, onMounted } from 'vue'

const EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const
/** How often the idle time is checked. */
export const CHECK_MS = 10_000

export function useIdleLock(minutes: () => number | null, lock: () => void | Promise<void>) {
  let last = Date.now()
  let timer: ReturnType<typeof setInterval> | undefined
  const touch = () => {
    last = Date.now()
  }
  function check() {
    const m = minutes()
    if (m && Date.now() - last >= m * 60_000) {
      last = Date.now()
      void lock()
    }
  }
  onMounted(() => {
    for (const e of EVENTS) window.addEventListener(e, touch, { passive: true })
    timer = setInterval(check, CHECK_MS)
  })
  onBeforeUnmount(() => {
    for (const e of EVENTS) window.removeEventListener(e, touch)
    if (timer) clearInterval(timer)
  })
  return { touch, check }
}
