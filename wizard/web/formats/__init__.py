"""Files other than HTML pages: the dated plan as iCalendar, the record and forms as Word."""
