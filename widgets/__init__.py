"""ipywidgets components, one per workshop step, composing the socialplaybook core."""
