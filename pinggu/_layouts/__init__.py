"""The layouts stations and agencies keep in the field, read as the tidy sheets of the template.

`read_layouts` (the hook the importer calls on every workbook) recognises, per sheet and from its
headers, the monthly staffing grid (`staffing_grid`) and the indicator table (`indicator_table`)
and turns each into the rows of the tidy sheet it stands for, so every check of the importer and
the engine applies to it unchanged; `convert` writes what was read as a tidy workbook. See
docs/layouts.md.
"""
