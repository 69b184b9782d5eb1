"""StepApp, the base of every step's app: the team, the guarded load, autosave with merges,
live refresh, tabs."""
