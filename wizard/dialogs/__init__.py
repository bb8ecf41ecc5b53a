"""Modal dialogs, each returning a typed answer with ``dismiss``."""
