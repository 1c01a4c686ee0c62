"""The dashboard for those who oversee many stations: its tables, page and exports."""
