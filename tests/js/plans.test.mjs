// The browser's plan (chaining, order, overdue, words) and its start rule against the
// vectors the Python tests use (node --test); its calendar events are in calendar.test.mjs.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { entered, overallSince, overallView, planView, readStart } from '../../static/js/deadlines.js'

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

for (const c of vectors.overall) {
  test(`whole procedure: ${c.name}`, () => {
    const events = Object.fromEntries(Object.entries(c.events).map(([k, v]) => [k, entered(v.start, v.time)]))
    const since = overallSince(events, entered(c.start, c.time), c.first)
    assert.deepEqual(overallView(c.timescales, since, new Set(holidays[c.nation]), Date.parse(c.now)), c.expect)
  })
}

for (const c of vectors.starts) {
  test(`start typed: ${c.name}`, () => {
    assert.deepEqual(readStart(c.day, c.month, c.year, c.clock), c.expect)
  })
}
