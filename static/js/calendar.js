// The dated plan as an iCalendar file (RFC 5545), line for line as wizard/web/formats/ics.py writes
// it: the same events, words, folding and file name, held together by tests/vectors/calendar.json.
// No imports: the page's plan data gives each event's words (from Python), and plan.js gives
// each deadline and its date in words (deadlines.js).

const ZONE = 'Europe/London'
// The UK's rule since 1996, which covers every year the date form accepts (2000 to 2100).
const VTIMEZONE = [
  'BEGIN:VTIMEZONE', `TZID:${ZONE}`,
  'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0000', 'TZOFFSETTO:+0100', 'TZNAME:BST',
  'DTSTART:19810329T010000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
  'BEGIN:STANDARD', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0000', 'TZNAME:GMT',
  'DTSTART:19961027T020000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
  'END:VTIMEZONE'
]
export const DAY_REMINDER = 'PT9H' // 9:00 am on the day a day deadline ends
export const MOMENT_REMINDER = '-PT2H' // two hours before a moment
export const MOMENT_LENGTH = 'PT15M' // a moment's event starts at the deadline and lasts this long
export const LIMIT = 75 // octets in a line, not counting its CRLF (RFC 5545, section 3.1)
const DAY = 86400000

// A TEXT value escaped (RFC 5545, section 3.3.11); other control characters are dropped.
export function escapeText (text) {
  return text
    .replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '')
}

const octets = text => new TextEncoder().encode(text).length

// A content line folded to at most 75 octets a line: never inside a character (UTF-8) nor
// between a backslash and the character it escapes, which some readers mistake.
export function fold (line) {
  const parts = []
  let current = ''
  for (const piece of line.match(/\\.|[\s\S]/gu) || []) {
    const room = parts.length ? LIMIT - 1 : LIMIT // a continuation starts with a space
    if (current && octets(current + piece) > room) {
      parts.push(current)
      current = ''
    }
    current += piece
  }
  parts.push(current)
  return parts.join('\r\n ')
}

function icsDay (iso) { return iso.replaceAll('-', '') }

function nextDay (iso) { return new Date(Date.parse(iso + 'T00:00:00Z') + DAY).toISOString().slice(0, 10) }

function icsUtc (ms) { return new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z' }

// When: a day deadline is an all-day event on its last day; a moment starts at its time in
// London, or in UTC where that time happens twice (a zone would read it as the first).
function when (d) {
  if (d.kind === 'day') return [`DTSTART;VALUE=DATE:${icsDay(d.day)}`, `DTEND;VALUE=DATE:${icsDay(nextDay(d.day))}`]
  const start = d.zoneName ? `DTSTART:${icsUtc(d.end)}` : `DTSTART;TZID=${ZONE}:${icsDay(d.day)}T${d.clock.replace(':', '')}00`
  return [start, `DURATION:${MOMENT_LENGTH}`]
}

// One VEVENT's lines, unfolded. `d`: a dated deadline (deadlines.js); `text`: its words
// ({summary, description, uid}) from the page's plan data; `by`: its date in words.
export function icsEvent (d, text, by, stamp) {
  const suffix = d.kind === 'day' ? icsDay(d.day) : icsUtc(d.end)
  return [
    'BEGIN:VEVENT',
    `SUMMARY:${escapeText(text.summary)}`,
    ...when(d),
    `DTSTAMP:${icsUtc(stamp)}`,
    `UID:${text.uid}-${suffix}@escalation-wizard`,
    `DESCRIPTION:${escapeText(`${by.charAt(0).toUpperCase()}${by.slice(1)}. ${text.description}`)}`,
    'BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(text.summary)}`,
    `TRIGGER:${d.kind === 'day' ? DAY_REMINDER : MOMENT_REMINDER}`, 'END:VALARM',
    'END:VEVENT'
  ]
}

// The whole file, folded, with CRLF line ends. A calendar needs at least one event.
export function icsCalendar (name, events) {
  if (!events.length) throw new Error('a calendar with no events')
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//escalation-wizard//EN', 'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(name)}`, ...VTIMEZONE, ...events.flat(), 'END:VCALENDAR'
  ]
  return lines.map(fold).join('\r\n') + '\r\n'
}
