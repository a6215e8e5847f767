"""Report documents (.docx, .pdf, .txt, .md): thin readers per format into one neutral shape
(:mod:`.blocks`), which tables they hold (:mod:`.tables`), the figures their sentences state
(:mod:`.claims`), and :func:`read_report` (:mod:`.reader`). Nothing here is imported by
``import onex``; python-docx and pdfplumber are imported only when such a file is read."""
