// What the frame shows on every page: the office name and where the data lives.

import { reactive } from 'vue'
import { appInfo, officeGet, toError, type AppInfo, type ErrorPayload, type Office } from './api'

export const shell = reactive<{ office: Office | null; info: AppInfo | null; fatal: ErrorPayload | null }>({
  office: null,
  info: null,
  fatal: null,
})

/** Failures that mean the database could not be opened at all: the window then says so in full
 *  instead of showing empty pages (another copy holds it, it was written by a newer version…). */
const FATAL = new Set(['locked', 'database_too_new', 'database', 'io', 'disk_full', 'damaged'])

export async function refreshShell(): Promise<void> {
  try {
    const [office, info] = await Promise.all([officeGet(), appInfo()])
    shell.office = office
    shell.info = info
    shell.fatal = null
  } catch (e) {
    const err = toError(e)
    // Other errors: each page reports its own; the frame just stays without a name.
    if (FATAL.has(err.code)) shell.fatal = err
    else if (err.code === 'signed_out') {
      // ---- accounts: the database opened (e.g. restored after damage) and asks for a sign-in
      shell.fatal = null
      await refreshAuth()
    }
  }
}

// ---- accounts
// Who is signed in, decided by the core (`auth_status`): the window shows 创建管理员 or 登录 before
// the app, and hides what the role may not do (the core refuses it anyway).
import { authStatus, authSignOut, type AuthStatus, type Session } from './api'

export const auth = reactive<{ status: AuthStatus | null }>({ status: null })

export function session(): Session | null {
  return auth.status?.state === 'signed_in' ? auth.status.session : null
}

export const isAdmin = () => session()?.role === '管理员'
/** A 查阅员 reads only; before accounts exist (status needs_setup) nobody is in the window. */
export const canWrite = () => {
  const s = session()
  return !!s && s.role !== '查阅员'
}

/** Asks the core where the window stands. An unopenable database becomes the frame's fatal error. */
export async function refreshAuth(): Promise<void> {
  try {
    auth.status = await authStatus()
  } catch (e) {
    const err = toError(e)
    if (FATAL.has(err.code)) shell.fatal = err
  }
}

/** Sign-out and the idle lock: the core forgets the session, the window shows 登录. */
export async function lockNow(): Promise<void> {
  try {
    await authSignOut()
  } finally {
    await refreshAuth()
  }
}
// ---- end accounts
