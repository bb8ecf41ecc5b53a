"""The formation wizard: a Textual application over the ``formation`` library.

Start it with ``wizard.app.run_wizard(path, demo=...)``. Screens ask ``formation`` what to show and
tell it what changed; they hold no governance logic and never open files themselves.
"""
