import { clockText, dayText, wallAt } from './deadlines.js'

// On paper, a stage outcome is a record for the child's file: it says when it was printed
// and where it came from. Without JavaScript the printout keeps a blank to fill in by hand.
const printed = document.querySelector('[data-printed]')
const address = document.querySelector('[data-page-address]')

function stamp () {
  const now = new Date()
  if (document.documentElement.lang.startsWith('en')) {
    printed.textContent = new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/London'
    }).format(now)
  } else { // a language Intl in the browser may not know: the names the page gives (#date-names)
    const wall = new Date(wallAt(now.getTime())).toISOString()
    printed.textContent = `${dayText(wall.slice(0, 10))}, ${clockText(wall.slice(11, 16))}`
  }
  // The address without the fragment: a start date kept there is nobody else's business.
  address.textContent = location.origin + location.pathname
}

if (printed && address) {
  stamp()
  window.addEventListener('beforeprint', stamp)
}
