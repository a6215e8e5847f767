"""Reading and writing onex data, one room per job.

- ``converter``: the one cattrs converter; ``files``: datasets as JSON/TOML by suffix (tables
  and workbooks by dispatch); ``atomic``: the one safe write; ``problems``: located problems.
- ``detect``: which kind of table a file holds, and ``read_table`` for any of them;
  ``table_import``: what a table read gave.
- ``tables/``: summary tables (考证情况汇总表): ``text`` (encodings, delimiters), ``xlsx``
  (openpyxl), ``grid`` (rows with their places), ``header`` (the one header rule), ``values``
  (cell values), ``context`` (institution, year, certificate codes), ``rows`` and ``summary``.
- ``results/``: candidate results: ``reader`` (``read_results``), ``blocks`` (CSV blocks),
  ``tally`` (checking and counting), ``idnumbers`` (身份证号), ``progress``.
- ``workbook/``: the fill-in workbook: ``layout``, ``write``, ``read``, ``sheets``.

The public functions are exported by :mod:`onex`; the modules here are private.
"""
