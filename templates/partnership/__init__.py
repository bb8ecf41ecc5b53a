"""The partnership agreement: its wording (wording.toml) and its .docx layout (built by build_layout.py)."""
