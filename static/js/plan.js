// Dates the plan in the browser. The page says which readings there are, which belong
// together, and where each goes (the plan data in #plan-data, and the data-reading,
// data-group and data-starts keys); this script only does the arithmetic (deadlines.js,
// the same rules as the live app, checked against shared vectors) and fills those elements.
//
// On a static page it dates everything, from now unless a start is entered, and builds
// the .ics. On a live page (cached for the day, dated from the start of today) it fills
// in the time now and dates the page again, but only while the start is the default: a
// start someone posted stays as the server dated it.
import { entered, planView, readStart, wallAt } from './deadlines.js'
import { icsCalendar, icsEvent } from './calendar.js'

const section = document.getElementById('dates')
const dataElement = document.getElementById('plan-data')

function each (selector, action) {
  for (const element of document.querySelectorAll(selector)) action(element)
}

function showAll (selector, shown) { each(selector, el => { el.hidden = !shown }) }

function fillReading (key, reading) {
  each(`[data-reading="${key}"]`, el => {
    el.querySelector('[data-text]').textContent = reading ? reading.text : ''
    el.querySelector('[data-by]').hidden = !reading
    el.querySelector('[data-overdue]').hidden = !(reading && reading.overdue)
    el.querySelector('[data-outside]').hidden = !(reading && reading.outside)
    el.querySelector('[data-midnight]').hidden = !(reading && reading.midnight)
  })
}

// Puts a duty's readings in the order the rule gave: the earliest first.
function order (groupKey, keys) {
  each(`[data-group="${groupKey}"]`, list => {
    for (const key of keys) list.append(list.querySelector(`[data-reading="${key}"]`).closest('li'))
  })
}

function fill (view, data) {
  each('[data-start-text]', el => { el.textContent = view.startText })
  showAll('[data-future]', view.future)
  each('[data-clock-note]', el => { el.textContent = view.note; el.hidden = view.note === '' })
  view.starts.forEach((text, i) => each(`[data-starts="${i}"]`, el => { el.textContent = text ?? data.unknown }))
  for (const [key, reading] of Object.entries(view.readings)) fillReading(key, reading)
  for (const [key, keys] of Object.entries(view.order)) {
    order(key, keys)
    showAll(`[data-dated-order="${key}"]`, keys.some(k => view.readings[k]))
  }
  showAll('[data-dated]', true)
}

function pad (n) { return String(n).padStart(2, '0') }

function setNow (form) {
  const now = new Date(wallAt(Date.now()))
  form.querySelector('#day').value = now.getUTCDate()
  form.querySelector('#month').value = now.getUTCMonth() + 1
  form.querySelector('#year').value = now.getUTCFullYear()
  form.querySelector('#clock').value = `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}`
}

function fields (form) {
  return ['day', 'month', 'year', 'clock'].map(name => form.querySelector(`#${name}`).value)
}

function showError (data, error) {
  const message = error ? data.messages[error] : ''
  each('[data-when-error]', el => { el.querySelector('[data-message]').textContent = message; el.hidden = !error })
  const summary = section.querySelector('[data-error-summary]')
  if (!summary) return
  summary.hidden = !error
  summary.querySelector('[data-error-link]').textContent = message
  if (error) summary.focus()
}

function download (data, view) {
  const stamp = Date.now()
  // In the order the page shows them, as the live app writes them: the earliest first.
  const events = Object.values(view.order).flat()
    .filter(key => data.events[key] && view.deadlines[key] && view.deadlines[key].end !== null)
    .map(key => icsEvent(view.deadlines[key], data.events[key], view.readings[key].text, stamp))
  if (!events.length) return // the page offers no download where nothing can be dated
  const link = document.createElement('a')
  link.href = URL.createObjectURL(new Blob([icsCalendar(data.calendar, events)], { type: 'text/calendar' }))
  link.download = data.filename
  link.click()
  URL.revokeObjectURL(link.href)
}

function main () {
  if (!section || !dataElement) return
  const data = JSON.parse(dataElement.textContent)
  if (data.dated && !data.default) return
  const form = section.querySelector('[data-when]')
  let holidays = null
  let touched = false
  const ready = fetch(section.dataset.holidays)
    .then(response => response.json())
    .then(found => { holidays = new Set(found.dates) })
  const update = () => {
    const given = readStart(...fields(form))
    showError(data, given.error)
    if (given.error) return null
    const view = planView(data.rows, entered(given.day, given.clock), holidays, Date.now())
    fill(view, data)
    return view
  }
  form.addEventListener('input', () => { touched = true })
  if (!data.dated) {
    form.addEventListener('submit', async event => {
      event.preventDefault()
      if (holidays === null) await ready
      const view = update()
      if (view && event.submitter && event.submitter.name === 'download') download(data, view)
    })
  }
  setNow(form)
  ready.then(() => {
    if (!data.dated) {
      showAll('[data-needs-js]', false)
      form.hidden = false
    }
    // Someone already typing keeps what they typed; the dates follow when they submit.
    if (!touched) update()
  }, () => {}) // without bank holidays no date is given: the words stay, as without JavaScript
}

main()
