// Deadline arithmetic for the static site: the same rules as wizard/dates.py, checked
// against the same vectors (tests/vectors/deadlines.json). Dates are handled as UTC
// midnights so that no time zone or clock change can shift a day.

const DAY_MS = 86400000
const WORKING_WEEK = 5
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

export function dayToMs (iso) {
  const [y, m, d] = iso.split('-').map(Number)
  return Date.UTC(y, m - 1, d)
}

export function msToDay (ms) {
  return new Date(ms).toISOString().slice(0, 10)
}

export function isWorkingDay (ms, holidays) {
  const weekday = new Date(ms).getUTCDay()
  return weekday !== 0 && weekday !== 6 && !holidays.has(msToDay(ms))
}

export function addWorkingDays (ms, days, holidays) {
  let day = ms
  while (days > 0) {
    day += DAY_MS
    if (isWorkingDay(day, holidays)) days -= 1
  }
  return day
}

// One reading of a timescale as a deadline: {kind, at, outsideWorkingDays, fromStartOfDay}.
// `at` is 'YYYY-MM-DD' for a day, 'YYYY-MM-DDTHH:MM' for a moment, or null.
export function deadline (spanText, startDay, startTime, holidays) {
  const span = parseSpan(spanText)
  if (span.amount === null) return { kind: span.unit, at: null, outsideWorkingDays: false }
  const start = dayToMs(startDay)
  if (span.unit === 'hours') {
    const [h, m] = (startTime || '00:00').split(':').map(Number)
    const at = start + (h * 60 + m) * 60000 + span.amount * 3600000
    const iso = new Date(at).toISOString().slice(0, 16)
    const day = dayToMs(iso.slice(0, 10))
    return {
      kind: 'moment',
      at: iso,
      outsideWorkingDays: !isWorkingDay(day, holidays),
      fromStartOfDay: !startTime
    }
  }
  let day
  if (span.unit === 'weeks') {
    day = start + span.amount * 7 * DAY_MS
  } else {
    const days = span.amount * (span.unit === 'working weeks' ? WORKING_WEEK : 1)
    day = addWorkingDays(start, days, holidays)
  }
  return { kind: 'day', at: msToDay(day), outsideWorkingDays: false }
}

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC'
})
const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric', minute: '2-digit', hourCycle: 'h12', timeZone: 'UTC'
})

export function formatDay (iso) {
  return DAY_FORMAT.format(new Date(dayToMs(iso.slice(0, 10))))
}

export function formatMoment (iso) {
  const [day, time] = iso.split('T')
  const [h, m] = time.split(':').map(Number)
  return `${formatDay(day)} at ${TIME_FORMAT.format(new Date(dayToMs(day) + (h * 60 + m) * 60000))}`
}

export function deadlineText (d) {
  if (d.at === null) return d.kind
  return d.kind === 'day' ? formatDay(d.at) : formatMoment(d.at)
}

// The last moment that still meets a deadline, as a comparable 'YYYY-MM-DDTHH:MM' string.
export function latest (d) {
  if (d.at === null) return null
  return d.kind === 'day' ? `${d.at}T23:59` : d.at
}
