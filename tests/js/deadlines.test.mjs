// The JavaScript deadlines against the vectors the Python tests use (node --test).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { deadline, deadlineText, entered, parseSpan, readingText, useLanguage } from '../../static/js/deadlines.js'
import { useMessages } from '../../static/js/messages.js'

const vectors = JSON.parse(readFileSync(new URL('../vectors/deadlines.json', import.meta.url)))

function utc (ms) {
  return ms === null ? null : new Date(ms).toISOString().slice(0, 16) + 'Z'
}

for (const c of vectors.cases) {
  test(c.name, () => {
    const holidays = new Set(vectors.holidays[c.nation])
    const result = deadline(c.within, entered(c.start, c.time), holidays, c.bank_holidays === 'not stated')
    assert.equal(result.kind, c.kind)
    assert.equal(result.day, c.day)
    assert.equal(result.clock, c.clock)
    assert.equal(utc(result.end), c.end)
    assert.equal(result.outsideWorkingDays, c.outside_working_days)
    assert.equal(result.fromStartOfDay, c.from_start_of_day)
    assert.equal(deadlineText(result), c.text)
    assert.equal(readingText(result), c.reading_text || c.text)
    const other = result.other && { why: result.why, day: result.other.day, clock: result.other.clock, end: utc(result.other.end) }
    assert.deepEqual(other || undefined, c.other)
  })
}

// The same deadlines in Welsh, with the Welsh a Welsh page hands its scripts.
for (const c of vectors.cases) {
  test(`${c.name}, in Welsh`, () => {
    const holidays = new Set(vectors.holidays[c.nation])
    const result = deadline(c.within, entered(c.start, c.time), holidays, c.bank_holidays === 'not stated')
    useLanguage('cy', vectors.names_cy)
    useMessages(vectors.messages_cy)
    try {
      assert.equal(deadlineText(result), c.text_cy)
      assert.equal(readingText(result), c.reading_text_cy || c.text_cy)
    } finally {
      useLanguage('en')
      useMessages({})
    }
  })
}

// In English with the names a page hands its scripts, as a browser dates it.
for (const c of vectors.cases) {
  test(`${c.name}, with the page's names`, () => {
    const holidays = new Set(vectors.holidays[c.nation])
    const result = deadline(c.within, entered(c.start, c.time), holidays, c.bank_holidays === 'not stated')
    useLanguage('en', vectors.names_en)
    try {
      assert.equal(deadlineText(result), c.text)
      assert.equal(readingText(result), c.reading_text || c.text)
    } finally {
      useLanguage('en')
    }
  })
}

test('a timescale that does not parse is refused', () => {
  assert.throws(() => parseSpan('two working days'), /does not parse/)
})
