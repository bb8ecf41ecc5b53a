"""The parts of a meeting on screen: quorum indicator, attendance, motions, action items."""
