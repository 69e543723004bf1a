// The browser's calendar files against the vectors the Python tests use (node --test):
// folding, escaping, whole files line for line, and the events of plans.json.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { deadline, entered, readingText } from '../../static/js/deadlines.js'
import { LIMIT, escapeText, fold, icsCalendar, icsEvent } from '../../static/js/calendar.js'

const read = name => JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url)))
const vectors = read('calendar.json')
const holidays = read('deadlines.json').holidays
const octets = text => new TextEncoder().encode(text).length

function dated (e, nation, stamp) {
  const d = deadline(e.within, entered(e.start, e.time), new Set(holidays[nation]))
  return icsEvent(d, e.event, readingText(d), stamp)
}

for (const c of vectors.fold) {
  test(`fold: ${c.name}`, () => {
    assert.deepEqual(fold(c.line).split('\r\n'), c.lines)
  })
}

for (const c of vectors.escape) {
  test(`escape: ${c.name}`, () => {
    assert.equal(escapeText(c.text), c.escaped)
  })
}

for (const c of vectors.files) {
  test(`file: ${c.name}`, () => {
    const events = c.events.map(e => dated(e, c.nation, Date.parse(c.stamp)))
    assert.equal(icsCalendar(c.calendar, events), c.lines.join('\r\n') + '\r\n')
  })
}

for (const c of read('plans.json').events) {
  test(`calendar event: ${c.name}`, () => {
    const lines = dated(c, c.nation, Date.parse('2026-01-01T00:00:00Z'))
    for (const line of c.lines) assert.ok(lines.includes(line), `${line}\nnot in\n${lines.join('\n')}`)
  })
}

test('folding keeps every line within 75 octets and every character whole', () => {
  const pieces = ['a', 'é', '“', '😀', '\\,', '\\\\', ' ']
  for (let seed = 1; seed < 300; seed++) {
    let line = 'DESCRIPTION:'
    for (let i = 0; i < seed; i++) line += pieces[(seed * 7 + i * i) % pieces.length]
    const lines = fold(line).split('\r\n')
    for (const l of lines) {
      assert.ok(octets(l) <= LIMIT, `${octets(l)} octets: ${l}`)
      assert.ok(l.isWellFormed(), 'a character split')
    }
    assert.ok(lines.slice(1).every(l => l.startsWith(' ')))
    assert.equal(lines.join('\r\n').replaceAll('\r\n ', ''), line)
    assert.ok(lines.slice(0, -1).every(l => !/(^|[^\\])(\\\\)*\\$/.test(l)), 'an escape split')
  }
})

test('a calendar with no events is refused', () => {
  assert.throws(() => icsCalendar('ISCP escalation deadlines', []), /no events/)
})
