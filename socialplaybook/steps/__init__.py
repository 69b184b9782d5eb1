"""The workshop's steps: the registry, and a package per step (its section model, its rules
in files of one concern, its Markdown).
"""
