"""The web workspace (Django): every party does its part of an evaluation round in the browser.

The engine (`pinggu`) stays free of Django; this package stores rounds, data versions, scores
and findings, and calls the engine and the report writer on them.
"""
