"""The evaluation report: content built from a result, laid out in Word, converted to PDF, audited."""
