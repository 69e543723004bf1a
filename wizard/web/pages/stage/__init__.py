"""The stage outcome page: `view` (who acts, what to do), `plan` (the dated duties), `page`."""
