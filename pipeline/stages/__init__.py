"""The stages of a build, in run order: extract → validate → transform → publish."""
