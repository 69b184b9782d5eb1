"""The Plan assembled from the registry's sections, its schema version and upgrades, plan
files and exports.
"""
