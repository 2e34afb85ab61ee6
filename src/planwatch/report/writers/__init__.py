"""Writers: one module per format, each ``write(doc, path)`` from the same document model."""
