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
  }
}
