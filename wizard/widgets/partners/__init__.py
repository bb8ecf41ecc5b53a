"""The parts of the partners screen: the agreement's details, its powers and the audit's verdict."""
