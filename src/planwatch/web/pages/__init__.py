"""The pages of planwatch: what people see in the browser (dashboard, ledgers, reporting, approval)."""
