// Runs pa11y (HTML_CodeSniffer, WCAG 2 AA) over pages in Debian's Chromium, never a
// downloaded one. Reads {"chromeLaunchConfig": {...}, "urls": [...], "options": {...}} on
// stdin and writes {"<url>": [issue, ...]} on stdout. pa11y reports errors only, unless the
// options ask for more (e.g. "includeWarnings": true, to look for text that acts as a heading).
import pa11y from 'pa11y'
import puppeteer from 'puppeteer'

async function readStdin () {
  const chunks = []
  for await (const chunk of process.stdin) chunks.push(chunk)
  return JSON.parse(Buffer.concat(chunks).toString('utf8'))
}

async function main () {
  const { chromeLaunchConfig, urls, options = {} } = await readStdin()
  // One browser for every page: pa11y leaves a browser it is given open.
  const browser = await puppeteer.launch(chromeLaunchConfig)
  const found = {}
  try {
    for (const url of urls) {
      const result = await pa11y(url, { ...options, browser, runners: ['htmlcs'], standard: 'WCAG2AA' })
      found[url] = result.issues
    }
  } finally {
    await browser.close()
  }
  process.stdout.write(JSON.stringify(found))
}

await main()
