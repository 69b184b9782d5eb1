"""The facilitator's room view: every team side by side, the room's notice, every playbook."""
