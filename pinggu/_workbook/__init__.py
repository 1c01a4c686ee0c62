"""The evaluation workbook (xlsx): its layout, the importer and the blank template."""
