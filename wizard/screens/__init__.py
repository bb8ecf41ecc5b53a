"""One screen per file: the entry screens (start, unlock, create) and one per step of the flow."""
