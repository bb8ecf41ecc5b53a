"""The parts of the capacity screen: the handover plan's rows and the details of a role."""
