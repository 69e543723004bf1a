// The JavaScript deadlines against the vectors the Python tests use (node --test).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { deadline, deadlineText, parseSpan } from '../../static/js/deadlines.js'

const vectors = JSON.parse(readFileSync(new URL('../vectors/deadlines.json', import.meta.url)))

for (const c of vectors.cases) {
  test(c.name, () => {
    const holidays = new Set(vectors.holidays[c.nation])
    const result = deadline(c.within, c.start, c.time, holidays)
    assert.equal(result.kind, c.kind)
    assert.equal(result.at, c.at)
    assert.equal(result.outsideWorkingDays, c.outside_working_days)
    assert.equal(deadlineText(result), c.text)
  })
}

test('a timescale that does not parse is refused', () => {
  assert.throws(() => parseSpan('two working days'), /does not parse/)
})
