"""social-playbook: the domain core of the social media strategy workshop (no widgets here)."""

__version__ = "0.1.0"
