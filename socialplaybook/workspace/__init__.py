"""Teams and every revision of their plans in a real database: the store, the three-way
merge, thinning and the Alembic migrations.
"""
