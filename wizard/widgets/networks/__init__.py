"""The sex worker-led networks of the group's legal context, shown where the group is formed."""
