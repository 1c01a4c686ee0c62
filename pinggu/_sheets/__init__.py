"""Spreadsheets in general, apart from any one sheet's layout.

Reading a file under the guard and its limits (`reader`, `guard`, `limits`); declaring a table
sheet's columns (`columns`); finding a header row and converting cells and rows (`tables`,
`cells`); writing a cell so that text stays text (`write`). The evaluation workbook's own layout
and rules live in `pinggu._workbook`, the roster's in `pinggu._roster`, the survey sheet's in
`pinggu._survey_sheet`.
"""
