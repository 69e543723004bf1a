// The browser's plan (chaining, order, overdue, words), its start rule and its calendar
// events against the vectors the Python tests use (node --test).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { deadline, entered, icsEvent, planView, readStart } from '../../static/js/deadlines.js'

const read = name => JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url)))
const vectors = read('plans.json')
const holidays = read('deadlines.json').holidays

for (const c of vectors.plans) {
  test(c.name, () => {
    const events = Object.fromEntries(Object.entries(c.events || {}).map(([k, v]) => [k, entered(v.start, v.time)]))
    const view = planView(c.rows, entered(c.start, c.time), new Set(holidays[c.nation]), Date.parse(c.now), events)
    assert.deepEqual({
      start_text: view.startText,
      note: view.note,
      future: view.future,
      starts: view.starts,
      moved: view.moved,
      readings: view.readings,
      order: view.order
    }, c.expect)
  })
}

for (const c of vectors.events) {
  test(`calendar event: ${c.name}`, () => {
    const d = deadline(c.within, entered(c.start, c.time), new Set(holidays[c.nation]))
    const lines = icsEvent(d, c.event, Date.parse('2026-01-01T00:00:00Z'))
    for (const line of c.lines) assert.ok(lines.includes(line), `${line}\nnot in\n${lines.join('\n')}`)
  })
}

for (const c of vectors.starts) {
  test(`start typed: ${c.name}`, () => {
    assert.deepEqual(readStart(c.day, c.month, c.year, c.clock), c.expect)
  })
}
