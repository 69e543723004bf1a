"""Text in the reader's language: the message catalogue, and words built from dates and terms."""
