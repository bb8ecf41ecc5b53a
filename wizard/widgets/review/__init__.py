"""The parts of the review screen: notes as listed, and two bylaws versions compared."""
