// Deadline arithmetic, the chained plan and dates in words for the browser: the same
// rules as wizard/core/dates.py and wizard/web/text/dates.py, checked against the same
// vectors (tests/vectors/). Its sentences come from the catalogue (messages.js). Calendar
// files are static/js/calendar.js.
//
// Instants are milliseconds since the epoch (UTC): hours are added and deadlines compared
// there, so a clock change can neither stretch nor shrink "24 hours". A wall-clock time in
// London is held as the UTC milliseconds of the same fields ("wall"), and days as
// 'YYYY-MM-DD'; Intl with timeZone 'Europe/London' converts between them.

import { _ } from './messages.js'

const MINUTE = 60000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const WORKING_WEEK = 5
const ZONE = 'Europe/London'
const AMOUNTLESS = ['immediately', 'as soon as possible', 'none stated']
const SPAN = /^(\d+)\s+(working days?|hours?|working weeks?|weeks?)$/

export function parseSpan (text) {
  const cleaned = text.toLowerCase().trim().replace(/\s+/g, ' ')
  if (AMOUNTLESS.includes(cleaned)) return { amount: null, unit: cleaned }
  const match = SPAN.exec(cleaned)
  if (!match) throw new Error(`the timescale '${text}' does not parse`)
  const unit = match[2].endsWith('s') ? match[2] : match[2] + 's'
  return { amount: Number(match[1]), unit }
}

// Days and wall-clock times

export function dayToMs (iso) {
  const [y, m, d] = iso.split('-').map(Number)
  return Date.UTC(y, m - 1, d)
}

export function msToDay (ms) {
  return new Date(ms).toISOString().slice(0, 10)
}

function addDays (iso, days) { return msToDay(dayToMs(iso) + days * DAY) }

function wallOf (day, clock) {
  const [h, m] = (clock || '00:00').split(':').map(Number)
  return dayToMs(day) + (h * 60 + m) * MINUTE
}

function splitWall (wall) {
  const iso = new Date(wall).toISOString()
  return { day: iso.slice(0, 10), clock: iso.slice(11, 16) }
}

const WALL_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
})
const ZONE_NAME = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, timeZoneName: 'short' })

// The London wall-clock time at an instant, to the minute.
export function wallAt (at) {
  const p = Object.fromEntries(WALL_FORMAT.formatToParts(new Date(at)).map(x => [x.type, x.value]))
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute))
}

function offsetAt (at) { return wallAt(at) - Math.floor(at / MINUTE) * MINUTE }

// A wall-clock time as an instant, read as RFC 5545 reads one (section 3.3.5): a time that
// happens twice is its first occurrence; a time the clocks skip takes the offset from
// before the change. Python's zoneinfo with fold=0 reads them the same way.
export function instant (wall) {
  const before = wall - offsetAt(wall - DAY)
  const after = wall - offsetAt(wall + DAY)
  if (before === after) return { at: before, change: 'none' }
  const found = [before, after].filter(at => wallAt(at) === wall)
  if (found.length === 2) return { at: Math.min(...found), change: 'repeated' }
  if (found.length === 1) return { at: found[0], change: 'none' }
  return { at: before, change: 'skipped' }
}

function midnight (day) { return instant(dayToMs(day)).at }

// 'BST' or 'GMT' where the wall-clock time at `at` happens twice; otherwise ''.
function zoneName (at) {
  if (instant(wallAt(at)).change !== 'repeated') return ''
  return ZONE_NAME.formatToParts(new Date(at)).find(p => p.type === 'timeZoneName').value
}

// Working days

export function isWorkingDay (iso, holidays) {
  const weekday = new Date(dayToMs(iso)).getUTCDay()
  return weekday !== 0 && weekday !== 6 && !holidays.has(iso)
}

export function addWorkingDays (iso, days, holidays) {
  let day = iso
  while (days > 0) {
    day = addDays(day, 1)
    if (isWorkingDay(day, holidays)) days -= 1
  }
  return day
}

// Starts: {kind: 'day' | 'moment' | 'after day', day, at, clock, zoneName, change, asked}

export function entered (day, clock) {
  if (!clock) return { kind: 'day', day, at: midnight(day), clock: null, zoneName: '', change: 'none', asked: null }
  const { at, change } = instant(wallOf(day, clock))
  return momentStart(at, change, change === 'none' ? null : clock)
}

export function after (end) {
  const wall = splitWall(wallAt(end))
  if (wall.clock === '00:00') {
    return { kind: 'after day', day: addDays(wall.day, -1), at: end, clock: null, zoneName: '', change: 'none', asked: null }
  }
  return momentStart(end, 'none', null)
}

function momentStart (at, change, asked) {
  const wall = splitWall(wallAt(at))
  return { kind: 'moment', day: wall.day, at, clock: wall.clock, zoneName: zoneName(at), change, asked }
}

// Deadlines: {kind, day, clock, end, outsideWorkingDays, fromStartOfDay, zoneName, other, why}.
// `other` is a second reading where the policy is silent (`why` says on what): hours that run
// out on a weekend or bank holiday also read as the same time on the next working day;
// working days from a policy that does not say whether bank holidays count also read with
// them counted, where that gives an earlier day.

export function deadline (spanText, start, holidays, bankHolidaysUnstated = false) {
  const span = parseSpan(spanText)
  const found = plainDeadline(span, start, holidays)
  if (span.unit === 'hours' && found.outsideWorkingDays) {
    return { ...found, other: nextWorking(found, holidays), why: 'next working day' }
  }
  if (bankHolidaysUnstated && (span.unit === 'working days' || span.unit === 'working weeks')) {
    const counted = plainDeadline(span, start, new Set())
    if (counted.day !== found.day) return { ...found, other: counted, why: 'bank holidays count' }
  }
  return found
}

function plainDeadline (span, start, holidays) {
  if (span.amount === null) {
    return { kind: span.unit, day: null, clock: null, end: null, outsideWorkingDays: false, fromStartOfDay: false, zoneName: '', other: null, why: null }
  }
  if (span.unit === 'hours') return momentDeadline(start.at + span.amount * HOUR, holidays, start.kind === 'day')
  if (span.unit === 'weeks') return dayDeadline(addDays(start.day, 7 * span.amount), holidays, false)
  const days = span.amount * (span.unit === 'working weeks' ? WORKING_WEEK : 1)
  return dayDeadline(addWorkingDays(start.day, days, holidays), holidays, false)
}

function nextWorking (found, holidays) {
  const day = addWorkingDays(found.day, 1, holidays)
  if (found.clock === null) return dayDeadline(day, holidays, found.fromStartOfDay)
  return momentDeadline(instant(wallOf(day, found.clock)).at, holidays, found.fromStartOfDay)
}

function momentDeadline (end, holidays, untimed) {
  const wall = splitWall(wallAt(end))
  // Midnight is the end of the day before: never "12:00 am".
  if (wall.clock === '00:00') return dayDeadline(addDays(wall.day, -1), holidays, untimed)
  return {
    kind: 'moment',
    day: wall.day,
    clock: wall.clock,
    end,
    outsideWorkingDays: !isWorkingDay(wall.day, holidays),
    fromStartOfDay: untimed,
    zoneName: zoneName(end),
    other: null,
    why: null
  }
}

function dayDeadline (day, holidays, untimed) {
  return {
    kind: 'day',
    day,
    clock: null,
    end: midnight(addDays(day, 1)),
    outsideWorkingDays: !isWorkingDay(day, holidays),
    fromStartOfDay: untimed,
    zoneName: '',
    other: null,
    why: null
  }
}

export function overdue (d, now) { return d.end !== null && now >= d.end }

// The plan. rows: [{number, timescales: [{within: [...], datable, from, bank_holidays}]}], as
// the page's plan data lists them; `from` is 'stage' (the default), an event's name such as
// 'outcome' or 'disagreement', or a list of two (the earlier), dated from `events` of those
// names where given, and otherwise not at all; `after` dates a clock from another's end. Each stage starts when the one before runs out (the latest deadline among all its
// variants that have one; a second reading where the policy is silent does not move it); all variants of a stage share a start. Where none has a deadline,
// the next stage starts when the worker moves to it: it is dated as if they moved on when the
// stage before started, and `moved` says so.
export function chain (rows, start, holidays, events = {}) {
  const result = []
  let starts = start
  let moved = false
  let group = []
  let number = null
  for (const row of rows) {
    if (row.number !== number && group.length) {
      [starts, moved] = nextStart(group)
      group = []
    }
    number = row.number
    const deadlines = []
    for (const ts of row.timescales) {
      const origin = clockOrigin(ts, starts, deadlines, events)
      deadlines.push(origin === null
        ? []
        : ts.within.map(w => deadline(w, origin, holidays, ts.bank_holidays === 'not stated')))
    }
    const dated = { starts, deadlines, moved, ends: latestEnd(deadlines) }
    result.push(dated)
    group.push(dated)
  }
  return result
}

// What a clock counts from: the stage's start; the end of an earlier clock of the stage
// (`after`, its position; its latest reading); or an event, or the earlier of two (`from`, a
// name or a list; 'stage' among them is the stage's start). A clock from an event is never
// dated from the stage's start, nor from one of its two events alone: without them, no date.
function clockOrigin (ts, starts, found, events) {
  if (!ts.datable) return null
  if (ts.after !== undefined) {
    const ends = (found[ts.after] || []).map(d => d.end).filter(e => e !== null)
    return ends.length ? after(Math.max(...ends)) : null
  }
  const from = ts.from || 'stage'
  return from === 'stage' ? starts : earliestEvent({ ...events, stage: starts }, [from].flat())
}

// The earlier of the events' dates, or null unless every one of them is given.
export function earliestEvent (events, keys) {
  const given = keys.map(k => events[k] || null)
  if (!given.length || given.includes(null)) return null
  return given.reduce((a, b) => (b.at < a.at ? b : a))
}

function latestEnd (deadlines) {
  const ends = deadlines.flat().map(d => d.end).filter(e => e !== null)
  return ends.length ? Math.max(...ends) : null
}

function nextStart (group) {
  const ends = group.map(row => row.ends).filter(e => e !== null)
  return ends.length ? [after(Math.max(...ends)), false] : [group[0].starts, true]
}

// What the whole procedure counts from: the disagreement, never a later stage's start. At the
// first stage its start is when the disagreement began; later, until the date is given, null.
export function overallSince (events, start, first) {
  return events.disagreement || (first ? start : null)
}

// Timescales for the whole procedure, dated from when the disagreement began; with no
// such date (null), undated.
export function overallView (timescales, start, holidays, now) {
  const readings = {}
  timescales.forEach((ts, i) => ts.within.forEach((w, r) => {
    readings[`overall:${i}:${r}`] = start && shown(deadline(w, start, holidays, ts.bank_holidays === 'not stated'), now)
  }))
  return readings
}

function shown (d, now) {
  if (!d || d.end === null) return null
  const found = { text: readingText(d), overdue: overdue(d, now), outside: d.outsideWorkingDays, midnight: d.fromStartOfDay }
  return d.why ? { ...found, other: d.why } : found
}

// Positions of readings, the earliest deadline first; undated ones keep their order last.
export function earliestFirst (deadlines) {
  const end = i => deadlines[i] && deadlines[i].end !== null ? deadlines[i].end : Infinity
  return deadlines.map((_, i) => i).sort((a, b) => end(a) - end(b) || a - b)
}

// What the page shows for a plan: the plan data's rows dated from `start` at `now`.
// Readings are keyed 'row:timescale:reading' and duties 'row:group', as the page names them.
export function planView (rows, start, holidays, now, events = {}) {
  const dated = chain(rows, start, holidays, events)
  const view = { startText: startText(start), note: clockChangeNote(start), future: start.at > now, starts: [], moved: [], chained: dated.map(row => row.starts), readings: {}, order: {}, deadlines: {} }
  dated.forEach((row, i) => {
    view.starts.push(row.starts ? sentence(startText(row.starts)) : null)
    view.moved.push(row.moved)
    for (const group of rows[i].groups) {
      const found = group.readings.map(key => readingAt(dated, key))
      group.readings.forEach((key, j) => {
        view.deadlines[key] = found[j]
        view.readings[key] = shown(found[j], now)
      })
      view.order[group.key] = earliestFirst(found).map(j => group.readings[j])
    }
  })
  return view
}

function readingAt (dated, key) {
  const [row, ts, r] = key.split(':').map(Number)
  return dated[row].deadlines[ts][r] || null
}

// The start a person typed, by the same rule as wizard/web/forms.py: {day, clock, error}.
export function readStart (day, month, year, clock) {
  [day, month, year, clock] = [day, month, year, clock].map(part => (part || '').trim())
  if (!day || !month || !year) return { day: null, clock: null, error: 'missing' }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { day: null, clock: null, error: 'not a date' }
  }
  const [d, m, y] = [day, month, year].map(Number)
  if (y < 2000 || y > 2100) return { day: null, clock: null, error: 'year' }
  const when = new Date(Date.UTC(y, m - 1, d))
  if (m < 1 || m > 12 || d < 1 || when.getUTCDate() !== d) return { day: null, clock: null, error: 'not a date' }
  const iso = `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  if (!clock) return { day: iso, clock: null, error: null }
  const time = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(clock)
  if (!time) return { day: iso, clock: null, error: 'not a time' }
  return { day: iso, clock: `${time[1].padStart(2, '0')}:${time[2]}`, error: null }
}

// Words

// Day and month names, and am and pm, in the page's language, as Babel writes them for the
// server: the page hands them over (#date-names), since a browser's Intl may not know the
// language (Chromium has no Welsh). Without them (Node's English tests) Intl's en-GB is used.
// The shared vectors check both, in English and in Welsh.
const LOCALES = { en: 'en-GB', cy: 'cy' }
let DAY_FORMAT, CLOCK_FORMAT, NAMES

export function useLanguage (lang, names = null) {
  const locale = LOCALES[lang] || LOCALES.en
  DAY_FORMAT = new Intl.DateTimeFormat(locale, {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC'
  })
  CLOCK_FORMAT = new Intl.DateTimeFormat(locale, {
    hour: 'numeric', minute: '2-digit', hourCycle: 'h12', timeZone: 'UTC'
  })
  NAMES = names
}

const pageNames = (() => {
  const el = typeof document !== 'undefined' ? document.getElementById('date-names') : null
  return el ? JSON.parse(el.textContent) : null
})()
useLanguage(typeof document !== 'undefined' ? document.documentElement.lang.slice(0, 2) : 'en', pageNames)

export function dayText (iso) {
  if (NAMES) {
    const d = new Date(dayToMs(iso))
    const weekday = NAMES.days[(d.getUTCDay() + 6) % 7] // Monday first, as Babel lists them
    return `${weekday} ${d.getUTCDate()} ${NAMES.months[d.getUTCMonth()]} ${d.getUTCFullYear()}`
  }
  const p = Object.fromEntries(DAY_FORMAT.formatToParts(new Date(dayToMs(iso))).map(x => [x.type, x.value]))
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`
}

export function clockText (clock) {
  if (clock === '12:00') return _('midday')
  if (NAMES) {
    const [h, m] = clock.split(':').map(Number)
    return `${h % 12 || 12}:${String(m).padStart(2, '0')} ${h < 12 ? NAMES.am : NAMES.pm}`
  }
  return CLOCK_FORMAT.format(new Date(wallOf('1970-01-01', clock)))
}

export function momentText (day, clock, zone) {
  if (zone) return _('%(time)s %(zone)s on %(day)s', { time: clockText(clock), zone, day: dayText(day) })
  return _('%(time)s on %(day)s', { time: clockText(clock), day: dayText(day) })
}

export function deadlineText (d) {
  if (d.kind === 'day') return _('by the end of %(day)s', { day: dayText(d.day) })
  if (d.kind === 'moment') return _('by %(moment)s', { moment: momentText(d.day, d.clock, d.zoneName) })
  return d.kind
}

// The deadline in words, with its second reading where the policy is silent, earlier first.
export function readingText (d) {
  if (!d.other) return deadlineText(d)
  if (d.why === 'bank holidays count') {
    return _('%(earlier)s if bank holidays count as working days, or %(later)s if they do not',
      { earlier: deadlineText(d.other), later: deadlineText(d) })
  }
  return _('%(first)s, or %(moved)s if it moves to the next working day',
    { first: deadlineText(d), moved: deadlineText(d.other) })
}

export function startText (s) {
  if (s.kind === 'after day') return _('the end of %(day)s', { day: dayText(s.day) })
  if (s.clock === '00:00') return _('the start of %(day)s', { day: dayText(s.day) })
  if (s.kind === 'moment') return momentText(s.day, s.clock, s.zoneName)
  return dayText(s.day)
}

export function clockChangeNote (s) {
  if (s.asked === null || s.clock === null) return ''
  if (s.change === 'skipped') {
    return _('The clocks go forward an hour on %(day)s, so there is no %(asked)s that day: counting from %(time)s.',
      { day: dayText(s.day), asked: clockText(s.asked), time: clockText(s.clock) })
  }
  return _('The clocks go back an hour on %(day)s, so %(asked)s happens twice that day: counting from the first, %(time)s %(zone)s.',
    { day: dayText(s.day), asked: clockText(s.asked), time: clockText(s.clock), zone: s.zoneName })
}

export function sentence (text) { return text.charAt(0).toUpperCase() + text.slice(1) }
