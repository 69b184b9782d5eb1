"""``social-playbook serve``: the Voila application, the kernel template, room sizing and
the page template.
"""
