// The tool's own sentences in the reader's language, from the same catalogue as the
// server's. The page hands over the ones its scripts say, keyed by the English sentence,
// as JSON in <script type="application/json" id="messages">; without it (Node's tests, or
// a page that gives none) the English sentence is said. Placeholders are named, %(day)s.

let given = (() => {
  const el = typeof document !== 'undefined' ? document.getElementById('messages') : null
  return el ? JSON.parse(el.textContent) : {}
})()

// Node's tests say the sentences of another language, as a page of that language hands them.
export function useMessages (messages) { given = messages }

export function _ (message, values = {}) {
  const text = Object.hasOwn(given, message) ? given[message] : message
  return text.replace(/%\((\w+)\)s/g, (all, name) => String(values[name]))
}
