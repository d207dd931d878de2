"""The rules of the product, in plain Python: no Flask, no SQLAlchemy, no I/O.

Everything here can be imported and tested without an application or a database.
"""
