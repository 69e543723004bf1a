"""Escalation wizard: guidance on resolving professional disagreements about a child's safety."""
