// Fills in the deadlines and the dated plan on a static outcome page, in the browser.
// The page already says every timescale in words; this only adds the dates, computed
// by the same rules as the live app (deadlines.js, checked against shared vectors).
import { deadline, deadlineText, latest, formatDay, formatMoment } from './deadlines.js'

const section = document.querySelector('.app-plan')

function pad (n) { return String(n).padStart(2, '0') }

function startFromForm (form) {
  const day = Number(form.querySelector('#day').value)
  const month = Number(form.querySelector('#month').value)
  const year = Number(form.querySelector('#year').value)
  const when = new Date(Date.UTC(year, month - 1, day))
  if (!day || !month || year < 2000 || year > 2100 || when.getUTCDate() !== day) return null
  const clock = form.querySelector('#clock').value.trim().replace('.', ':')
  const time = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(clock)
  if (clock && !time) return null
  return { day: `${year}-${pad(month)}-${pad(day)}`, time: time ? `${pad(time[1])}:${time[2]}` : null }
}

function whenText (iso, timed) {
  const isMidnight = iso.endsWith('T00:00') || iso.endsWith('T23:59')
  return !timed || isMidnight ? formatDay(iso) : formatMoment(iso)
}

// The plan: rows grouped by stage number; a group starts when the one before runs out.
function computePlan (start, holidays) {
  const rows = [...section.querySelectorAll('[data-plan-row]')]
  let groupStart = start.time ? `${start.day}T${start.time}` : `${start.day}T00:00`
  let groupEnds = []
  let number = null
  return rows.map((row, index) => {
    if (number !== null && row.dataset.number !== number) {
      groupStart = groupEnds.includes(null) ? null : groupEnds.sort().at(-1)
      groupEnds = []
    }
    number = row.dataset.number
    const timed = Boolean(start.time) || index > 0 && groupStart !== `${start.day}T00:00`
    const readings = []
    row.querySelectorAll('[data-ts-row]').forEach((ts, tsIndex) => {
      if (ts.dataset.datable !== 'yes') return
      ts.querySelectorAll('[data-reading]').forEach((el, r) => {
        if (groupStart === null) return
        const [day, time] = groupStart.split('T')
        const d = deadline(el.dataset.within, day, timed ? time : null, holidays)
        readings.push({ ts: tsIndex, r, d })
      })
    })
    const ends = readings.map(x => latest(x.d)).filter(Boolean).sort().at(-1) || null
    groupEnds.push(ends)
    return { index, starts: groupStart, ends, readings, timed }
  })
}

function fill (plan, start) {
  section.querySelector('[data-start]').textContent = whenText(
    start.time ? `${start.day}T${start.time}` : start.day, Boolean(start.time))
  for (const row of plan) {
    const cell = section.querySelector(`[data-plan-row="${row.index}"] [data-starts]`)
    cell.textContent = row.starts === null
      ? 'Cannot be worked out: an earlier stage has no timescale'
      : whenText(row.starts, row.index > 0 || Boolean(start.time))
    for (const { ts, r, d } of row.readings) {
      const selector = `.app-deadline[data-row="${row.index}"][data-ts="${ts}"][data-r="${r}"]`
      for (const el of document.querySelectorAll(selector)) {
        el.textContent = deadlineText(d)
        el.closest('[data-by]').hidden = false
        // Each reading carries its own notes: look only inside this reading.
        const reading = el.closest('.app-reading')
        const outside = reading.querySelector('[data-outside]')
        if (outside) outside.hidden = !d.outsideWorkingDays
        const midnight = reading.querySelector('[data-midnight]')
        if (midnight) midnight.hidden = !d.fromStartOfDay
      }
    }
  }
}

function icsDate (iso) { return iso.replaceAll('-', '').replace(':', '') }

function calendar (plan) {
  const title = document.querySelector('.app-header__title').textContent.trim()
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//escalation-wizard//EN', 'CALSCALE:GREGORIAN']
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z'
  for (const row of plan) {
    const heading = section.querySelector(`[data-plan-row="${row.index}"] th`).textContent.replace(/\s+/g, ' ').trim()
    for (const { ts, r, d } of row.readings) {
      if (d.at === null) continue
      const item = section.querySelectorAll(`[data-plan-row="${row.index}"] [data-ts-row]`)[ts]
      const what = item.firstChild.textContent.trim().replace(/:$/, '')
      const within = item.querySelectorAll('[data-reading]')[r].dataset.within
      lines.push('BEGIN:VEVENT', `UID:${row.index}-${ts}-${r}-${icsDate(d.at)}@escalation-wizard`, `DTSTAMP:${stamp}`,
        `SUMMARY:${escape(`${heading}: ${what} (within ${within})`)}`, `DESCRIPTION:${escape(title)}`)
      if (d.kind === 'day') {
        const next = new Date(Date.parse(d.at + 'T00:00:00Z') + 86400000).toISOString().slice(0, 10)
        lines.push(`DTSTART;VALUE=DATE:${icsDate(d.at)}`, `DTEND;VALUE=DATE:${icsDate(next)}`)
      } else {
        lines.push(`DTSTART;TZID=Europe/London:${icsDate(d.at)}00`, `DTEND;TZID=Europe/London:${icsDate(d.at)}00`)
      }
      lines.push('END:VEVENT')
    }
  }
  lines.push('END:VCALENDAR')
  return lines.join('\r\n') + '\r\n'
}

function escape (text) { return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n') }

async function main () {
  if (!section) return
  const response = await fetch(section.dataset.holidays)
  const holidays = new Set((await response.json()).dates)
  const form = section.querySelector('[data-when]')
  const today = new Date()
  form.querySelector('#day').value = today.getDate()
  form.querySelector('#month').value = today.getMonth() + 1
  form.querySelector('#year').value = today.getFullYear()
  let plan = null
  const update = () => {
    const start = startFromForm(form)
    const error = form.querySelector('[data-when-error]')
    if (error) error.hidden = start !== null
    if (start === null) return false
    plan = computePlan(start, holidays)
    fill(plan, start)
    return true
  }
  form.addEventListener('submit', event => {
    event.preventDefault()
    if (!update()) return
    if (event.submitter && event.submitter.name === 'download') {
      const link = document.createElement('a')
      link.href = URL.createObjectURL(new Blob([calendar(plan)], { type: 'text/calendar' }))
      link.download = location.pathname.split('/').filter(Boolean)[0] + '-escalation.ics'
      link.click()
      URL.revokeObjectURL(link.href)
    }
  })
  update()
  section.hidden = false
}

main()
