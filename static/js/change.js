// The static site's Change links: the question opens with the old answer marked, and a new
// answer keeps every later answer that still fits. The live app does this on the server;
// a static host has no server, so this script tries the longest path that exists.
// Without JavaScript the options stay plain links to the next question.
import { _ } from './messages.js'

const params = new URLSearchParams(location.search)
const previous = params.get('change')
const later = (params.get('then') || '').split('/').filter(Boolean)

async function exists (url) {
  const response = await fetch(url, { method: 'HEAD' })
  return response.ok
}

// The option's own address, then that address with as many later answers as still fit.
async function furthest (href) {
  for (let keep = later.length; keep > 0; keep -= 1) {
    const url = href + later.slice(0, keep).join('/') + '/'
    if (await exists(url)) return url
  }
  return href
}

for (const link of document.querySelectorAll('.app-options a')) {
  const slug = link.getAttribute('href').split('/').filter(Boolean).at(-1)
  if (slug === previous) {
    const mark = document.createElement('strong')
    mark.className = 'govuk-tag app-previous'
    mark.textContent = _('Your answer')
    link.after(' ', mark)
  }
  if (later.length) {
    link.addEventListener('click', async event => {
      event.preventDefault()
      location.href = await furthest(link.href)
    })
  }
}
