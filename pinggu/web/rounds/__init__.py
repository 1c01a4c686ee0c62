"""A round's work: planning, the station's data, scores, findings and the workflow."""
