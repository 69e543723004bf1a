// Dates the plan in the browser. The page says which readings there are, which belong
// together, and where each goes (the plan data in #plan-data, and the data-reading,
// data-group and data-starts keys); this script only does the arithmetic (deadlines.js,
// the same rules as the live app, checked against shared vectors) and fills those elements.
//
// On a static page it dates everything, from the start of today unless a start is entered,
// and builds the .ics. On a live page (cached for the day, dated from the start of today) it
// dates the page again, so that what is overdue is marked at the moment it is read, but only
// while the start is the default: a start someone posted stays as the server dated it. The
// time is never filled in: an empty time counts from the start of the day, as its hint says.
//
// The start entered, and any other date asked for, is kept in the address's fragment
// (#start=2026-12-24T10:00&outcome=2026-12-28), which the browser never sends to a server:
// reload, Back and a bookmark keep the dates. "Start again" clears it. With JavaScript the
// live page works the dates out here too, so the start never reaches the server.
import { entered, overallSince, overallView, planView, readStart, startText, wallAt } from './deadlines.js'
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
    el.querySelector('[data-outside]').hidden = !(reading && reading.outside && reading.other !== 'next working day')
    for (const note of el.querySelectorAll('[data-other]')) note.hidden = !(reading && reading.other === note.dataset.other)
  })
  // "It counts from the date ... was agreed / began: give that date" stands only while undated.
  each(`[data-undated-for="${key}"]`, el => { el.hidden = Boolean(reading) })
}

// The notes on how the dates were counted stand once on the page: each shown where any
// reading on the page needs it (stage.plan.Plan.notes in wizard/web/pages says the same for the live page).
function fillNotes (readings) {
  const needed = new Set()
  for (const reading of readings) {
    if (!reading) continue
    if (reading.midnight) needed.add('midnight')
    if (reading.other) needed.add(reading.other)
  }
  each('[data-page-note]', el => { el.hidden = !needed.has(el.dataset.pageNote) })
}

// The readings the page prints: only those with an element, as the page model chose them.
function shownReadings (view, overall) {
  const all = { ...view.readings, ...overall }
  return Object.keys(all).filter(key => document.querySelector(`[data-reading="${key}"]`)).map(key => all[key])
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
  view.starts.forEach((text, i) => each(`[data-starts="${i}"]`, el => {
    if (!view.moved[i]) el.textContent = data.rows[i].after.replace('{start}', view.startTexts[i])
    else el.textContent = data.rows[i].dates ? data.moved.replace('{start}', view.startTexts[i]) : data.movedUndated
  }))
  for (const [key, reading] of Object.entries(view.readings)) fillReading(key, reading)
  for (const [key, keys] of Object.entries(view.order)) {
    order(key, keys)
    showAll(`[data-dated-order="${key}"]`, keys.some(k => view.readings[k]))
  }
  showAll('[data-dated]', true)
  showAll('[data-moved-note]', view.moved.some(Boolean))
}

// Today's date, and never a time: the hint promises that an empty time counts from the
// start of the day, and a time filled in for the worker would count later than the policy.
function setToday (form) {
  const now = new Date(wallAt(Date.now()))
  form.querySelector('#day').value = now.getUTCDate()
  form.querySelector('#month').value = now.getUTCMonth() + 1
  form.querySelector('#year').value = now.getUTCFullYear()
}

function fields (form) {
  return ['day', 'month', 'year', 'clock'].map(name => form.querySelector(`#${name}`).value)
}

function eventFields (form, key) {
  return ['day', 'month', 'year'].map(part => form.querySelector(`[name="${key}-${part}"]`).value)
}

// The dates of other events asked for: {key: start}, or the key of an error.
function readEvents (form, data) {
  const events = {}
  for (const key of data.asks) {
    const parts = eventFields(form, key)
    if (parts.every(part => part.trim() === '')) continue
    const given = readStart(...parts, '')
    if (given.error) return { error: `${key} ${given.error}` }
    events[key] = entered(given.day, null)
  }
  return { events }
}

// The fragment: what was entered, never sent to a server.
function toFragment (form, data) {
  // Only digits, '-', 'T' and ':' go in, read once the form has accepted them: kept readable.
  const given = readStart(...fields(form))
  const parts = [`start=${given.day}${given.clock ? 'T' + given.clock : ''}`]
  for (const key of data.asks) {
    const typed = readStart(...eventFields(form, key), '')
    if (typed.day) parts.push(`${key}=${typed.day}`)
  }
  history.replaceState(history.state, '', '#' + parts.join('&'))
}

function fromFragment (form, data) {
  const params = new URLSearchParams(location.hash.slice(1))
  if (!params.has('start')) return false
  const put = (names, value) => {
    const [date, clock] = value.split('T')
    const [y, m, d] = date.split('-').map(Number).map(String)
    names.forEach((selector, i) => { form.querySelector(selector).value = [d, m, y, clock || ''][i] ?? '' })
  }
  put(['#day', '#month', '#year', '#clock'], params.get('start'))
  for (const key of data.asks) {
    if (params.has(key)) put(['day', 'month', 'year'].map(p => `[name="${key}-${p}"]`), params.get(key))
  }
  return true
}

function showError (data, error) {
  const message = error ? data.messages[error] : ''
  // The page's title starts "Error: " while a date is wrong, as a page the server answers does.
  const said = section.querySelector('[data-when-error] .govuk-visually-hidden')
  if (said) {
    const prefix = said.textContent + ' '
    const title = document.title.startsWith(prefix) ? document.title.slice(prefix.length) : document.title
    document.title = error ? prefix + title : title
  }
  each('[data-when-error]', el => { el.querySelector('[data-message]').textContent = message; el.hidden = !error })
  const summary = section.querySelector('[data-error-summary]')
  if (!summary) return
  summary.hidden = !error
  summary.querySelector('[data-error-list]').replaceChildren(...(error ? [errorItem(message)] : []))
  if (error) summary.focus()
}

// The summary's one item: a link to the date's first field, named by the error.
function errorItem (message) {
  const link = document.createElement('a')
  link.href = '#day'
  link.textContent = message
  const item = document.createElement('li')
  item.append(link)
  return item
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

// "Change when it started" opens the date form it leads to, and keeps the dates in the
// address's fragment, which following the link would replace.
function unfoldOnLink () {
  const fold = document.getElementById('when-heading')
  if (!fold) return
  for (const link of document.querySelectorAll('a[href="#when-heading"]')) {
    link.addEventListener('click', event => {
      event.preventDefault()
      fold.open = true
      fold.scrollIntoView()
      fold.querySelector('summary').focus()
    })
  }
}

function main () {
  if (!section || !dataElement) return
  unfoldOnLink()
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
    const other = readEvents(form, data)
    const error = given.error || other.error
    showError(data, error)
    if (error) return null
    const start = entered(given.day, given.clock)
    const now = Date.now()
    const view = planView(data.rows, start, holidays, now, other.events)
    view.startTexts = view.starts.map((_, i) => startText(view.chained[i]))
    fill(view, data)
    const overall = overallView(data.overall, overallSince(other.events, start, data.first), holidays, now)
    for (const [key, reading] of Object.entries(overall)) fillReading(key, reading)
    fillNotes(shownReadings(view, overall))
    return view
  }
  form.addEventListener('input', () => { touched = true })
  form.addEventListener('submit', async event => {
    event.preventDefault() // the dates are worked out here: nothing entered reaches the server
    if (holidays === null) await ready
    const view = update()
    if (view) toFragment(form, data)
    if (view && event.submitter && event.submitter.name === 'download') download(data, view)
  })
  for (const link of document.querySelectorAll('[data-start-again]')) {
    link.addEventListener('click', () => history.replaceState(history.state, '', location.pathname + location.search))
  }
  // The same page in another language keeps the dates given here (the fragment).
  for (const link of document.querySelectorAll('[data-keep-fragment]')) {
    link.addEventListener('click', () => { link.hash = location.hash })
  }
  const kept = fromFragment(form, data)
  if (kept) touched = true
  else setToday(form)
  ready.then(() => {
    if (!data.dated) {
      showAll('[data-needs-js]', false)
      showAll('[data-when-heading]', true)
      form.hidden = false
    }
    // Someone already typing keeps what they typed; the dates follow when they submit.
    // A start kept in the fragment is dated at once.
    if (!touched || kept) update()
  }, () => {}) // without bank holidays no date is given: the words stay, as without JavaScript
  // Back to a page kept whole by the browser: the fragment, not the form as it was, decides.
  window.addEventListener('pageshow', event => {
    if (!event.persisted || holidays === null) return
    if (!fromFragment(form, data)) {
      for (const field of form.querySelectorAll('input')) field.value = ''
      setToday(form)
    }
    update()
  })
}

main()
