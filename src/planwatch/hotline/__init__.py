"""接诉即办: the 12345 citizen hotline's rates, scores and rankings computed from raw tickets.

See docs/hotline.md. The modules: ``schema`` (the ticket fields), ``read`` (CSV/Excel/Parquet, checked),
``store`` (the Parquet ticket store), ``source`` (``--tickets PATH``), ``rules`` (versioned rule sets),
``engine`` (DuckDB / Spark), ``queries`` (the SQL, written once), ``figures`` (rates, score, shares and
ranks in Decimal), ``analysis`` (the entry point), ``ranking``, ``topics``, ``complaints``, ``generate``
(the synthetic city) and ``plan`` (the figures as observations of a plan package).
"""
