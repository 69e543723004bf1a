// pa11y drives puppeteer, which would download a browser of its own on install: never.
// The tests launch Debian's /usr/bin/chromium instead (tests/pa11y.mjs).
module.exports = { skipDownload: true }
