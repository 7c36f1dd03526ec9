// The errors the core really sends, written by core/tests/error_fixtures.rs from failing actions.
// Specs reject with these, so a field key renamed in the core makes a view spec fail.
import fixtures from '../api/__fixtures__/core-errors.json'
import type { ErrorPayload } from '../api'

const all = fixtures as Record<string, ErrorPayload>

export function coreError(name: string): ErrorPayload {
  const e = all[name]
  if (!e) throw new Error(`core-errors.json has no “${name}”: run cargo test -p jiandu-core --test error_fixtures`)
  return e
}
