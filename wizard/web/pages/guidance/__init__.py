"""Guidance pages: the start page's stage overview, the procedure and its flowchart."""
