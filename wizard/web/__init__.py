"""The web layer: app factory, URLs, page builders (`pages`), files (`formats`), words (`text`)."""
