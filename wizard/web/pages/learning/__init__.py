"""Learning pages for new starters: practice scenarios, partnerships compared, the role matrix."""
