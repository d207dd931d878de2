"""Exports of plans and reports to files (Word documents in the official format)."""
