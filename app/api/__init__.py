"""The JSON API under /api/v1: per-user tokens, the same policy and operations as the pages."""
