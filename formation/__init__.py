"""formation: form and run a community-led organization.

The domain library: models, the encrypted workspace store, governance rules, the power audit,
legal contexts and documents. It never imports textual or the wizard.
"""

__version__ = "0.1.0"
