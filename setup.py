"""What pyproject.toml cannot say on its own: the code's packages are found, not listed
(a new step's package needs no edit here), and the two folders at the top of the
repository that are installed inside the package are added to them."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["socialplaybook", "socialplaybook.*", "widgets",
                                        "widgets.*"]),
                "socialplaybook._datasets", "socialplaybook._notebooks"])
