"""Publishing: freeze the site to static files, check its links, preview it locally."""
