"""Spreadsheets in general, apart from any one sheet's layout: reading a file under the guard and
its limits (`reader`, `guard`, `limits`), and writing a cell so that text stays text (`write`).
The evaluation workbook's own layout lives in `pinggu._workbook`."""
