"""Documents the state uses: the decision (DOCX, PDF) and the per-subject certificates (PDF)."""
